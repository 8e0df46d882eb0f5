import { promises as fsp } from 'node:fs';
import { createCommandRunner } from '../io/runner.js';
import type { Os } from '../io/os.js';
import { appRuntimeDir } from '../platform/app-dirs.js';
import type { RemoteCheckDeps } from './check-host.js';
import { prepareSocketDir, type SshOptions } from './ssh.js';

type Env = NodeJS.ProcessEnv;

/** The ssh program (`CLAUDE_AUTH_DOCTOR_SSH`, default "ssh" on PATH) and an ssh config file instead of ~/.ssh/config. */
export const SSH_VARIABLE = 'CLAUDE_AUTH_DOCTOR_SSH';
export const SSH_CONFIG_VARIABLE = 'CLAUDE_AUTH_DOCTOR_SSH_CONFIG';
/** How long an idle shared connection stays open: longer than the tray's 15-minute cadence. */
export const PERSIST_SECONDS = 20 * 60;
const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;

/** How the CLI and the tray reach hosts; `reuse: false` opens a fresh connection each time. */
export async function sshOptions(env: Env, os: Os, reuse: boolean): Promise<SshOptions> {
  const uid = process.getuid?.() ?? null;
  const socketDir = reuse ? await prepareSocketDir(appRuntimeDir(env, os, uid ?? 0), uid) : null;
  return {
    ssh: env[SSH_VARIABLE]?.trim() || 'ssh',
    socketDir,
    persistSeconds: PERSIST_SECONDS,
    configFile: env[SSH_CONFIG_VARIABLE]?.trim() || null,
    env,
  };
}

/** The bundled doctor at `path` (read once, lazily); null when this build has none. */
export function bundleReader(path: string | null): () => Promise<string | null> {
  let text: Promise<string | null> | null = null;
  return () => {
    text ??=
      path === null
        ? Promise.resolve(null)
        : fsp
            .readFile(path)
            .then((bytes) => (bytes.length <= MAX_BUNDLE_BYTES ? bytes.toString('utf8') : null))
            .catch(() => null);
    return text;
  };
}

export async function remoteCheckDeps(input: {
  readonly env: Env;
  readonly os: Os;
  readonly reuse: boolean;
  readonly version: string;
  readonly bundlePath: string | null;
}): Promise<RemoteCheckDeps> {
  return {
    runner: createCommandRunner(),
    ssh: await sshOptions(input.env, input.os, input.reuse),
    now: Date.now,
    version: input.version,
    bundle: bundleReader(input.bundlePath),
  };
}
