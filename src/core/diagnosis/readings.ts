/**
 * Small readings of a HealthReport that the tray, the menu and the notification decision share,
 * so "is the keychain locked" has one answer everywhere. They read the report's typed facts.
 */
import type { CheckId, CheckResult, HealthReport } from '../../shared/report.js';
import { resolveEndpoints } from '../network/endpoints.js';

export function checkOf(report: HealthReport | null, id: CheckId): CheckResult | undefined {
  return report?.checks.find((c) => c.id === id);
}

/** Locked keychain or Secret Service: the keychain check found it locked, or the stored login could not be read for it. */
export function keychainLocked(report: HealthReport | null): boolean {
  return report?.facts.keychain?.state === 'locked' || report?.facts.login?.keychainLocked === true;
}

export interface TokenExpiry {
  /** Epoch ms, as Claude Code stores it. */
  readonly expiresAt: number;
  readonly hasRefreshToken: boolean;
}

/** The stored subscription token's expiry; null for API keys, env tokens and logins without one. */
export function tokenExpiry(report: HealthReport | null): TokenExpiry | null {
  const token = report?.facts.token;
  if (!token || token.kind !== 'subscription' || token.expiresAt === null) return null;
  const expiresAt = Date.parse(token.expiresAt);
  return Number.isFinite(expiresAt) ? { expiresAt, hasRefreshToken: token.hasRefreshToken } : null;
}

/** When the stored login reaches its time limit (epoch ms); null when none applies. */
export function loginEndsAt(report: HealthReport | null): number | null {
  const endsAt = report?.facts.login?.endsAt;
  if (!endsAt) return null;
  const ms = Date.parse(endsAt);
  return Number.isFinite(ms) ? ms : null;
}

export interface Incident {
  readonly name: string;
  readonly shortlink: string | null;
  readonly level: 'fail' | 'warn';
}

/** The incident the status check leads with, when Anthropic's service is not ok for Claude Code. */
export function serviceIncident(report: HealthReport | null): Incident | null {
  const status = checkOf(report, 'service.status');
  if (!status || (status.status !== 'fail' && status.status !== 'warn')) return null;
  const level = status.status;
  for (const incident of report?.facts.status?.incidents ?? []) {
    const serious = incident.impact === 'major' || incident.impact === 'critical';
    if (incident.name && (incident.components.length > 0 || serious)) return { name: incident.name, shortlink: incident.shortlink, level };
  }
  return null;
}

const SUMMARY_PATH = /\/api\/v2\/summary\.json$/;

/** Where "open the status page" goes: the incident's own page, else the page the check read, else the default. */
export function statusPageUrl(report: HealthReport | null): string {
  const incident = serviceIncident(report);
  if (incident?.shortlink && /^https?:\/\//.test(incident.shortlink)) return incident.shortlink;
  const url = report?.facts.status?.url ?? null;
  if (url && SUMMARY_PATH.test(url)) return url.replace(SUMMARY_PATH, '');
  return resolveEndpoints({}).status.url ?? 'https://status.claude.com';
}

/** Failing checks first, then warnings, each in the report's stable order. */
export function failingOrWarning(report: HealthReport | null): CheckResult[] {
  const checks = report?.checks ?? [];
  return [...checks.filter((c) => c.status === 'fail'), ...checks.filter((c) => c.status === 'warn')];
}
