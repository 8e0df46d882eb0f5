import type { EvidenceValue, FixId, Status } from '../../shared/report.js';
import { callTimeoutMs } from './budget.js';
import { loadAuthFacts } from './auth-facts.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import type { Endpoint } from '../network/endpoints.js';
import type { LookupResult } from '../io/ports.js';
import { proxyFromEnv } from '../network/proxy-env.js';
import { stripUrlCredentials } from '../redact/redact.js';

interface HostCheck {
  readonly endpoint: Endpoint;
  readonly host: string;
  readonly viaProxy: string | null;
  readonly result: LookupResult;
}

function why(result: Extract<LookupResult, { kind: 'error' }>): string {
  if (result.code === 'EAI_AGAIN') return 'no DNS server answered (offline, or the DNS server is unreachable)';
  if (result.code === 'ETIMEOUT') return 'the DNS lookup timed out';
  if (result.code === 'ENOTFOUND') return "the name does not exist for this machine's DNS";
  return `lookup failed (${result.code})`;
}

function evidenceOf(check: HostCheck): EvidenceValue {
  const base = { host: check.host, override: check.endpoint.override, viaProxy: check.viaProxy };
  return check.result.kind === 'ok'
    ? { ...base, addresses: [...check.result.addresses] }
    : { ...base, error: check.result.code, message: check.result.message };
}

/** network.dns: the API, auth and status hosts resolve (through a proxy, resolving is the proxy's job). */
export const networkDnsProbe: Probe = {
  id: 'network.dns',
  title: 'Name resolution',
  touches:
    'DNS lookups of the API, sign-in and status hosts (and of api.anthropic.com when a gateway is set and a Claude login is in use); no connection.',
  offline: 'skip',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    // With a gateway in ANTHROPIC_BASE_URL, a Claude login still asks api.anthropic.com about its token.
    const { api, anthropic } = ctx.endpoints;
    const oauth = (await loadAuthFacts(ctx)).method.checkAs === 'oauth';
    const endpoints = [api, ...(oauth && anthropic.host !== api.host ? [anthropic] : []), ctx.endpoints.auth, ctx.endpoints.status];
    const broken = endpoints.filter((endpoint) => endpoint.error !== null);
    const usable = endpoints.filter(
      (endpoint): endpoint is Endpoint & { host: string } => endpoint.error === null && endpoint.host !== null,
    );
    const timeoutMs = callTimeoutMs(ctx);
    const cache = new Map<string, Promise<LookupResult>>();
    const checks: HostCheck[] = await Promise.all(
      usable.map(async (endpoint) => {
        if (!cache.has(endpoint.host)) cache.set(endpoint.host, ctx.resolver.lookup(endpoint.host, timeoutMs));
        const { proxy } = proxyFromEnv(ctx.env, endpoint.url);
        return {
          endpoint,
          host: endpoint.host,
          viaProxy: proxy ? stripUrlCredentials(proxy) : null,
          result: await cache.get(endpoint.host)!,
        };
      }),
    );

    const evidence: Record<string, EvidenceValue> = {};
    for (const check of checks) evidence[check.endpoint.name] = evidenceOf(check);
    for (const endpoint of broken) evidence[endpoint.name] = { host: null, override: endpoint.override, error: 'invalid-url' };

    const failed = checks.filter((check) => check.result.kind === 'error');
    const apiFailed = failed.some(
      (check) => (check.endpoint.name === 'api' || check.endpoint.name === 'anthropic') && check.viaProxy === null,
    );
    const causes = [
      ...broken.map((endpoint) => endpoint.error ?? `${endpoint.override} is not a valid URL.`),
      ...failed.map((check) => {
        const result = check.result as Extract<LookupResult, { kind: 'error' }>;
        const proxyNote = check.viaProxy
          ? ` Requests go through the proxy ${check.viaProxy}, which resolves names itself, so this only matters if the proxy is bypassed.`
          : '';
        return `${check.host} (${check.endpoint.name}) does not resolve: ${why(result)}.${proxyNote}`;
      }),
    ];

    if (broken.length === 0 && failed.length === 0) {
      const hosts = [...new Set(checks.map((check) => check.host))];
      return { status: 'ok', summary: `${hosts.join(', ')} resolve`, cause: null, evidence };
    }
    const status: Status = broken.length > 0 || apiFailed ? 'fail' : 'warn';
    const fixes: FixId[] = failed.length > 0 ? ['fix-dns'] : [];
    const failedHosts = [...new Set(failed.map((check) => check.host))];
    const summary =
      broken.length > 0
        ? `${broken.map((endpoint) => endpoint.override ?? endpoint.name).join(', ')} is not a valid URL`
        : apiFailed
          ? `The API host ${failed.find((c) => c.endpoint.name === 'api' || c.endpoint.name === 'anthropic')?.host ?? api.host} does not resolve`
          : `${failedHosts.join(', ')} ${failedHosts.length > 1 ? 'do' : 'does'} not resolve`;
    return { status, summary, cause: causes.join(' '), fixes, evidence };
  },
};
