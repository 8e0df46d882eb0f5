import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const repo = resolve(dirname(here), here.endsWith('.ts') ? '../..' : '../../..');
const script = join(repo, 'build', 'claude-code-messages.mjs');
const built = existsSync(join(repo, 'dist', 'src', 'core', 'explain', 'match.js'));

interface Audit {
  readonly version: string | null;
  readonly candidates: number;
  readonly unmatched: readonly string[];
  readonly fixture: { right: number; total: number } | null;
}

function audit(path: string): Promise<Audit> {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [script, path, '--json'], { cwd: repo, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      resolvePromise(JSON.parse(stdout) as Audit);
    });
  });
}

const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe(
  'build/claude-code-messages.mjs',
  { skip: built ? false : 'needs a build (npm run build): it runs the catalogue from dist/' },
  () => {
    test('reads the messages out of a bundle, matches what the catalogue knows, lists what it does not', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cc-bundle-'));
      dirs.push(dir);
      // A package of an old npm release: cli.js next to its package.json, minified as Claude Code ships.
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: '@anthropic-ai/claude-code', version: '2.1.9' }));
      await writeFile(
        join(dir, 'cli.js'),
        [
          'function a(){throw Error("Login reached its time limit · Please run /login")}',
          'let b=`Could not refresh your login: the disk that holds ${x} is full · Delete files you no longer need on that disk`;',
          "const c='Your frobnicator token was rejected by the quantum gateway, please recalibrate';",
          'var d="setting up the renderer pipeline";',
          'console.log("tengu_oauth_error failed")',
        ].join('\n'),
      );
      const result = await audit(dir);
      assert.equal(result.version, '2.1.9');
      assert.equal(result.fixture, null, 'no curated fixture for an unknown version');
      assert.equal(result.candidates, 3, 'the three sign-in messages; not code, telemetry or unrelated text');
      assert.deepEqual(result.unmatched, ['Your frobnicator token was rejected by the quantum gateway, please recalibrate']);
    });
  },
);
