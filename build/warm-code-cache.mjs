// The child of build/code-cache.mjs: runs `hook check` through dist/cli/hot.cjs (argv[2] is that
// folder), then, as the process exits, writes each file loaded through src/cli/code-cache.ts (its
// registry, shared by every bundled copy of that module) as `<stamp><V8 code cache>` beside it.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BUILD_STAMP, cacheFileOf, cachedLoads } from '../dist/src/cli/code-cache.js';

const dir = process.argv[2];
process.argv = [process.argv[0], join(dir, 'hot.cjs'), 'hook', 'check', '--shell', 'bash', '--deadline', '30000'];
process.on('exit', () => {
  const written = [];
  for (const { file, script } of cachedLoads()) {
    const stamp = BUILD_STAMP.exec(readFileSync(file, 'utf8'))?.[1];
    if (!stamp) continue;
    writeFileSync(cacheFileOf(file), Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]));
    written.push(file.slice(dir.length + 1));
  }
  process.stdout.write(`\ncached ${written.join(' ')}\n`);
});
createRequire(import.meta.url)(join(dir, 'hot.cjs'));
