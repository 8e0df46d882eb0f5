import type { HealthReport } from '../../shared/report.js';
import { redactText, stripUrlCredentials } from '../redact/redact.js';

/** Variables that shape Claude Code's sign-in; only their names (and proxy URLs, stripped) leave. */
const RELEVANT =
  /^(ANTHROPIC_|CLAUDE_|AWS_|GOOGLE_|VERTEX_|CLOUD_ML_|HTTPS?_PROXY$|https?_proxy$|ALL_PROXY$|all_proxy$|NO_PROXY$|no_proxy$|NODE_EXTRA_CA_CERTS$|NODE_TLS_REJECT_UNAUTHORIZED$|SSL_CERT_|SSH_CONNECTION$|SSH_TTY$|DISPLAY$|WAYLAND_DISPLAY$|WSL_DISTRO_NAME$|DBUS_SESSION_BUS_ADDRESS$|TERM_PROGRAM$)/;
const PROXY_VARS = /^(https?_proxy|all_proxy|no_proxy)$/i;
/** Values that are never secret and help a support engineer, shown as they are. */
const SAFE_VALUES = new Set([
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'TERM_PROGRAM',
  'WSL_DISTRO_NAME',
  'CLAUDE_CODE_USE_BEDROCK',
  'CLAUDE_CODE_USE_VERTEX',
  'CLAUDE_CODE_USE_FOUNDRY',
  'CLAUDE_CODE_USE_ANTHROPIC_AWS',
  'CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD',
  'CLAUDE_CODE_USE_MANTLE',
  'CLAUDE_CODE_USE_GATEWAY',
  'CLAUDE_CODE_FORCE_WINDOWS_CREDMAN',
  'CLAUDE_SECURESTORAGE_CONFIG_DIR',
  'NODE_EXTRA_CA_CERTS',
  'CLAUDE_CONFIG_DIR',
  'ANTHROPIC_BASE_URL',
  'CLAUDE_AUTH_DOCTOR_STATUS_URL',
  'CLAUDE_AUTH_DOCTOR_API_URL',
  'CLAUDE_AUTH_DOCTOR_AUTH_URL',
  'CLAUDE_AUTH_DOCTOR_CLAUDE_BIN',
]);

export interface DiagnosticBundle {
  readonly kind: 'claude-auth-doctor-diagnostic';
  readonly schemaVersion: 1;
  readonly note: string;
  readonly report: HealthReport;
  readonly environment: {
    readonly variablesPresent: readonly string[];
    readonly values: Readonly<Record<string, string>>;
  };
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Defence in depth: every string in the bundle goes through the redactor once more. */
function scrub(value: unknown): Json {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return null;
}

export function buildDiagnosticBundle(report: HealthReport, env: Readonly<Record<string, string | undefined>>): DiagnosticBundle {
  const names = Object.keys(env)
    .filter((k) => RELEVANT.test(k) && env[k] !== undefined)
    .sort();
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = env[name] ?? '';
    if (PROXY_VARS.test(name)) values[name] = /^no_proxy$/i.test(name) ? value : stripUrlCredentials(value);
    // A URL keeps its host and path; its userinfo and secret-named parameters never leave.
    else if (SAFE_VALUES.has(name))
      values[name] = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? stripUrlCredentials(value.trim()) : value;
  }
  return scrub({
    kind: 'claude-auth-doctor-diagnostic',
    schemaVersion: 1,
    note: 'Redacted: secrets appear only as fingerprints (fp:xxxxxxxx); variables are listed by name, values only where they are never secret.',
    report,
    environment: { variablesPresent: names, values },
  }) as unknown as DiagnosticBundle;
}
