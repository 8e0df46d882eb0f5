import type { EvidenceValue, FixId, Status } from '../../shared/report.js';
import { callTimeoutMs } from './budget.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import type { SystemProxy } from '../platform/adapter.js';
import { proxyFromEnv, proxyUrlProblem, showProxyUrl } from '../network/proxy-env.js';
import { stripUrlCredentials } from '../redact/redact.js';

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'] as const;
const NO_PROXY_VARIABLES = ['no_proxy', 'NO_PROXY'] as const;
const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };
const RANK: Readonly<Record<Status, number>> = { ok: 0, skip: 0, unknown: 1, warn: 2, fail: 3 };

interface Finding {
  readonly status: Status;
  readonly summary: string;
  readonly cause: string;
  readonly fixes: readonly FixId[];
}

function value(ctx: ProbeInput, name: string): string | null {
  const raw = ctx.env[name]?.trim();
  return raw ? raw : null;
}

function systemEvidence(system: SystemProxy | null): EvidenceValue {
  if (!system) return null;
  const strip = (url: string | null): string | null => (url ? showProxyUrl(url) : null);
  return {
    https: strip(system.https),
    http: strip(system.http),
    exceptions: [...system.exceptions],
    pacUrl: system.pacUrl,
    source: system.source,
  };
}

async function reachability(ctx: ProbeInput, proxy: string, variable: string): Promise<Finding | null> {
  const url = new URL(proxy);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol] || 1080;
  const shown = stripUrlCredentials(proxy);
  const result = await ctx.tcp.connect(host, port, callTimeoutMs(ctx, 0.45));
  if (result.kind === 'ok') return null;
  const how =
    result.failure === 'refused'
      ? 'refused the connection: nothing is listening there'
      : result.failure === 'timeout'
        ? 'did not answer in time'
        : result.failure === 'dns'
          ? `has a host name that does not resolve (${host})`
          : `could not be reached (${result.code})`;
  return {
    status: 'fail',
    summary: `The proxy ${shown} does not answer`,
    cause: `The proxy from ${variable} (${shown}) ${how}. Every request Claude Code makes goes through it. Check the address and port, start the proxy (or VPN), or unset ${variable} if you no longer need a proxy.`,
    fixes: ['fix-proxy'],
  };
}

/** network.proxy: proxy settings are coherent and the proxy Claude Code would use answers. */
export const networkProxyProbe: Probe = {
  id: 'network.proxy',
  title: 'Proxy',
  touches:
    'Reads the proxy variables (and macOS `scutil --proxy`); opens one TCP connection to the proxy when one is set (nothing is sent through it).',
  offline: 'skip',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const api = ctx.endpoints.api;
    const choice = proxyFromEnv(ctx.env, api.url);
    const system = await ctx.platform.systemProxy(callTimeoutMs(ctx, 0.45)).catch(() => null);
    const variables: Record<string, EvidenceValue> = {};
    for (const name of PROXY_VARIABLES) if (value(ctx, name)) variables[name] = showProxyUrl(value(ctx, name)!);
    for (const name of NO_PROXY_VARIABLES) if (value(ctx, name)) variables[name] = value(ctx, name);
    const configured = choice.variable ? value(ctx, choice.variable) : null;
    const evidence: Record<string, EvidenceValue> = {
      variables,
      apiHost: api.host,
      apiProxy: choice.proxy ? stripUrlCredentials(choice.proxy) : null,
      variable: choice.variable,
      bypassedBy: choice.bypassedBy,
      system: systemEvidence(system),
      problems: [...choice.problems],
    };
    const anyProxyVariable = PROXY_VARIABLES.some((name) => value(ctx, name));
    const systemProxy = system && (system.https || system.http || system.pacUrl) ? system : null;
    if (!anyProxyVariable && !systemProxy && choice.problems.length === 0) {
      return { status: 'ok', summary: 'No proxy configured', cause: null, evidence };
    }

    const findings: Finding[] = [];
    if (choice.fatal && choice.variable) {
      findings.push({
        status: 'fail',
        summary: `${choice.variable} is not a usable proxy URL`,
        cause: `${choice.problems.join(' ')} Until it is fixed, connections to ${api.host ?? 'the API'} fail.`,
        fixes: ['fix-proxy'],
      });
    } else if (choice.problems.length > 0) {
      findings.push({
        status: 'warn',
        summary: 'Proxy variables disagree or are malformed',
        cause: choice.problems.join(' '),
        fixes: ['fix-proxy'],
      });
    }
    if (choice.bypassedBy !== null && configured) {
      findings.push({
        status: 'warn',
        summary: `${choice.noProxyVariable} sends ${api.host} around the proxy`,
        cause: `${choice.variable} sets a proxy (${showProxyUrl(configured)}), but the ${choice.noProxyVariable} entry "${choice.bypassedBy}" makes Claude Code connect to ${api.host} directly. On a network that only allows traffic through the proxy this fails; remove the entry unless direct access works.`,
        fixes: ['fix-proxy'],
      });
    }
    const toTest = choice.proxy ?? (configured && choice.variable && !proxyUrlProblem(choice.variable, configured) ? configured : null);
    if (toTest && choice.variable) {
      const unreachable = await reachability(ctx, toTest, choice.variable);
      if (unreachable) findings.push(unreachable);
      evidence['proxyReachable'] = unreachable === null;
    }

    const worst = findings.reduce<Finding | null>((a, b) => (a === null || RANK[b.status] > RANK[a.status] ? b : a), null);
    if (worst) {
      const fixes = [...new Set(findings.flatMap((finding) => finding.fixes))];
      return { status: worst.status, summary: worst.summary, cause: findings.map((finding) => finding.cause).join(' '), fixes, evidence };
    }
    if (!anyProxyVariable && systemProxy) {
      const shown = showProxyUrl(systemProxy.https ?? systemProxy.http ?? systemProxy.pacUrl ?? '');
      return {
        status: 'ok',
        summary: `System proxy ${shown} is set; Claude Code does not use it`,
        cause: `The system proxy (${systemProxy.source}) applies to browsers, but Claude Code only follows HTTPS_PROXY. If the API is unreachable directly, set HTTPS_PROXY to the same proxy.`,
        evidence,
      };
    }
    const shown = choice.proxy ? stripUrlCredentials(choice.proxy) : null;
    return {
      status: 'ok',
      summary: shown ? `Proxy ${shown} (${choice.variable}) answers` : `Proxy configured; ${api.host ?? 'the API'} is not proxied`,
      cause: null,
      evidence,
    };
  },
};
