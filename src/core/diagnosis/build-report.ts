import type { CheckResult, FixId, HealthReport, ReportContext, ReportFacts } from '../../shared/report.js';
import { overallOf } from './plan.js';
import { findCauses, planFromFindings } from './findings.js';

export const TOOL_NAME = 'claude-auth-doctor';

/**
 * Findings that only make sense together. A VPN is informational on its own, but when the API
 * cannot be reached while one is up it is the first suspect.
 */
function correlate(checks: readonly CheckResult[]): CheckResult[] {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const vpn = byId.get('network.vpn');
  const tls = byId.get('network.tls');
  const apiUnreachable = tls !== undefined && (tls.status === 'fail' || tls.status === 'unknown');
  if (!vpn || vpn.status !== 'ok' || vpn.facts.vpn?.up !== true || !apiUnreachable) return [...checks];
  const fixes: FixId[] = ['fix-proxy', 'fix-dns'];
  const escalated: CheckResult = {
    ...vpn,
    status: 'warn',
    summary: `${vpn.summary}, and the Anthropic API is unreachable`,
    cause:
      'A VPN is up while the Anthropic API cannot be reached. VPNs often route or filter traffic to api.anthropic.com or swallow the login callback: try once with the VPN off, or ask IT to allow Anthropic hosts.',
    fixes,
  };
  return checks.map((c) => (c.id === 'network.vpn' ? escalated : c));
}

export function buildReport(input: {
  readonly checks: readonly CheckResult[];
  readonly context: ReportContext;
  readonly version: string;
  readonly now: number;
}): HealthReport {
  const checks = correlate(input.checks);
  const facts = Object.assign({}, ...checks.map((c) => c.facts)) as ReportFacts;
  const findings = findCauses(checks, facts, input.now);
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: input.version },
    generatedAt: new Date(input.now).toISOString(),
    overall: overallOf(checks.map((c) => c.status)),
    context: input.context,
    checks,
    plan: planFromFindings(findings),
    facts,
    findings,
  };
}
