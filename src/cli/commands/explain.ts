import { explain } from '../../core/explain/match.js';
import { ALL_PROBES } from '../../core/probes/index.js';
import { isCheckId } from '../../shared/report.js';
import { FIX_TITLES } from '../../shared/fix-titles.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { makePaint, wantsColor } from '../style.js';
import { parseCommandArgs, UsageError } from '../usage.js';

const STDIN_LIMIT = 1024 * 1024;

async function readStdin(limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    const room = limit - size;
    if (room <= 0) break;
    chunks.push(buffer.subarray(0, room));
    size += Math.min(buffer.length, room);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function runExplain(args: string[]): Promise<number> {
  const parsed = parseCommandArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, 'no-color': { type: 'boolean', default: false } },
  });
  const { values, positionals } = parsed;
  if (positionals.length === 0)
    throw new UsageError(
      'explain needs the error text: claude-auth-doctor explain "OAuth token has expired" (or "-" to read it from stdin).',
    );
  const fromStdin = positionals.length === 1 && positionals[0] === '-';
  // On a terminal, say what the wait is for: otherwise `explain -` looks hung.
  if (fromStdin && process.stdin.isTTY)
    process.stderr.write(`Paste the error, then press ${process.platform === 'win32' ? 'Ctrl-Z and Enter' : 'Ctrl-D'} on a new line:\n`);
  const text = fromStdin ? await readStdin(STDIN_LIMIT) : positionals.join(' ');
  const probe = isCheckId(text.trim()) ? ALL_PROBES.find((p) => p.id === text.trim()) : undefined;
  if (probe) {
    // A check id: what that check decides from and what it touches (no check has side effects).
    const check = { id: probe.id, title: probe.title, touches: probe.touches, offline: probe.offline };
    if (values.json === true) await writeOut(JSON.stringify({ matches: [], check }, null, 2) + '\n');
    else
      await writeOut(
        `${probe.id} — ${probe.title}\n  Touches: ${probe.touches}\n  With --offline: ${probe.offline === 'skip' ? 'skipped' : 'runs, without its network part'}.\n`,
      );
    return EXIT.ok;
  }
  const matches = explain(text).map(({ id, title, meaning, severity, fixes }) => ({ id, title, meaning, severity, fixes: [...fixes] }));
  if (values.json === true) {
    await writeOut(JSON.stringify({ matches }, null, 2) + '\n');
  } else if (matches.length === 0) {
    await writeOut('No known Claude Code error matches that text. Run "claude-auth-doctor check" to diagnose.\n');
  } else {
    const paint = makePaint(wantsColor(process.stdout, process.env, values['no-color'] !== true));
    const lines: string[] = [];
    matches.forEach((m, i) => {
      const sev = m.severity === 'high' ? 'fail' : m.severity === 'medium' ? 'warn' : 'unknown';
      lines.push(`${i === 0 ? '' : '\n'}${paint.bold(m.title)} ${paint.status(sev, `[${m.severity}]`)}`, `  ${m.meaning}`);
      m.fixes.forEach((f, n) => lines.push(`  ${n + 1}. ${FIX_TITLES[f]} ${paint.dim(`(claude-auth-doctor fix ${f})`)}`));
    });
    await writeOut(lines.join('\n') + '\n');
  }
  return matches.length > 0 ? EXIT.ok : EXIT.warn;
}
