/**
 * A ProbeInput for tests, built from real local things with safe defaults:
 * env {} (so endpoints are the public defaults, but see below), a fresh tmp home, a fake
 * platform adapter that reports nothing (override any method with `fakePlatform({...})`),
 * the real runner, file system and clock, the real resolver/HTTP/TLS/TCP wrapped so that
 * anything other than loopback fails at once with code E_TEST_NON_LOOPBACK: a test can
 * never reach the internet by forgetting an override.
 *
 * Pass `env` to change variables (endpoints are derived from it unless `endpoints` is given),
 * `tls: createTlsProber({ ca: [pki.caPem] })` / `http: createHttpClient({ ca: [...] })` to trust
 * the test CA, and anything else in ProbeInput to replace it.
 */
import { monotonicMs } from '../../src/core/io/time.js';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeInput, ProbeOptions } from '../../src/core/probes/probe.js';
import { resolveEndpoints } from '../../src/core/network/endpoints.js';
import { createResolver } from '../../src/core/io/dns.js';
import { createFileSystem } from '../../src/core/io/fs.js';
import { createHttpClient } from '../../src/core/io/http.js';
import { createCommandRunner } from '../../src/core/io/runner.js';
import { systemClock } from '../../src/core/io/time.js';
import { createTcpProber } from '../../src/core/io/tcp.js';
import { createTlsProber } from '../../src/core/io/tls.js';
import type { PlatformAdapter } from '../../src/core/platform/adapter.js';
import type { HttpClient, Resolver, TcpProber, TlsProber } from '../../src/core/io/ports.js';

export type ProbeInputOverrides = Partial<Omit<ProbeInput, 'options'>> & { readonly options?: Partial<ProbeOptions> };

const NON_LOOPBACK = 'E_TEST_NON_LOOPBACK';

/** localhost, 127.0.0.0/8, ::1 (with or without brackets). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1') return true;
  return net.isIPv4(bare) && bare.startsWith('127.');
}

function refusal(host: string): string {
  return `test tried to reach ${host}; tests only talk to loopback`;
}

export function loopbackOnlyResolver(inner: Resolver = createResolver()): Resolver {
  return {
    lookup: (host, timeoutMs) =>
      isLoopback(host) ? inner.lookup(host, timeoutMs) : Promise.resolve({ kind: 'error', code: NON_LOOPBACK, message: refusal(host) }),
  };
}

/** The first non-loopback host among a target URL and its proxy, or null when both stay on this machine. */
function outsideHost(urls: readonly (string | null | undefined)[]): string | null {
  for (const url of urls) {
    if (!url) continue;
    const host = safeHostname(url);
    if (!isLoopback(host)) return host;
  }
  return null;
}

export function loopbackOnlyHttp(inner: HttpClient = createHttpClient()): HttpClient {
  return {
    request: (req) => {
      const outside = outsideHost([req.url, req.proxy]);
      if (outside === null) return inner.request(req);
      return Promise.resolve({ kind: 'failure', failure: 'other', code: NON_LOOPBACK, message: refusal(outside), elapsedMs: 0 });
    },
  };
}

export function loopbackOnlyTls(inner: TlsProber = createTlsProber()): TlsProber {
  return {
    handshake: (host, port, timeoutMs, proxy) => {
      const outside = isLoopback(host) ? outsideHost([proxy]) : host;
      if (outside === null) return inner.handshake(host, port, timeoutMs, proxy);
      return Promise.resolve({
        kind: 'failure',
        failure: 'other',
        code: NON_LOOPBACK,
        message: refusal(outside),
        issuer: null,
        elapsedMs: 0,
      });
    },
  };
}

export function loopbackOnlyTcp(inner: TcpProber = createTcpProber()): TcpProber {
  return {
    connect: (host, port, timeoutMs) =>
      isLoopback(host)
        ? inner.connect(host, port, timeoutMs)
        : Promise.resolve({ kind: 'failure', failure: 'other', code: NON_LOOPBACK, elapsedMs: 0 }),
  };
}

/** Host of a URL; unparseable input counts as loopback (the real client then fails on it locally). */
function safeHostname(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '127.0.0.1';
  }
}

/** A platform adapter with nothing to report; override any method. */
export function fakePlatform(overrides: Partial<PlatformAdapter> = {}): PlatformAdapter {
  return {
    os: 'linux',
    keychainState: async () => ({ kind: 'unsupported', reason: 'fake platform' }),
    readClaudeCredentials: async () => ({ kind: 'not-applicable' }),
    systemProxy: async () => null,
    vpn: async () => ({ interfaces: [], connections: [], source: 'fake' }),
    claudeProcesses: async () => null,
    ...overrides,
  };
}

/** A memo like the engine's: one computation per key per run, shared by concurrent callers. */
export function makeMemo(): ProbeInput['memo'] {
  const cache = new Map<string, Promise<unknown>>();
  return <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as Promise<T>;
  };
}

const homes: string[] = [];

function tmpHome(): string {
  if (homes.length === 0) process.once('exit', () => homes.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dir = mkdtempSync(join(tmpdir(), 'doctor-home-'));
  homes.push(dir);
  return dir;
}

/** A fresh ProbeInput; the tmp home is removed at process exit. Network ports you pass in are used as given (not loopback-guarded). */
export function makeProbeInput(overrides: ProbeInputOverrides = {}): ProbeInput {
  const env = overrides.env ?? {};
  const homeDir = overrides.homeDir ?? tmpHome();
  const { options, ...rest } = overrides;
  return {
    env,
    homeDir,
    user: () => 'tester',
    platform: fakePlatform(),
    runner: createCommandRunner(),
    fs: createFileSystem(),
    clock: systemClock,
    resolver: loopbackOnlyResolver(),
    http: loopbackOnlyHttp(),
    tls: loopbackOnlyTls(),
    tcp: loopbackOnlyTcp(),
    interfaces: () => [],
    system: { osRelease: 'test', arch: 'x64', nodeVersion: 'v20.0.0' },
    loginShellEnv: async () => ({ kind: 'not-applicable', reason: 'tests hand in the login shell they mean' }),
    endpoints: resolveEndpoints(env),
    memo: makeMemo(),
    signal: new AbortController().signal,
    deadlineMs: monotonicMs() + (options?.timeoutMs ?? 5000),
    ...rest,
    options: { offline: false, timeoutMs: 5000, ...options },
  };
}
