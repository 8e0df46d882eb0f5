import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WIZARD_CSP, WIZARD_CSP_META } from '../../src/shared/csp.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

test('the bundled page carries the one wizard policy in its meta tag', (t) => {
  const page = join(repoRoot(), 'dist', 'bundle', 'index.html');
  if (!existsSync(page)) return t.skip(`${page} is not built (npm run build makes it)`);
  const html = readFileSync(page, 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  assert.equal(meta, WIZARD_CSP_META);
  assert.ok(!html.includes('%WIZARD_CSP_META%'));
});

test('the meta form is the header form without frame-ancestors, which a meta tag cannot carry', () => {
  assert.match(WIZARD_CSP, /frame-ancestors 'none'/);
  assert.doesNotMatch(WIZARD_CSP_META, /frame-ancestors/);
  assert.equal(
    WIZARD_CSP_META,
    WIZARD_CSP.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; '),
  );
});
