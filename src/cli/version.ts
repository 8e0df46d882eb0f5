import { readFileSync } from 'node:fs';

let cached: string | null = null;

/** The version in package.json (dist/src/cli → the package root). */
export function toolVersion(): string {
  if (cached === null) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
      cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
