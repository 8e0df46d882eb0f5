import { userInfo } from 'node:os';
import { redactText } from '../../core/redact/redact.js';
import { formatListenAddress, type ListenAddress } from '../../core/metrics/listen.js';
import type { Os } from '../../core/io/os.js';
import type { WatchServiceSpec } from './types.js';

/**
 * Variables the doctor itself reads (where Claude Code keeps its files, endpoint overrides, extra
 * CAs, proxies) and PATH (to find `claude`), carried from the shell that installs the service: a
 * service starts with a bare environment. Nothing else: no key or token variable is ever written.
 */
export const CARRIED_VARIABLES = [
  'PATH',
  'LANG',
  'CLAUDE_CONFIG_DIR',
  'CLAUDE_SECURESTORAGE_CONFIG_DIR',
  'CLAUDE_AUTH_DOCTOR_DATA_DIR',
  'CLAUDE_AUTH_DOCTOR_API_URL',
  'CLAUDE_AUTH_DOCTOR_AUTH_URL',
  'CLAUDE_AUTH_DOCTOR_STATUS_URL',
  'CLAUDE_AUTH_DOCTOR_CLAUDE_BIN',
  'ANTHROPIC_BASE_URL',
  'NODE_EXTRA_CA_CERTS',
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
] as const;

/** The carried variables, and the names left out because their value holds a credential or a line break. */
export function carriedEnvironment(env: Readonly<Record<string, string | undefined>>): {
  readonly env: Record<string, string>;
  readonly withheld: readonly string[];
} {
  const out: Record<string, string> = {};
  const withheld: string[] = [];
  for (const name of CARRIED_VARIABLES) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (/[\r\n\0]/.test(value) || redactText(value) !== value || /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value)) withheld.push(name);
    else out[name] = value;
  }
  return { env: out, withheld };
}

export interface SpecInput {
  readonly os: Os;
  /** How to run this CLI (node and its script). */
  readonly cli: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly dataDir: string;
  readonly user: string;
  readonly metrics: ListenAddress | null;
  readonly labels: Readonly<Record<string, string>>;
}

export function watchServiceSpec(input: SpecInput): { readonly spec: WatchServiceSpec; readonly withheld: readonly string[] } {
  const flags = input.metrics
    ? ['--metrics', formatListenAddress(input.metrics), ...Object.entries(input.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])]
    : [];
  const carried = carriedEnvironment(input.env);
  let uid: number | null = null;
  if (input.os !== 'win32') {
    try {
      uid = userInfo().uid;
    } catch {
      uid = null;
    }
  }
  return {
    spec: {
      os: input.os,
      argv: [...input.cli, 'watch', ...flags],
      env: carried.env,
      homeDir: input.homeDir,
      dataDir: input.dataDir,
      user: input.user,
      uid,
      metrics: input.metrics,
      hostEnv: input.env,
    },
    withheld: carried.withheld,
  };
}
