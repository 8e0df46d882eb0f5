import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFileSystem } from '../../../src/core/io/fs.js';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import type { Os } from '../../../src/core/io/os.js';
import { createPlatformAdapter } from '../../../src/core/platform/index.js';

for (const os of ['darwin', 'linux', 'win32'] as const satisfies readonly Os[]) {
  test(`createPlatformAdapter('${os}') gives that OS's adapter`, () => {
    const adapter = createPlatformAdapter(os, {
      runner: createCommandRunner(),
      fs: createFileSystem(),
      env: {},
      homeDir: '/home/tester',
      interfaces: () => [],
    });
    assert.equal(adapter.os, os);
  });
}
