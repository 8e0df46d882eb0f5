/**
 * `unset-conflicting-env` against the rc files that broke it: an export continued over lines (a
 * backslash, a $'…' string) used to lose only its first line, leaving bash at a syntax error with
 * the rest of the file unread and the secret still set. Each case runs the real fix step, then the
 * real shell sources the file: the variable is gone, everything after it still runs, and the
 * shell's syntax check passes. Edits that cannot be made safely are refused with the reason and
 * leave the file byte for byte. A property test throws generated rc files at the editor.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { createFixEngine, type FixEngine } from '../../src/core/fixes/fix-engine.js';
import { disableAssignments, parseRc } from '../../src/core/fixes/rc-files/index.js';
import { makeWorld, offlineDiagnose, POSIX_ONLY, worldProbeEnv, type TempWorld } from '../core/fixes/helpers.js';

const run = promisify(execFile);
const KEY = 'sk-ant-api03-FAKE-rcfile-0123456789abcdefghij';
const SHELLS_SKIP = ['/usr/bin/bash', '/usr/bin/zsh', '/usr/bin/fish'].every((s) => existsSync(s))
  ? POSIX_ONLY
  : 'bash, zsh and fish are needed';

type Shell = 'bash' | 'zsh' | 'fish';

/** Sources the file in a clean shell and reports the variables asked for ("unset" when not set). */
async function sourced(shell: Shell, file: string, names: readonly string[]): Promise<Record<string, string>> {
  const env = { PATH: '/usr/bin:/bin', HOME: '/nonexistent' };
  let out: string;
  if (shell === 'fish') {
    const show = names.map((n) => `if set -q ${n}; echo "${n}=$${n}"; else; echo "${n}=unset"; end`).join('; ');
    out = (await run('fish', ['--no-config', '-c', `source $argv[1] 2>/dev/null; ${show}`, file], { env })).stdout;
  } else {
    // One line per variable: a value's own line breaks are shown as "~".
    const show = names.map((n) => `printf '%s=%s\\n' ${n} "$(printf '%s' "\${${n}-unset}" | tr '\\n' '~')"`).join('; ');
    const args = shell === 'bash' ? ['--norc', '--noprofile', '-c'] : ['-f', '-c'];
    out = (await run(shell, [...args, `. "$1" 2>/dev/null; ${show}`, 'rc', file], { env })).stdout;
  }
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

async function syntaxOk(shell: Shell, file: string): Promise<boolean> {
  const args = shell === 'fish' ? ['--no-config', '--no-execute', file] : shell === 'bash' ? ['--norc', '-n', file] : ['-f', '-n', file];
  return run(shell, args, { env: { PATH: '/usr/bin:/bin' } }).then(
    () => true,
    () => false,
  );
}

let world: TempWorld;
beforeEach(async () => {
  world = await makeWorld({ ANTHROPIC_API_KEY: KEY });
});
afterEach(async () => world.cleanup());

function engine(): FixEngine {
  const probeEnv = worldProbeEnv(world);
  return createFixEngine({ probeEnv, dataDir: world.dataDir, diagnose: offlineDiagnose(probeEnv), secrets: {}, lockWaitMs: 200 });
}

/** Runs the unset-conflicting-env step for one file; returns its result. */
async function disableIn(rel: string): Promise<{ ok: boolean; message: string }> {
  const fixes = engine();
  const report = await offlineDiagnose(worldProbeEnv(world))();
  const session = await fixes.start('unset-conflicting-env', report);
  const step = session.steps.find((s) => s.kind === 'run' && s.title.includes(rel));
  assert.ok(step, `a step for ${rel}: ${session.steps.map((s) => s.title).join(' | ')}`);
  return fixes.runStep(session.runId, step.index);
}

const CASES: readonly { name: string; shell: Shell; rel: string; text: string; kept?: Record<string, string> }[] = [
  {
    name: 'an export continued with a backslash in the middle of the value',
    shell: 'bash',
    rel: '.bashrc',
    text: `export ANTHROPIC_API_KEY=${KEY.slice(0, 20)}\\\n${KEY.slice(20)}\nexport AFTER=ran\n`,
  },
  {
    name: "a $'…' string spanning lines, with an escaped quote",
    shell: 'bash',
    rel: '.bashrc',
    text: `export ANTHROPIC_API_KEY=$'${KEY}\\'x\\'\nsecond line'\nexport AFTER=ran\n`,
  },
  {
    name: 'export A=… B=… C=…: only the one goes, the others stay set',
    shell: 'bash',
    rel: '.bashrc',
    text: `export EDITOR=vim ANTHROPIC_API_KEY="${KEY}" PAGER=less\nexport AFTER=ran\n`,
    kept: { EDITOR: 'vim', PAGER: 'less' },
  },
  {
    name: 'set -a, then a plain assignment',
    shell: 'bash',
    rel: '.bash_profile',
    text: `set -a\nANTHROPIC_API_KEY=${KEY}\nset +a\nexport AFTER=ran\n`,
  },
  {
    name: 'an export inside an if block (the block keeps a command)',
    shell: 'bash',
    rel: '.bashrc',
    text: `if true; then\n  export ANTHROPIC_API_KEY=${KEY}\nfi\nexport AFTER=ran\n`,
  },
  {
    name: 'a heredoc decoy above the real export',
    shell: 'bash',
    rel: '.bashrc',
    text: `cat > /dev/null <<'EOF'\nexport ANTHROPIC_API_KEY=decoy\nEOF\nexport ANTHROPIC_API_KEY=${KEY}\nexport AFTER=ran\n`,
  },
  {
    name: 'zsh: typeset -x continued over lines',
    shell: 'zsh',
    rel: '.zshrc',
    text: `typeset -x ANTHROPIC_API_KEY=\\\n"${KEY}"\nexport AFTER=ran\n`,
  },
  {
    name: 'fish: set -gx continued over lines',
    shell: 'fish',
    rel: '.config/fish/config.fish',
    text: `set -gx ANTHROPIC_API_KEY \\\n    '${KEY}'\nset -gx AFTER ran\n`,
  },
];

describe('multi-line and compound exports are disabled whole; the rest of the file still runs', { skip: SHELLS_SKIP }, () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const file = join(world.home, c.rel);
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, c.text);
      const before = await sourced(c.shell, file, ['ANTHROPIC_API_KEY', 'AFTER', ...Object.keys(c.kept ?? {})]);
      assert.notEqual(before['ANTHROPIC_API_KEY'], 'unset', 'the file sets the key before the fix');
      const result = await disableIn(c.rel);
      assert.equal(result.ok, true, result.message);
      assert.match(result.message, new RegExp(`\`${c.shell} -n\` checked the result`));
      assert.ok(await syntaxOk(c.shell, file), `${c.shell} accepts the edited file:\n${await readFile(file, 'utf8')}`);
      const after = await sourced(c.shell, file, ['ANTHROPIC_API_KEY', 'AFTER', ...Object.keys(c.kept ?? {})]);
      assert.deepEqual(after, { ANTHROPIC_API_KEY: 'unset', AFTER: 'ran', ...(c.kept ?? {}) });
      assert.doesNotMatch(result.message, /FAKE/);
    });
  }
});

describe('edits that cannot be made safely are refused with the reason; the file stays byte for byte', { skip: SHELLS_SKIP }, () => {
  for (const [name, text, reason] of [
    [
      'the export shares its line with another command',
      `export ANTHROPIC_API_KEY=${KEY}; export AFTER=ran\n`,
      /holds other commands besides setting ANTHROPIC_API_KEY.*edit that line by hand/,
    ],
    ['the file already has a syntax error', `export ANTHROPIC_API_KEY=${KEY}\nif true; then\n`, /`bash -n` already finds a problem in it/],
  ] as const) {
    test(name, async () => {
      const file = join(world.home, '.bashrc');
      await writeFile(file, text);
      const result = await disableIn('.bashrc');
      assert.equal(result.ok, false);
      assert.match(result.message, reason);
      assert.equal(await readFile(file, 'utf8'), text);
    });
  }

  test('a file that cannot be parsed as a whole gets a by-hand step, not an edit', async () => {
    await writeFile(join(world.home, '.bashrc'), `export ANTHROPIC_API_KEY="${KEY}\n`);
    const report = await offlineDiagnose(worldProbeEnv(world))();
    const session = await engine().start('unset-conflicting-env', report);
    const byHand = session.steps.find((s) => /by hand/.test(s.title));
    assert.ok(byHand, session.steps.map((s) => s.title).join(' | '));
    assert.match(byHand.detail, /cannot be read safely as a whole \(a double quote opened on line 1 is never closed\)/);
    assert.ok(!session.steps.some((s) => s.kind === 'run' && /bashrc/.test(s.title)));
  });
});

/** Statements of a generated rc file: markers that must survive, and ways to set the key. */
const KEEP = [
  (n: number) => `export M${n}=kept${n}`,
  (n: number) => `M${n}=kept${n}; export M${n}`,
  (n: number) => `if true; then\n  export M${n}=kept${n}\nfi`,
  (n: number) => `f${n}() {\n  :\n}\nexport M${n}=kept${n}`,
  (n: number) => `export M${n}="kept${n}" # a comment with 'quotes'`,
  (n: number) => `cat > /dev/null <<EOF${n}\nexport ANTHROPIC_API_KEY=heredoc-decoy\nEOF${n}\nexport M${n}=kept${n}`,
];
const SET = [
  () => `export ANTHROPIC_API_KEY=${KEY}`,
  () => `export ANTHROPIC_API_KEY=\\\n  ${KEY}`,
  () => `export ANTHROPIC_API_KEY=${KEY.slice(0, 12)}\\\n${KEY.slice(12)}`,
  () => `export ANTHROPIC_API_KEY=$'${KEY}\\'\nline'`,
  () => `export ANTHROPIC_API_KEY="${KEY}\nmore"`,
  () => `declare -x ANTHROPIC_API_KEY='${KEY}'`,
  () => `if true; then\n  export ANTHROPIC_API_KEY=${KEY}\nfi`,
  () => `set -a\nANTHROPIC_API_KEY=${KEY}\nset +a`,
];

describe(
  'property: whatever mix of statements, an accepted edit leaves a valid file without the key and every other setting',
  { skip: SHELLS_SKIP },
  () => {
    test('generated bash rc files', { timeout: 240_000 }, async () => {
      const file = join(world.home, 'generated.bashrc');
      let edited = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.nat({ max: KEEP.length - 1 }).map((k) => ({ keep: k })),
              fc.nat({ max: SET.length - 1 }).map((s) => ({ set: s })),
            ),
            {
              minLength: 1,
              maxLength: 8,
            },
          ),
          async (plan) => {
            const markers: string[] = [];
            const text =
              plan
                .map((p, i) => {
                  if ('keep' in p) {
                    markers.push(`M${i}`);
                    return KEEP[p.keep]!(i);
                  }
                  return SET[p.set]!();
                })
                .join('\n') + '\n';
            await writeFile(file, text);
            const before = await sourced('bash', file, ['ANTHROPIC_API_KEY', ...markers]);
            const edit = disableAssignments(parseRc(text, 'bash'), ['ANTHROPIC_API_KEY'], 'prop');
            if (!plan.some((p) => 'set' in p)) {
              assert.equal(edit.kind, 'refused', 'nothing to disable');
              return;
            }
            assert.equal(edit.kind, 'edited', `refused: ${edit.kind === 'refused' ? edit.reason : ''}\n${text}`);
            if (edit.kind !== 'edited') return;
            edited += 1;
            await writeFile(file, edit.text);
            assert.ok(await syntaxOk('bash', file), `bash -n fails on:\n${edit.text}`);
            const after = await sourced('bash', file, ['ANTHROPIC_API_KEY', ...markers]);
            assert.deepEqual(after, { ...before, ANTHROPIC_API_KEY: 'unset' }, `before:\n${text}\nafter:\n${edit.text}`);
          },
        ),
        { numRuns: 60, seed: 12 },
      );
      assert.ok(edited > 20, `${edited} files were edited`);
    });
  },
);
