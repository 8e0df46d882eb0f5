import type { ReportFacts } from '../../shared/report.js';
import { CLAUDE_BIN_VARIABLE, locateClaude, nodeRealPath, type ClaudeBinary, type RealPath } from '../claude-code/claude-bin.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import type { Os } from '../io/os.js';
import type { CommandResult } from '../io/ports.js';
import { redactText } from '../redact/redact.js';
import { loadAuthFacts } from './auth-facts.js';

/** Versions below this predate the current login flow; anything newer is taken as fine. */
const MINIMUM_VERSION = '1.0.0';
const MAX_COMMAND_MS = 5000;
const MAX_OUTPUT = 64 * 1024;
const MAX_DUPLICATES_PROBED = 3;

const INSTALL_COMMANDS: Readonly<Record<Os, string>> = {
  darwin: '`curl -fsSL https://claude.ai/install.sh | bash`',
  linux: '`curl -fsSL https://claude.ai/install.sh | bash`',
  win32: '`irm https://claude.ai/install.ps1 | iex` (PowerShell)',
};

const UNINSTALL_HINTS: Readonly<Record<ClaudeBinary['method'], string>> = {
  npm: '`npm uninstall -g @anthropic-ai/claude-code`',
  'npm-local': 'delete ~/.claude/local',
  native: 'delete it and ~/.local/share/claude',
  homebrew: '`brew uninstall --cask claude-code`',
  unknown: 'delete it',
};

type Run = (args: readonly string[]) => Promise<CommandResult>;

function commandTimeout(budgetMs: number): number {
  return Math.min(MAX_COMMAND_MS, Math.max(500, Math.floor(budgetMs * 0.8)));
}

/** Windows will not start a .cmd/.bat without cmd.exe (npm installs a `claude.cmd` shim). */
function runnerFor(ctx: ProbeInput, bin: string, timeoutMs: number): Run {
  const env = { ...ctx.env, NO_COLOR: '1' };
  const viaShell = ctx.platform.os === 'win32' && /\.(cmd|bat)$/i.test(bin);
  const file = viaShell ? (ctx.env['ComSpec'] ?? ctx.env['COMSPEC'] ?? 'cmd.exe') : bin;
  return (args) => ctx.runner.run(file, viaShell ? ['/d', '/c', bin, ...args] : args, { timeoutMs, env, maxBytes: MAX_OUTPUT });
}

function firstLine(text: string): string {
  return redactText(text.trim().split(/\r?\n/)[0] ?? '').slice(0, 200);
}

type VersionRead =
  { readonly kind: 'ok'; readonly version: string } | { readonly kind: 'broken'; readonly cause: string; readonly fatal: boolean };

const VERSION = /\b(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?\b/;

function readVersion(result: CommandResult, bin: string, timeoutMs: number): VersionRead {
  const command = `\`${bin} --version\``;
  if (result.timedOut) {
    return {
      kind: 'broken',
      fatal: false,
      cause: `${command} did not answer within ${timeoutMs / 1000} s; it may be stuck updating. Run it yourself to see what it waits for.`,
    };
  }
  if (result.spawnError) {
    const code = result.spawnError;
    const fatal = code === 'EACCES' || code === 'ENOENT' || code === 'EPERM' || code === 'ENOEXEC';
    return { kind: 'broken', fatal, cause: `${bin} could not be started (${code}); reinstall Claude Code, or make the file executable.` };
  }
  if (result.code !== 0) {
    const how = result.code === null ? 'was killed by a signal (crashed)' : `exited with code ${result.code}`;
    const said = firstLine(result.stderr) || firstLine(result.stdout);
    return {
      kind: 'broken',
      fatal: false,
      cause: `${command} ${how}${said ? `: ${said}` : ''}. Reinstalling or updating Claude Code usually repairs a broken install.`,
    };
  }
  const match = VERSION.exec(result.stdout);
  if (!match) {
    return {
      kind: 'broken',
      fatal: false,
      cause: `${command} printed no version (${JSON.stringify(firstLine(result.stdout))}); this \`claude\` may be a different program.`,
    };
  }
  return { kind: 'ok', version: match[0] };
}

/** Numeric major.minor.patch comparison; pre-release tags are ignored. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string): number[] => (VERSION.exec(v) ?? []).slice(1, 4).map(Number);
  const [a, b] = [parts(version), parts(minimum)];
  for (let i = 0; i < 3; i += 1) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    if (x !== y) return x > y;
  }
  return true;
}

function describeInstall(binary: ClaudeBinary, version: string | null): string {
  const facts = [binary.method === 'unknown' ? null : `${binary.method} install`, version].filter((f) => f !== null);
  return facts.length > 0 ? `${binary.path} (${facts.join(', ')})` : binary.path;
}

/** cli.install: is `claude` there, which version, how installed, and is more than one on PATH. */
const NOT_FOUND: ReportFacts = { claude: { version: null, method: null, path: null, installs: [], processes: null } };

/** From this many `claude` processes on one refreshing login, refresh races are worth a sentence. */
export const MANY_PROCESSES = 3;

/** Several `claude` processes share one login whose refresh token is single-use: a note, and for a fleet a warning. */
async function processNote(
  ctx: ProbeInput,
  timeoutMs: number,
): Promise<{ count: number | null; warning: { summary: string; cause: string } | null }> {
  const [count, facts] = await Promise.all([ctx.platform.claudeProcesses(timeoutMs).catch(() => null), loadAuthFacts(ctx)]);
  const refreshing = facts.method.method === 'subscription' && Boolean(facts.snapshot.oauth?.refreshToken);
  if (count === null || count < MANY_PROCESSES || !refreshing) return { count, warning: null };
  return {
    count,
    warning: {
      summary: `${count} claude processes share one login`,
      cause: `${count} \`claude\` processes are running on this machine against the same stored login. Its refresh token is single-use: when two renew it at once, one loses and Claude Code empties the login ("refresh was refused"). Give background jobs, tmux fleets and CI their own long-lived token (\`claude setup-token\`, then CLAUDE_CODE_OAUTH_TOKEN), which never refreshes.`,
    },
  };
}

export function createCliInstallProbe(deps: { readonly realPath?: RealPath } = {}): Probe {
  const realPath = deps.realPath ?? nodeRealPath;
  return {
    id: 'cli.install',
    title: 'Claude Code CLI',
    touches:
      'Looks for `claude` on PATH and runs `claude --version` (and that of up to 3 duplicates), never `claude auth …`, which can refresh; counts running `claude` processes (/proc, `ps -x` or `tasklist`).',
    offline: 'run',
    async run(ctx: ProbeInput): Promise<CheckOutcome> {
      const os = ctx.platform.os;
      const location = await locateClaude(ctx.env, ctx.fs, os, realPath);
      if (location.kind === 'missing') {
        const install = `Install it with the native installer ${INSTALL_COMMANDS[os]} or with \`npm install -g @anthropic-ai/claude-code\`.`;
        if (location.source === 'override') {
          return {
            status: 'fail',
            summary: `${CLAUDE_BIN_VARIABLE} points at a missing file`,
            cause: `${CLAUDE_BIN_VARIABLE} is set to ${location.override}, which does not exist. Point it at the \`claude\` program or unset it to search PATH.`,
            fixes: [],
            evidence: { source: 'override', override: location.override },
            facts: NOT_FOUND,
          };
        }
        return {
          status: 'fail',
          summary: 'Claude Code is not installed or not on PATH',
          cause: `No \`claude\` program was found in the ${location.searched.length} ${location.searched.length === 1 ? 'directory' : 'directories'} on PATH. ${install} If it is installed somewhere else, add that directory to PATH (the native installer uses ~/.local/bin).`,
          fixes: ['update-claude-code'],
          evidence: { source: 'path', searched: [...location.searched] },
          facts: NOT_FOUND,
        };
      }

      const [first, ...others] = location.binaries as [ClaudeBinary, ...ClaudeBinary[]];
      const timeoutMs = commandTimeout(ctx.options.timeoutMs);
      const run = runnerFor(ctx, first.path, timeoutMs);
      // Never `claude auth status`: it refreshes an expired token and rewrites the credentials file.
      const [versionResult, processes, otherVersions] = await Promise.all([
        run(['--version']),
        processNote(ctx, timeoutMs),
        Promise.all(
          others.slice(0, MAX_DUPLICATES_PROBED).map(async (binary) => {
            const read = readVersion(await runnerFor(ctx, binary.path, timeoutMs)(['--version']), binary.path, timeoutMs);
            return read.kind === 'ok' ? read.version : null;
          }),
        ),
      ]);
      const read = readVersion(versionResult, first.path, timeoutMs);
      const version = read.kind === 'ok' ? read.version : null;
      const installs = location.binaries.map((binary, index) => ({
        path: binary.path,
        realPath: binary.realPath,
        method: binary.method,
        version: index === 0 ? version : (otherVersions[index - 1] ?? null),
      }));
      const evidence = {
        source: location.source,
        path: first.path,
        realPath: first.realPath,
        method: first.method,
        version,
        paths: installs,
        processes: processes.count,
      };

      const facts: ReportFacts = {
        claude: {
          version,
          method: first.method,
          path: first.path,
          installs: installs.map((i) => ({ path: i.path, method: i.method, version: i.version })),
          processes: processes.count,
        },
      };

      const duplicates =
        installs.length > 1
          ? {
              summary: `${installs.length} installs of Claude Code on PATH: ${installs.map((i) => i.path).join(', ')}; the first wins`,
              cause: `Several \`claude\` programs are on PATH: ${installs.map((i) => describeInstall(i, i.version)).join('; ')}. A shell runs the first, so updating or logging in through another one changes nothing you use. Keep one: remove the others (${others.map((o) => `${o.path}: ${UNINSTALL_HINTS[o.method]}`).join('; ')}) or reorder PATH.`,
            }
          : null;

      if (read.kind === 'broken') {
        return {
          status: read.fatal ? 'fail' : 'unknown',
          summary: read.fatal
            ? `Claude Code at ${first.path} cannot be started`
            : `Claude Code at ${first.path} did not report its version`,
          cause: duplicates ? `${read.cause} ${duplicates.cause}` : read.cause,
          fixes: read.fatal || duplicates ? ['update-claude-code'] : [],
          evidence,
          facts,
        };
      }

      const outdated = versionAtLeast(read.version, MINIMUM_VERSION)
        ? null
        : {
            summary: `Claude Code ${read.version} is older than ${MINIMUM_VERSION}`,
            cause: `Claude Code ${read.version} predates the current login flow; update it (${first.method === 'npm' ? '`npm install -g @anthropic-ai/claude-code@latest`' : '`claude update`'}).`,
          };
      const warnings = [outdated, duplicates, processes.warning].filter((w): w is { summary: string; cause: string } => w !== null);
      if (warnings.length > 0) {
        return {
          status: 'warn',
          summary: warnings.map((w) => w.summary).join('; '),
          cause: warnings.map((w) => w.cause).join(' '),
          fixes: [
            ...(outdated || duplicates ? (['update-claude-code'] as const) : []),
            ...(processes.warning ? (['use-oauth-token'] as const) : []),
          ],
          evidence,
          facts,
        };
      }
      return {
        status: 'ok',
        summary: `Claude Code ${read.version} (${first.method === 'unknown' ? 'installed' : `${first.method} install`})`,
        cause: null,
        evidence,
        facts,
      };
    },
  };
}

export const cliInstallProbe: Probe = createCliInstallProbe();
