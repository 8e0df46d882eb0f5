/**
 * Small readings of a HealthReport that the tray, the menu and the notification decision share,
 * so "is the keychain locked" has one answer everywhere. Evidence is untyped JSON: every reader
 * narrows and falls back to null rather than trusting a field's shape.
 */
import type { CheckId, CheckResult, EvidenceValue, HealthReport } from '../../shared/report.js';
import { resolveEndpoints } from '../network/endpoints.js';

export function checkOf(report: HealthReport | null, id: CheckId): CheckResult | undefined {
  return report?.checks.find((c) => c.id === id);
}

function text(value: EvidenceValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function list(value: EvidenceValue | undefined): readonly EvidenceValue[] {
  return Array.isArray(value) ? value : [];
}

/** Locked keychain or Secret Service: the keychain check asks for an unlock, or the stored login could not be read for it. */
export function keychainLocked(report: HealthReport | null): boolean {
  const keychain = checkOf(report, 'keychain');
  if (keychain && (keychain.status === 'fail' || keychain.status === 'warn') && keychain.fixes.includes('unlock-keychain')) return true;
  const credentials = checkOf(report, 'auth.credentials');
  return credentials?.status === 'fail' && list(credentials.evidence['problems']).includes('keychain-locked');
}

export interface TokenExpiry {
  /** Epoch ms, as Claude Code stores it. */
  readonly expiresAt: number;
  readonly hasRefreshToken: boolean;
}

/** The stored subscription token's expiry; null for API keys, env tokens and logins without one. */
export function tokenExpiry(report: HealthReport | null): TokenExpiry | null {
  const token = checkOf(report, 'auth.token');
  const expiresAt = token?.evidence['expiresAt'];
  if (!token || typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || expiresAt <= 0) return null;
  if (token.evidence['method'] !== undefined && token.evidence['method'] !== 'subscription') return null;
  const refresh = text(token.evidence['refreshToken']) ?? text(checkOf(report, 'auth.credentials')?.evidence['refreshToken']);
  return { expiresAt, hasRefreshToken: refresh !== null };
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
  for (const raw of list(status.evidence['incidents'])) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const incident = raw as { readonly [k: string]: EvidenceValue };
    const name = text(incident['name']);
    const scoped = list(incident['components']).length > 0;
    const serious = incident['impact'] === 'major' || incident['impact'] === 'critical';
    if (name && (scoped || serious)) return { name, shortlink: text(incident['shortlink']), level };
  }
  return null;
}

const SUMMARY_PATH = /\/api\/v2\/summary\.json$/;

/** Where "open the status page" goes: the incident's own page, else the page the check read, else the default. */
export function statusPageUrl(report: HealthReport | null): string {
  const incident = serviceIncident(report);
  if (incident?.shortlink && /^https?:\/\//.test(incident.shortlink)) return incident.shortlink;
  const url = text(checkOf(report, 'service.status')?.evidence['url']);
  if (url && SUMMARY_PATH.test(url)) return url.replace(SUMMARY_PATH, '');
  return resolveEndpoints({}).status.url ?? 'https://status.claude.com';
}

/** Failing checks first, then warnings, each in the report's stable order. */
export function problems(report: HealthReport | null): CheckResult[] {
  const checks = report?.checks ?? [];
  return [...checks.filter((c) => c.status === 'fail'), ...checks.filter((c) => c.status === 'warn')];
}
