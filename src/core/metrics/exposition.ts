import { Gauge, Registry } from 'prom-client';
import { STATUSES, type HealthReport, type Overall } from '../../shared/report.js';

/** The Prometheus text format (0.0.4) that `renderExposition` writes. */
export const EXPOSITION_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

const OVERALLS: readonly Overall[] = ['ok', 'warn', 'fail', 'unknown'];

/** A version as a label value: what `claude --version` printed, when it looks like a version and nothing else. */
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/;

export interface ExpositionOptions {
  /** This tool's version (the build_info label). */
  readonly version: string;
  /** Extra labels on every series (`--label host=…`), already validated by `parseMetricLabel`. */
  readonly labels?: Readonly<Record<string, string>>;
}

const seconds = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : null;
};

/**
 * The report as Prometheus series, read from the report's statuses, durations and typed facts only
 * (never evidence): nothing in a label or value is a secret or personal. A series whose fact is not
 * known (no expiry, a keychain that does not apply) is left out rather than reported as 0, so an
 * alert on it cannot fire on a value nobody measured. Null before the first report: build info only.
 */
export async function renderExposition(report: HealthReport | null, options: ExpositionOptions): Promise<string> {
  const registry = new Registry();
  if (options.labels) registry.setDefaultLabels({ ...options.labels });
  const gauge = (name: string, help: string, labelNames: readonly string[] = []): Gauge =>
    new Gauge({ name, help, labelNames: [...labelNames], registers: [registry] });

  const claudeVersion = report?.facts.claude?.version ?? '';
  gauge('claude_auth_doctor_build_info', 'Always 1: the doctor version, and the Claude Code version it found ("" when none).', [
    'version',
    'claude_code_version',
  ]).set({ version: options.version, claude_code_version: VERSION.test(claudeVersion) ? claudeVersion : '' }, 1);
  if (!report) return registry.metrics();

  const checkStatus = gauge('claude_auth_check_status', 'One-hot: 1 for the status each check has now.', ['check', 'status']);
  const duration = gauge('claude_auth_check_duration_seconds', 'How long each check took in its last run.', ['check']);
  for (const check of report.checks) {
    for (const status of STATUSES) checkStatus.set({ check: check.id, status }, check.status === status ? 1 : 0);
    duration.set({ check: check.id }, check.durationMs / 1000);
  }
  const overall = gauge('claude_auth_overall_status', 'One-hot: 1 for the overall status now (fail > warn > unknown > ok).', ['status']);
  for (const status of OVERALLS) overall.set({ status }, report.overall === status ? 1 : 0);

  const last = seconds(report.generatedAt);
  if (last !== null) gauge('claude_auth_last_check_timestamp_seconds', 'When the latest run finished (Unix time).').set(last);
  const tokenExpiry = seconds(report.facts.token?.expiresAt);
  if (tokenExpiry !== null)
    gauge('claude_auth_token_expiry_timestamp_seconds', 'When the access token in effect expires (Unix time).').set(tokenExpiry);
  const loginEnds = seconds(report.facts.login?.endsAt);
  if (loginEnds !== null)
    gauge(
      'claude_auth_login_expiry_timestamp_seconds',
      'When the stored login reaches its time limit (Unix time); after it only signing in again helps.',
    ).set(loginEnds);
  const keychain = report.facts.keychain?.state;
  if (keychain === 'locked' || keychain === 'unlocked')
    gauge('claude_auth_keychain_locked', '1 when the OS secret store holding the login is locked.').set(keychain === 'locked' ? 1 : 0);
  return registry.metrics();
}
