// `npm start`: the tray app where there is a desktop, otherwise the terminal front end (`check`),
// so the same command does the right thing on a server. Electron 42+ no longer downloads its
// binary on install: on a desktop the first `npm start` fetches it (Electron's own installer,
// which needs Node >= 22.12) and falls back to `check` when that is not possible.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** Electron's binary if it was downloaded. Not `require('electron')`: that downloads without asking. */
function electronBinary(dir) {
  try {
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function fetchElectron(dir) {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) return `Electron's installer needs Node >= 22.12 (this is ${process.version})`;
  process.stderr.write("Fetching Electron's binary (once)…\n");
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'inherit', timeout: 10 * 60_000 });
  return result.status === 0 ? null : "Electron's binary could not be downloaded";
}

const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const dir = headless ? null : electronDir();
let binary = dir ? electronBinary(dir) : null;
let why = headless ? 'No desktop here' : dir ? null : 'Electron is not installed (npm install without dev dependencies?)';
if (dir && !binary) {
  why = fetchElectron(dir);
  binary = why ? null : electronBinary(dir);
}
const [command, args] = binary ? [binary, ['.']] : [process.execPath, ['dist/cli/main.js', 'check', ...process.argv.slice(2)]];
if (!binary) process.stderr.write(`${why ?? 'No Electron binary'}: running the terminal check instead of the tray.\n\n`);
const child = spawn(command, args, { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
