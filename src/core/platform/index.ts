import type { Os } from '../io/os.js';
import type { PlatformAdapter, PlatformDeps } from './adapter.js';
import { createDarwinAdapter } from './darwin.js';
import { createLinuxAdapter } from './linux.js';
import { createWin32Adapter } from './win32.js';

const ADAPTERS: Record<Os, (deps: PlatformDeps) => PlatformAdapter> = {
  darwin: createDarwinAdapter,
  linux: createLinuxAdapter,
  win32: createWin32Adapter,
};

export function createPlatformAdapter(os: Os, deps: PlatformDeps): PlatformAdapter {
  return ADAPTERS[os](deps);
}
