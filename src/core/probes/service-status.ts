import type { EvidenceValue, ReportFacts, StatusFacts } from '../../shared/report.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import { describeNetFailure } from '../io/net-failure.js';
import type { NetFailure } from '../io/ports.js';
import { redactText, stripUrlCredentials } from '../redact/redact.js';
import { fetchStatusSummary, responseHeader as header } from './status-fetch.js';
import { assessStatus } from '../network/status-page-assess.js';
import { parseStatusSummary } from '../network/status-page-parse.js';

const SHORT: Readonly<Record<NetFailure, string>> = {
  dns: 'DNS lookup failed',
  refused: 'connection refused',
  timeout: 'timed out',
  reset: 'connection reset',
  'tls-untrusted': 'untrusted TLS certificate',
  'tls-hostname': 'TLS certificate for another host',
  'tls-expired': 'TLS certificate expired',
  'tls-other': 'TLS handshake failed',
  proxy: 'the proxy refused the tunnel',
  'too-large': 'answer too large',
  aborted: 'cancelled',
  other: 'connection failed',
};

function httpTrouble(status: number, retryAfter: string | null, url: string): string {
  const browse = `Open ${url} in a browser to see the incidents yourself.`;
  if (status === 429) {
    const wait = retryAfter ? ` and asks to wait ${retryAfter}${/^\d+$/.test(retryAfter) ? ' s' : ''}` : '';
    return `The status page is rate-limiting this machine${wait}. That says nothing about Claude itself. ${browse}`;
  }
  if (status >= 500) {
    return `The status page itself is having trouble (HTTP ${status}); that alone does not mean Claude is down. ${browse}`;
  }
  return `The status page did not serve its summary (HTTP ${status}); if CLAUDE_AUTH_DOCTOR_STATUS_URL is set, check that it points at a Statuspage site. ${browse}`;
}

/** service.status: Anthropic's own word on whether Claude is up, so nobody re-logs-in during an outage. */
export const serviceStatusProbe: Probe = {
  id: 'service.status',
  title: 'Anthropic status',
  touches: "One GET of the public status page's summary (conditional on the last ETag), through your proxy settings; no credentials.",
  offline: 'skip',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const endpoint = ctx.endpoints.status;
    const fetched = await fetchStatusSummary(ctx);
    if (endpoint.error || !endpoint.url || !fetched) {
      return {
        status: 'unknown',
        summary: `${endpoint.override ?? 'CLAUDE_AUTH_DOCTOR_STATUS_URL'} is not a usable URL`,
        cause: endpoint.error ?? 'The status page address could not be worked out.',
        evidence: { variable: endpoint.override ?? 'CLAUDE_AUTH_DOCTOR_STATUS_URL' },
      };
    }
    // Claude Code honours HTTPS_PROXY and friends; the status page goes the same way.
    const { url, proxy, result } = fetched;
    const base: Record<string, EvidenceValue> = { url, override: endpoint.override, proxy: proxy ? stripUrlCredentials(proxy) : null };

    const statusFacts = (more: Partial<StatusFacts> = {}): ReportFacts => ({
      status: { url, httpStatus: null, etag: null, lastModified: null, retryAfter: null, incidents: [], ...more },
    });
    if (result.kind === 'failure') {
      const evidence = { ...base, failure: result.failure, code: result.code, elapsedMs: Math.round(result.elapsedMs) };
      if (result.failure === 'too-large') {
        return {
          status: 'unknown',
          summary: 'Status page answer was larger than 1 MiB',
          cause: `${url} sent more than 1 MiB, far more than a status summary; it is probably not a Statuspage site (check CLAUDE_AUTH_DOCTOR_STATUS_URL) or something in between rewrote the answer.`,
          evidence,
          facts: statusFacts(),
        };
      }
      const target = endpoint.host ?? url;
      return {
        status: 'unknown',
        summary: `Could not reach the status page: ${SHORT[result.failure]} (${result.code})`,
        cause: `${describeNetFailure(result.failure, target)} Whether Claude itself is up is unknown; the network checks say more about this connection.`,
        evidence,
        facts: statusFacts(),
      };
    }

    const etag = header(result, 'etag');
    const lastModified = header(result, 'last-modified');
    const retryAfter = header(result, 'retry-after');
    const evidence = { ...base, httpStatus: result.status, elapsedMs: Math.round(result.elapsedMs), etag, lastModified };
    const answered = { httpStatus: result.status, etag, lastModified, retryAfter };
    if (result.status === 304) {
      // A conditional poll: nothing changed since the last answer, whose verdict the monitor keeps.
      return { status: 'ok', summary: 'Status page unchanged since the last check', cause: null, evidence, facts: statusFacts(answered) };
    }
    if (result.status !== 200) {
      return {
        status: 'unknown',
        summary: `Status page answered HTTP ${result.status}`,
        cause: httpTrouble(result.status, retryAfter, endpoint.url),
        evidence: { ...evidence, retryAfter },
        facts: statusFacts(answered),
      };
    }

    const parsed = parseStatusSummary(result.body);
    if (parsed.kind === 'invalid') {
      return {
        status: 'unknown',
        summary: 'Status page answer could not be read',
        cause: `${url} answered, but ${redactText(parsed.problem)}. Check CLAUDE_AUTH_DOCTOR_STATUS_URL if it is set, or open ${endpoint.url} in a browser.`,
        evidence: { ...evidence, problem: redactText(parsed.problem) },
        facts: statusFacts(answered),
      };
    }

    const verdict = assessStatus(parsed.summary);
    const incidents = verdict.incidents.map((i) => ({
      name: i.name,
      status: i.status,
      impact: i.impact,
      shortlink: i.shortlink,
      components: [...i.areas],
    }));
    return {
      status: verdict.level,
      summary: verdict.summary,
      cause: verdict.cause,
      fixes: verdict.level === 'ok' ? [] : ['wait-for-service'],
      evidence: {
        ...evidence,
        indicator: parsed.summary.indicator,
        description: parsed.summary.description,
        pageUpdatedAt: parsed.summary.pageUpdatedAt,
        affected: verdict.affected.map((c) => ({ name: c.name, area: c.area, status: c.status })),
        incidents,
      },
      facts: statusFacts({ ...answered, incidents }),
    };
  },
};
