/**
 * writeWhole (src/cli/output.ts): a short command's whole output straight to fd 1 when stdout is a
 * pipe or a file. Run in a child process whose stdout is what each case needs: a pipe read late
 * (the writes block), a non-blocking pipe that fills (the rest goes through process.stdout), a
 * reader that is gone (EPIPE ends it quietly), and a file.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);
const here = fileURLToPath(import.meta.url);
const output = new URL(`../../src/cli/output.${here.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href;
const loader = here.endsWith('.ts') ? ['--import', 'tsx'] : [];
// 300 KB: several times a pipe's buffer, so that a late reader makes the writer wait, or a non-blocking pipe fill.
const SIZE = 300 * 1024;
const hasPython = spawnSync('python3', ['-c', 'pass']).status === 0;

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A script that writes SIZE bytes of numbered lines with writeWhole, then exits 7 (what a command's code would be). */
async function writer(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cad-output-'));
  dirs.push(dir);
  const script = join(dir, 'write.mjs');
  await writeFile(
    script,
    `import { writeWhole } from ${JSON.stringify(output)};
let text = '';
for (let i = 0; text.length < ${SIZE}; i++) text += 'line ' + i + '\\n';
await writeWhole(text.slice(0, ${SIZE}));
process.exit(7);
`,
  );
  return script;
}
const expected = (): string => {
  let text = '';
  for (let i = 0; text.length < SIZE; i++) text += `line ${i}\n`;
  return text.slice(0, SIZE);
};

// Python holds the pipe: it starts the writer with the pipe's write end as stdout (blocking or not),
// reads only after a pause, and prints what arrived, its length and the writer's exit code.
const PYTHON = `
import os, subprocess, sys, time
nonblocking, close_early, cmd = sys.argv[1] == '1', sys.argv[2] == '1', sys.argv[3:]
r, w = os.pipe()
os.set_blocking(w, not nonblocking)
child = subprocess.Popen(cmd, stdout=w, stderr=subprocess.PIPE)
os.close(w)
if close_early:
    os.close(r)
    code = child.wait(timeout=20)
    sys.stdout.write('exit %d stderr %r' % (code, child.stderr.read().decode()))
    sys.exit(0)
time.sleep(0.3)
data = b''
while True:
    chunk = os.read(r, 65536)
    if not chunk: break
    data += chunk
code = child.wait(timeout=20)
sys.stdout.write('exit %d stderr %r\\n' % (code, child.stderr.read().decode()))
sys.stdout.buffer.write(data)
`;

async function throughPipe(nonblocking: boolean, closeEarly: boolean): Promise<{ head: string; body: string }> {
  const { stdout } = await execFileP(
    'python3',
    ['-c', PYTHON, nonblocking ? '1' : '0', closeEarly ? '1' : '0', process.execPath, ...loader, await writer()],
    { maxBuffer: 4 * SIZE, timeout: 30_000 },
  );
  const cut = stdout.indexOf('\n');
  return cut < 0 ? { head: stdout, body: '' } : { head: stdout.slice(0, cut), body: stdout.slice(cut + 1) };
}

const needsPython = hasPython ? {} : { skip: 'python3 is not installed: it makes the pipes these cases need' };

describe('writeWhole', () => {
  test('a pipe read late: every byte arrives, in order, before the process exits with its code', needsPython, async () => {
    const { head, body } = await throughPipe(false, false);
    assert.equal(head, "exit 7 stderr ''");
    assert.equal(body, expected());
  });

  test('a non-blocking pipe that fills: the rest goes through process.stdout, nothing lost or doubled', needsPython, async () => {
    const { head, body } = await throughPipe(true, false);
    assert.equal(head, "exit 7 stderr ''");
    assert.equal(body.length, SIZE);
    assert.equal(body, expected());
  });

  test('a reader that went away: no error printed, the exit code stands', needsPython, async () => {
    const { head } = await throughPipe(false, true);
    assert.equal(head, "exit 7 stderr ''");
  });

  test('stdout is a terminal for colour only when it is one: not a pipe, a file or /dev/null', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-output-tty-'));
    dirs.push(dir);
    const probe = join(dir, 'probe.mjs');
    await writeFile(probe, `import { stdoutInfo } from ${JSON.stringify(output)};\nprocess.stderr.write('tty=' + stdoutInfo.isTTY);\n`);
    const asked = (stdout: 'pipe' | 'ignore' | number): string =>
      spawnSync(process.execPath, [...loader, probe], { stdio: ['ignore', stdout, 'pipe'] }).stderr.toString();
    assert.equal(asked('pipe'), 'tty=false');
    assert.equal(asked('ignore'), 'tty=false', '/dev/null');
    const file = join(dir, 'out.txt');
    const run = spawnSync('sh', ['-c', `"$0" "$@" > ${JSON.stringify(file)}`, process.execPath, ...loader, probe]);
    assert.equal(run.stderr.toString(), 'tty=false');
  });

  test(
    'in a terminal: colour, and the whole text on the screen',
    spawnSync('script', ['-V']).status === 0 ? {} : { skip: 'util-linux script is not installed: it gives the child a terminal' },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cad-output-pty-'));
      dirs.push(dir);
      const probe = join(dir, 'probe.mjs');
      await writeFile(
        probe,
        `import { stdoutInfo, writeWhole } from ${JSON.stringify(output)};\nawait writeWhole('tty=' + stdoutInfo.isTTY + ' ▲ done\\n');\n`,
      );
      const command = [process.execPath, ...loader, probe].map((arg) => `'${arg}'`).join(' ');
      const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout.replace(/\r\n/g, '\n'), 'tty=true ▲ done\n');
    },
  );

  test('a file: the whole text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-output-file-'));
    dirs.push(dir);
    const out = join(dir, 'out.txt');
    const script = await writer();
    const run = spawnSync('sh', ['-c', `"$0" "$@" > ${JSON.stringify(out)}`, process.execPath, ...loader, script]);
    assert.equal(run.status, 7, run.stderr.toString());
    assert.equal(await readFile(out, 'utf8'), expected());
  });
});
