// `npm start`: the tray app where Electron's binary is installed (a desktop), otherwise the
// terminal front end (`check`), so the same command does the right thing on a server.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary = null;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = null;
}
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const [command, args] =
  typeof electronBinary === 'string' && existsSync(electronBinary) && !headless
    ? [electronBinary, ['.']]
    : [process.execPath, ['dist/cli/main.js', 'check', ...process.argv.slice(2)]];
if (command === process.execPath) {
  process.stderr.write('No desktop or no Electron binary here: running the terminal check instead of the tray.\n\n');
}
const child = spawn(command, args, { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
