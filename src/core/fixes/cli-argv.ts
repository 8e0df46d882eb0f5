import { resolve } from 'node:path';

/** The argv that runs this very CLI: node (with tsx's flags when run from source) and its script. */
export function cliArgv(): string[] {
  const script = process.argv[1];
  const argv = [process.execPath];
  if (script) {
    if (script.endsWith('.ts')) argv.push(...process.execArgv);
    argv.push(resolve(script));
  }
  return argv;
}
