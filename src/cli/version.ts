import { readFileSync } from 'node:fs';

let cached: string | null = null;

/** Set by build/bundle.mjs in the one-file doctor streamed to hosts, which has no package.json beside it. */
declare const __CAD_TOOL_VERSION__: string | undefined;

// The package root from the bundled CLI (dist/cli), the compiled sources (dist/src/cli) or tsx (src/cli).
const CANDIDATES = ['../../package.json', '../../../package.json'];

/** The version in this package's package.json. */
export function toolVersion(): string {
  if (cached === null && typeof __CAD_TOOL_VERSION__ === 'string') cached = __CAD_TOOL_VERSION__;
  if (cached === null) {
    cached = '0.0.0';
    for (const candidate of CANDIDATES) {
      try {
        const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === 'claude-auth-doctor' && typeof pkg.version === 'string') {
          cached = pkg.version;
          break;
        }
      } catch {
        // Not at this level; try the next.
      }
    }
  }
  return cached;
}
