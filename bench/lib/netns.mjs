// A network namespace whose only resolver never answers: `lo` up, /etc/netns/<name>/resolv.conf
// naming 127.0.0.1, and bench/dns-sink.mjs listening there. `ip netns exec` bind-mounts that
// resolv.conf over /etc/resolv.conf for whatever runs inside. Needs root (or CAP_SYS_ADMIN);
// everything it makes is removed by close(), also on Ctrl-C.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SINK = new URL('../dns-sink.mjs', import.meta.url).pathname;
/** By absolute path: the worlds' PATH leaves out the sbin directories. */
const IP = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((p) => existsSync(p)) ?? 'ip';

async function ip(...args) {
  await run(IP, args, { timeout: 10_000 });
}

/** Resolves { name, prefix, close() → swallowed query count } or { why } when namespaces are not permitted. */
export async function silentDnsNamespace() {
  const name = `cad-bench-${process.pid}`;
  const etcNetns = '/etc/netns';
  const madeEtcNetns = !existsSync(etcNetns);
  const dir = `${etcNetns}/${name}`;
  let sink = null;
  let created = false;

  /** Also the exit path, so everything here is synchronous. */
  const cleanupSync = () => {
    if (sink && sink.exitCode === null) sink.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    if (madeEtcNetns) rmSync(etcNetns, { recursive: true, force: true });
    if (created) {
      created = false;
      try {
        execFileSync(IP, ['netns', 'del', name], { stdio: 'ignore', timeout: 10_000 });
      } catch {
        // already gone
      }
    }
  };
  const onSignal = () => {
    cleanupSync();
    process.exit(130);
  };

  const close = async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', cleanupSync);
    let swallowed = NaN;
    if (sink && sink.exitCode === null) {
      const said = new Promise((resolve) => {
        let text = '';
        sink.stdout.on('data', (d) => (text += d));
        sink.once('close', () => resolve(text));
      });
      sink.kill('SIGTERM');
      const m = /queries (\d+)/.exec(await said);
      swallowed = m ? Number(m[1]) : NaN;
    }
    cleanupSync();
    return swallowed;
  };

  try {
    if (process.platform !== 'linux') throw new Error('network namespaces are Linux only');
    if (process.getuid?.() !== 0) throw new Error('needs root for ip netns');
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', cleanupSync);
    await ip('netns', 'add', name);
    created = true;
    await ip('-n', name, 'link', 'set', 'lo', 'up');
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/resolv.conf`, 'nameserver 127.0.0.1\n');
    sink = spawn(IP, ['netns', 'exec', name, process.execPath, SINK], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`dns sink did not start: ${err.trim()}`)), 10_000);
      sink.stderr.on('data', (d) => (err += d));
      sink.stdout.once('data', (d) => {
        clearTimeout(timer);
        if (String(d).includes('ready')) resolve();
        else reject(new Error(`dns sink said ${String(d).trim()}`));
      });
      sink.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`dns sink exited (${code}): ${err.trim().split('\n').at(-1) ?? ''}`));
      });
    });
    return { name, prefix: [IP, 'netns', 'exec', name], close };
  } catch (error) {
    await close();
    const said = String(error.stderr ?? '')
      .trim()
      .split('\n')
      .at(-1);
    return { why: `${error.message.split('\n')[0]}${said ? `: ${said}` : ''}`.slice(0, 300) };
  }
}
