import type { CommandRunner, FileSystem, NetworkInterfaceInfo } from '../io/ports.js';
import type { Os, PlatformAdapter } from './adapter.js';
import { createDarwinAdapter } from './darwin.js';
import { createLinuxAdapter } from './linux.js';
import { createWin32Adapter } from './win32.js';

/** What an adapter may touch; the composition root passes the real ones, tests pass fakes. */
export interface PlatformDeps {
  readonly runner: CommandRunner;
  readonly fs: FileSystem;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly interfaces: () => readonly NetworkInterfaceInfo[];
  /** Numeric user id, for the D-Bus socket at /run/user/<uid>/bus (Linux); defaults to the process's. */
  readonly uid?: number;
}

const ADAPTERS: Record<Os, (deps: PlatformDeps) => PlatformAdapter> = {
  darwin: createDarwinAdapter,
  linux: createLinuxAdapter,
  win32: createWin32Adapter,
};

export function createPlatformAdapter(os: Os, deps: PlatformDeps): PlatformAdapter {
  return ADAPTERS[os](deps);
}
