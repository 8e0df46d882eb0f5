// Whole CLI processes against loopback worlds, side by side with Claude Code's `claude auth status`:
// issue 5's full check, offline check and cold start, plus what a real `claude` costs cli.install.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeWorld } from '../../dist/test/helpers/world.js';
import { findClaudeCode } from '../lib/claude-code.mjs';
import { GNU_TIME, measureInterleaved } from '../lib/process-runner.mjs';
import { median, num, ratio, spread, table } from '../lib/stats.mjs';

const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const QUIET_CLAUDE = { DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' };

/** What issue 5 asks of each row; null where it sets no target. */
const TARGETS = {
  check: { wallMs: 300, rssMiB: 80 },
  offline: { wallMs: 150, rssMiB: null },
};

function outcome(row) {
  try {
    const json = JSON.parse(row.first.stdout);
    if ('loggedIn' in json) return `loggedIn: ${json.loggedIn}, ${json.authMethod ?? '?'}`;
    const cli = json.checks?.find((c) => c.id === 'cli.install');
    return `overall ${json.overall}${cli ? `; cli.install ${cli.status}: ${cli.summary}` : ''}`;
  } catch {
    return row.first.stdout.trim().split('\n')[0]?.slice(0, 60) || '—';
  }
}

function verdict(row) {
  const t = TARGETS[row.target];
  if (!t) return '—';
  const wall = median(row.wall);
  const rss = median(row.rss);
  const parts = [`≤ ${t.wallMs} ms: ${wall <= t.wallMs ? 'met' : 'missed'}`];
  if (t.rssMiB !== null) parts.push(`≤ ${t.rssMiB} MiB: ${Number.isFinite(rss) ? (rss <= t.rssMiB ? 'met' : 'missed') : 'n/a'}`);
  return parts.join('; ');
}

function realClaudePath(bin) {
  const link = new URL('../.tools/node_modules/.bin/claude', import.meta.url).pathname;
  const onPath = existsSync(link) && realpathSync(link) === realpathSync(bin) ? dirname(link) : null;
  return `${onPath ? `${onPath}:` : ''}/usr/local/bin:/usr/bin:/bin`;
}

export async function benchCli({ runs, log }) {
  const claude = await findClaudeCode(log);
  const healthy = await makeWorld({});
  const real = claude.bin ? await makeWorld({ env: QUIET_CLAUDE }) : null;
  const out = [];
  try {
    const node = process.execPath;
    const specs = [
      { name: 'check --json (loopback, healthy)', argv: [node, CLI, 'check', '--json'], env: healthy.env, key: 'check', target: 'check' },
      {
        name: 'check --offline --json',
        argv: [node, CLI, 'check', '--offline', '--json'],
        env: healthy.env,
        key: 'offline',
        target: 'offline',
      },
      { name: '--version', argv: [node, CLI, '--version'], env: healthy.env },
      { name: '--help', argv: [node, CLI, '--help'], env: healthy.env },
      { name: '`node -e 0` (Node itself: the floor)', argv: [node, '-e', '0'], env: healthy.env },
    ];
    if (claude.bin && real) {
      const env = { ...real.env, PATH: realClaudePath(claude.bin), CLAUDE_AUTH_DOCTOR_CLAUDE_BIN: claude.bin };
      specs.push(
        { name: 'check --json, real `claude` for cli.install', argv: [node, CLI, 'check', '--json'], env, key: 'real' },
        {
          name: `\`claude auth status\` (Claude Code ${claude.version.split(' ')[0]})`,
          argv: [claude.bin, 'auth', 'status'],
          env,
          key: 'claude',
        },
      );
    }
    log(`CLI: ${specs.length} commands × ${runs} runs, interleaved…`);
    const rows = await measureInterleaved(specs, runs);

    out.push('### Whole CLI processes (loopback worlds)', '');
    if (!GNU_TIME) out.push('_/usr/bin/time is missing: peak RSS and CPU are not measured._', '');
    out.push(
      table(
        [
          'command',
          'runs',
          'wall ms, median (min–max)',
          'peak RSS MiB, median (min–max)',
          'CPU s (user+sys), median',
          'exit',
          'target (issue 5)',
        ],
        rows.map((r) => [r.name, r.samples.length, spread(r.wall), spread(r.rss, 1), num(median(r.cpu), 2), r.exits, verdict(r)]),
      ),
      '',
      'What each command said on its first (warm-up) run:',
      '',
      ...rows.map((r) => `- ${r.name}: ${outcome(r)}`),
      '',
    );

    const by = (key) => rows.find((r) => r.key === key);
    const theirs = by('claude');
    if (!theirs) {
      out.push(`_Claude Code rows skipped: ${claude.why}._`, '');
    } else {
      out.push(
        '### Ratios against `claude auth status` (ours / theirs; below 1× means we are cheaper)',
        '',
        table(
          ['ours', 'wall ratio', 'peak RSS ratio', 'CPU ratio'],
          ['check', 'offline', 'real'].map((key) => {
            const ours = by(key);
            return [
              ours.name,
              ratio(median(ours.wall), median(theirs.wall)),
              ratio(median(ours.rss), median(theirs.rss)),
              ratio(median(ours.cpu), median(theirs.cpu)),
            ];
          }),
        ),
        '',
        `Real \`claude\`: ${claude.bin.replace(join(process.cwd(), '/'), '')}; it read the world's credentials file through HOME/CLAUDE_CONFIG_DIR, with ANTHROPIC_BASE_URL on loopback, DISABLE_AUTOUPDATER=1 and CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1.`,
        '',
      );
    }
    return { out, rows, claude };
  } finally {
    await healthy.close();
    await real?.close();
  }
}
