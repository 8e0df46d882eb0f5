// The child of build/code-cache.mjs: runs a hot command (argv[3] on: `hook check …`, `status`)
// through dist/cli/hot.cjs (argv[2] is that folder), then, as the process exits, writes each file loaded through src/cli/code-cache.ts (its
// registry, shared by every bundled copy of that module) as its cache file (cacheBytes) beside it.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cacheBytes, cacheFileOf, cachedLoads } from '../dist/src/cli/code-cache.js';

const dir = process.argv[2];
process.argv = [process.argv[0], join(dir, 'hot.cjs'), ...process.argv.slice(3)];
process.on('exit', () => {
  const written = [];
  for (const load of cachedLoads()) {
    const bytes = cacheBytes(load);
    if (bytes === null) continue;
    writeFileSync(cacheFileOf(load.file), bytes);
    written.push(load.file.slice(dir.length + 1));
  }
  process.stdout.write(`\ncached ${written.join(' ')}\n`);
});
createRequire(import.meta.url)(join(dir, 'hot.cjs'));
