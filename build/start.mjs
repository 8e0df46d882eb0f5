// `npm start`: the tray app where Electron's binary is installed (a desktop), otherwise the
// terminal front end (`check`), so the same command does the right thing on a server.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Electron's binary if its install downloaded one. Not `require('electron')`: that now downloads on demand. */
function electronBinary() {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const binary = join(dir, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const binary = headless ? null : electronBinary();
const [command, args] = binary ? [binary, ['.']] : [process.execPath, ['dist/cli/main.js', 'check', ...process.argv.slice(2)]];
if (!binary) {
  process.stderr.write(
    headless
      ? 'No desktop here: running the terminal check instead of the tray.\n\n'
      : 'No Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD?): running the terminal check instead of the tray.\n\n',
  );
}
const child = spawn(command, args, { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
