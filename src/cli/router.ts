import { setFlagsFromString } from 'node:v8';
import { SHORT_USAGE, UsageError, USAGE } from './usage.js';
import { didYouMean } from './suggest.js';
import { EXIT } from './exit-codes.js';
import { toolVersion } from './version.js';
import { finish } from './finish.js';
import { writeOut } from './output.js';

// A check makes a handful of HTTP requests and exits. V8 would otherwise compile undici's
// WebAssembly HTTP parser a second time with TurboFan in the background: ~35 MB and ~100 ms of CPU
// that never pay back in a process this short. Liftoff's baseline code is plenty (see
// docs/BENCHMARKS.md). Set before anything loads undici.
setFlagsFromString('--liftoff-only');

/** Every command module exports `run(args) → exit code`; loaded lazily so --help/--version stay fast. */
type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).runCheck,
  explain: async () => (await import('./commands/explain.js')).runExplain,
  report: async () => (await import('./commands/report.js')).runReport,
  fix: async () => (await import('./commands/fix.js')).runFix,
  undo: async () => (await import('./commands/undo.js')).runUndo,
  watch: async () => (await import('./commands/watch.js')).runWatch,
  wizard: async () => (await import('./commands/wizard.js')).runWizard,
  'api-key': async () => (await import('./commands/api-key.js')).runApiKey,
  service: async () => (await import('./commands/service.js')).runService,
  hook: async () => (await import('./commands/hook.js')).runHook,
  statusline: async () => (await import('./commands/statusline.js')).runStatusline,
  wait: async () => (await import('./commands/wait.js')).runWait,
  status: async () => (await import('./commands/status.js')).runStatus,
  remote: async () => (await import('./commands/remote.js')).runRemote,
};

/**
 * No command takes more: Node's parseArgs slows quadratically with the count, and a text that
 * long belongs on stdin (`explain -`).
 */
const MAX_ARGS = 4096;

async function main(argv: string[]): Promise<number> {
  if (argv.length > MAX_ARGS)
    throw new UsageError(
      `too many arguments (${argv.length}; at most ${MAX_ARGS}). Pass a long text on stdin instead: claude-auth-doctor explain - < error.txt`,
    );
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    await writeOut(`${toolVersion()}\n`);
    return EXIT.ok;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    // One screen (80×24) that says where to start; everything with `help all`.
    await writeOut(rest[0] === 'all' || rest[0] === '--all' ? USAGE : SHORT_USAGE);
    return EXIT.ok;
  }
  const isCommand = first !== undefined && !first.startsWith('-');
  const name = isCommand ? first : 'check';
  const load = COMMANDS[name];
  if (!load) {
    const hint = didYouMean(name, Object.keys(COMMANDS));
    throw new UsageError(`Unknown command "${name}".${hint || ` Commands: ${Object.keys(COMMANDS).join(', ')}.`}`);
  }
  const command = await load();
  return command(isCommand ? rest : argv);
}

/** The whole CLI: every command, --help and --version; main.ts sends every command here but the hot ones (hot.ts). */
export function runRouter(argv: string[]): void {
  finish(main(argv));
}
