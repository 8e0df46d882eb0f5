/**
 * A stand-in for macOS /usr/bin/security on any POSIX test machine: a real executable (run by
 * this Node) keeping generic-password items as files in a directory. It understands the calls the
 * fix engine makes (find -w, delete, add -U -X, and `-i` reading commands from stdin) and logs
 * every argv and stdin line, so tests can prove a secret never reached a command line.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SCRIPT = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const dir = __STORE__;
const log = path.join(dir, 'argv.log');
const itemFile = (a, s) => path.join(dir, 'items', Buffer.from(a + '\0' + s).toString('hex'));
function flags(args) {
  const out = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-U' || a === '-w' && i === args.length - 1) { out[a] = true; continue; }
    if (a.startsWith('-')) { out[a] = args[++i]; }
  }
  return out;
}
function split(line) {
  const out = []; let cur = ''; let q = false; let any = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) { cur += line[++i]; any = true; continue; }
    if (c === '"') { q = !q; any = true; continue; }
    if (!q && /\s/.test(c)) { if (any) { out.push(cur); cur = ''; any = false; } continue; }
    cur += c; any = true;
  }
  if (any) out.push(cur);
  return out;
}
function run(args) {
  if (fs.existsSync(path.join(dir, 'locked'))) { process.stderr.write('security: SecKeychainSearchCopyNext: User interaction is not allowed.\n'); return 36; }
  const [cmd, ...rest] = args;
  const f = flags(rest);
  if (cmd === 'find-generic-password') {
    const p = itemFile(f['-a'], f['-s']);
    if (!fs.existsSync(p)) { process.stderr.write('security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n'); return 44; }
    process.stdout.write(fs.readFileSync(p).toString('utf8') + '\n');
    return 0;
  }
  if (cmd === 'delete-generic-password') {
    const p = itemFile(f['-a'], f['-s']);
    if (!fs.existsSync(p)) { process.stderr.write('security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n'); return 44; }
    fs.unlinkSync(p);
    process.stdout.write('keychain: "/Users/x/Library/Keychains/login.keychain-db"\npassword has been deleted.\n');
    return 0;
  }
  if (cmd === 'add-generic-password') {
    const p = itemFile(f['-a'], f['-s']);
    if (fs.existsSync(p) && !rest.includes('-U')) { process.stderr.write('security: The specified item already exists in the keychain.\n'); return 45; }
    const data = f['-X'] !== undefined ? Buffer.from(f['-X'], 'hex') : Buffer.from(f['-w'] ?? '', 'utf8');
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
    return 0;
  }
  process.stderr.write('fake security: unknown command ' + cmd + '\n');
  return 2;
}
const argv = process.argv.slice(2);
fs.appendFileSync(log, JSON.stringify({ argv }) + '\n');
if (argv[0] === '-i') {
  const input = fs.readFileSync(0, 'utf8');
  for (const line of input.split('\n')) {
    if (!line.trim()) continue;
    fs.appendFileSync(log, JSON.stringify({ stdinLine: true }) + '\n');
    run(split(line));
  }
  process.exit(0);
}
process.exit(run(argv));
`;

export interface FakeSecurity {
  readonly path: string;
  readonly store: string;
  readonly argvLog: string;
}

export async function makeFakeSecurity(dir: string): Promise<FakeSecurity> {
  const store = join(dir, 'keychain');
  await mkdir(join(store, 'items'), { recursive: true });
  const path = join(dir, 'security');
  await writeFile(path, `#!${process.execPath}\n${SCRIPT.replace('__STORE__', JSON.stringify(store))}`);
  await chmod(path, 0o755);
  return { path, store, argvLog: join(store, 'argv.log') };
}
