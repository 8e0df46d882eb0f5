import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { createResolver } from '../io/dns.js';
import { createHttpClient } from '../io/http.js';
import { resolveOs, type Os } from '../io/os.js';
import { createTcpProber } from '../io/tcp.js';
import { createTlsProber } from '../io/tls.js';
import { MAX_CA_BUNDLE_BYTES, PEM_CERTIFICATE_BEGIN } from '../network/ca-bundle.js';
import { freshTerminalEnv } from '../platform/fresh-terminal-env.js';
import { readLoginShellEnv, RESOLVING_VARIABLE } from '../platform/login-shell-env.js';
import { createLocalProbeEnv } from './local-env.js';
import type { ProbeEnv } from './probe.js';

function accountShell(): string | null {
  try {
    return userInfo().shell;
  } catch {
    return null;
  }
}

/**
 * The extra CAs Claude Code would trust in this environment. Node reads NODE_EXTRA_CA_CERTS once,
 * at process start: an app started from a launcher trusts what the launcher had, while Claude
 * Code started from the user's shell trusts what the shell sets. When the environment names
 * another bundle than this process started with, its certificates are handed to the TLS and HTTP
 * clients (in place of the process's own extra ones, as Node would). An unreadable file adds
 * nothing; the network.tls check says what is wrong with it.
 */
export function extraTrust(env: Readonly<Record<string, string | undefined>>): { ca?: string[] } {
  const path = env['NODE_EXTRA_CA_CERTS']?.trim();
  if (!path || path === process.env['NODE_EXTRA_CA_CERTS']?.trim()) return {};
  try {
    if (statSync(path).size > MAX_CA_BUNDLE_BYTES) return {};
    const pem = readFileSync(path, 'utf8');
    return pem.includes(PEM_CERTIFICATE_BEGIN) ? { ca: [pem] } : {};
  } catch {
    return {};
  }
}

/**
 * The real world: the composition of every port for this process, the local world plus the
 * network and the user's login shell. With local-env.ts, the one place in the engine that reads
 * `process.*` (env, platform, versions). Built once per run.
 */
export function createProbeEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  os: Os = resolveOs(process.platform),
): ProbeEnv {
  const local = createLocalProbeEnv(env, os);
  const trust = extraTrust(env);
  return {
    ...local,
    resolver: createResolver(),
    http: createHttpClient(trust),
    tls: createTlsProber(trust),
    tcp: createTcpProber(),
    // A new terminal's login shell (not this process's exports); inside the doctor's own shell hook, none (it would start the hook again).
    loginShellEnv: (timeoutMs) =>
      env[RESOLVING_VARIABLE]
        ? Promise.resolve({ kind: 'not-applicable', reason: 'already inside a login shell the doctor started' })
        : readLoginShellEnv(local.runner, { env: freshTerminalEnv(env, os), os, accountShell: accountShell(), timeoutMs }),
  };
}
