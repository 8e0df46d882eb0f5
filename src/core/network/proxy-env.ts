import net from 'node:net';
import { stripUrlCredentials } from '../redact/redact.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Which proxy Node-based tools (Claude Code, undici) use for one URL, read from the
 * environment the way undici's EnvHttpProxyAgent does (lower case first), plus what is wrong
 * with those settings. Proxy URLs may hold a password: strip them before showing them.
 */
export interface ProxyChoice {
  /** The proxy to use for the target (credentials kept: the client needs them); null = direct. */
  readonly proxy: string | null;
  /** The variable the proxy setting came from, also when NO_PROXY or a malformed value voids it. */
  readonly variable: string | null;
  /** The NO_PROXY entry that sends the target direct despite a proxy setting, e.g. ".anthropic.com". */
  readonly bypassedBy: string | null;
  /** Which of NO_PROXY/no_proxy holds that entry. */
  readonly noProxyVariable: string | null;
  /** Plain sentences, each naming its variable: malformed URLs, upper/lower case disagreeing. */
  readonly problems: readonly string[];
  /** True when the setting that applies to the target is unusable (malformed): connections will fail. */
  readonly fatal: boolean;
}

const SCHEMES = new Set(['http:', 'https:', 'socks:', 'socks4:', 'socks4a:', 'socks5:', 'socks5h:']);

/** Variables consulted for a target scheme, most specific first; each as [lower, upper]. */
function variablesFor(protocol: string): (readonly [string, string])[] {
  const http = ['http_proxy', 'HTTP_PROXY'] as const;
  const all = ['all_proxy', 'ALL_PROXY'] as const;
  return protocol === 'https:' ? [['https_proxy', 'HTTPS_PROXY'], http, all] : [http, all];
}

function read(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

/** Hides user:password even in a value too broken to parse as a URL. */
function maskUserinfo(value: string): string {
  const at = value.lastIndexOf('@');
  if (at === -1) return value;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
  return `${scheme}***${value.slice(at)}`;
}

/**
 * A proxy setting fit to show: user:password hidden, also in values too broken for
 * stripUrlCredentials (which reads "user:pw@host:port" as a URL with scheme "user:").
 */
export function showProxyUrl(value: string): string {
  try {
    if (SCHEMES.has(new URL(value).protocol)) return stripUrlCredentials(value);
  } catch {
    // fall through to masking
  }
  return maskUserinfo(value);
}

/** Why a proxy URL is unusable, or null when it is fine. */
export function proxyUrlProblem(variable: string, value: string): string | null {
  const shown = JSON.stringify(maskUserinfo(value).slice(0, 80));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${variable} is not a valid URL (${shown}); write it as http://host:port.`;
  }
  if (!SCHEMES.has(url.protocol)) {
    return `${variable} has no usable scheme (${shown}); write it as http://host:port (Node does not assume http://).`;
  }
  if (!url.hostname) return `${variable} has no host (${shown}); write it as http://host:port.`;
  return null;
}

function caseProblems(env: Env, pairs: readonly (readonly [string, string])[]): string[] {
  const problems: string[] = [];
  for (const [lower, upper] of pairs) {
    const a = read(env, lower);
    const b = read(env, upper);
    if (a !== null && b !== null && a !== b) {
      problems.push(`${lower} and ${upper} differ; Node tools use ${lower}, others ${upper}. Set both to the same value or unset one.`);
    }
  }
  return problems;
}

interface NoProxyEntry {
  readonly text: string;
  readonly host: string;
  readonly port: number | null;
}

function parseNoProxyEntry(text: string): NoProxyEntry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { text, host: bracketed[1]!.toLowerCase(), port: bracketed[2] ? Number(bracketed[2]) : null };
  if (net.isIPv6(text.split('/')[0]!)) return { text, host: text.toLowerCase(), port: null };
  const withPort = /^(.+):(\d+)$/.exec(text);
  const host = (withPort ? withPort[1]! : text).replace(/^\*?\./, '').toLowerCase();
  return { text, host, port: withPort ? Number(withPort[2]) : null };
}

function inSubnet(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const family = net.isIP(base ?? '');
  const prefix = Number(bits);
  if (!base || family === 0 || net.isIP(ip) !== family || !Number.isInteger(prefix)) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  try {
    const list = new net.BlockList();
    list.addSubnet(base, prefix, type);
    return list.check(ip, type);
  } catch {
    return false;
  }
}

/** The NO_PROXY entry matching host:port (`*`, exact, domain suffix with or without dot, host:port, IP, CIDR). */
export function matchNoProxy(value: string, host: string, port: number): string | null {
  const target = host
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  for (const text of value.split(/[\s,]+/).filter(Boolean)) {
    if (text === '*') return text;
    const entry = parseNoProxyEntry(text);
    if (entry.port !== null && entry.port !== port) continue;
    if (entry.host.includes('/') ? inSubnet(target, entry.host) : target === entry.host || target.endsWith(`.${entry.host}`)) {
      return text;
    }
  }
  return null;
}

function defaultPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

export function proxyFromEnv(env: Env, targetUrl: string | null): ProxyChoice {
  let target: URL | null = null;
  try {
    target = targetUrl ? new URL(targetUrl) : null;
  } catch {
    target = null;
  }
  const pairs = variablesFor(target?.protocol ?? 'https:');
  const problems = caseProblems(env, [...pairs, ['no_proxy', 'NO_PROXY']]);
  for (const name of pairs.flat()) {
    const value = read(env, name);
    const problem = value === null ? null : proxyUrlProblem(name, value);
    if (problem) problems.push(problem);
  }
  const none = { proxy: null, variable: null, bypassedBy: null, noProxyVariable: null, problems, fatal: false };
  const variable = pairs.flat().find((name) => read(env, name) !== null) ?? null;
  if (variable === null || target === null) return { ...none, variable };
  const value = read(env, variable)!;
  const noProxyVariable = read(env, 'no_proxy') !== null ? 'no_proxy' : read(env, 'NO_PROXY') !== null ? 'NO_PROXY' : null;
  const bypassedBy = noProxyVariable ? matchNoProxy(read(env, noProxyVariable)!, target.hostname, defaultPort(target)) : null;
  if (bypassedBy !== null) return { ...none, variable, bypassedBy, noProxyVariable };
  if (proxyUrlProblem(variable, value) !== null) return { ...none, variable, fatal: true };
  return { ...none, proxy: value, variable };
}
