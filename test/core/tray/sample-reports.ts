/** Hand-built reports for the tray, notification and monitor tests: real shapes, no probes. */
import type {
  CheckId,
  CheckResult,
  Evidence,
  FixId,
  HealthReport,
  ReportFacts,
  Status,
  StatusFacts,
  StatusIncidentFact,
} from '../../../src/shared/report.js';
import { buildReport } from '../../../src/core/diagnosis/build-report.js';
import type { Os } from '../../../src/core/io/os.js';

export const T0 = Date.parse('2025-03-01T09:00:00.000Z');
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

const TITLES: Record<CheckId, string> = {
  'auth.method': 'Sign-in method',
  'auth.credentials': 'Stored login',
  'auth.token': 'Token',
  keychain: 'Keychain',
  'network.dns': 'DNS',
  'network.proxy': 'Proxy',
  'network.tls': 'TLS',
  'network.vpn': 'VPN',
  'service.status': 'Anthropic status',
  'cli.install': 'Claude Code install',
  'system.clock': 'Clock',
  'session.context': 'Session',
};

export function check(
  id: CheckId,
  status: Status,
  more: { summary?: string; fixes?: FixId[]; evidence?: Evidence; facts?: ReportFacts } = {},
): CheckResult {
  return {
    id,
    status,
    title: TITLES[id],
    summary: more.summary ?? `${TITLES[id]} ${status}`,
    cause: status === 'ok' || status === 'skip' ? null : `cause of ${id}`,
    fixes: more.fixes ?? [],
    durationMs: 5,
    evidence: more.evidence ?? {},
    facts: more.facts ?? {},
  };
}

/** A token good for 5 h 12 m at T0, with a refresh token. */
export function tokenOk(expiresAt = T0 + 5 * HOUR + 12 * MINUTE, refreshToken: string | null = 'fp:1a2b3c4d'): CheckResult {
  return check('auth.token', 'ok', {
    summary: 'Token valid (checked with Anthropic)',
    evidence: { method: 'subscription', expiresAt, expiresInMs: expiresAt - T0, refreshToken },
    facts: { token: { kind: 'subscription', expiresAt: new Date(expiresAt).toISOString(), hasRefreshToken: refreshToken !== null } },
  });
}

type LoginFacts = NonNullable<ReportFacts['login']>;

/** The stored login check: a healthy keychain login unless `login` says otherwise. */
export function storedLogin(login: Partial<LoginFacts> = {}, status: Status = 'ok', summary?: string): CheckResult {
  return check('auth.credentials', status, {
    ...(summary ? { summary } : {}),
    evidence: { refreshToken: 'fp:1a2b3c4d' },
    facts: {
      login: {
        store: 'keychain',
        keychainLocked: false,
        hasAccessToken: true,
        hasRefreshToken: true,
        problems: [],
        endsAt: null,
        ended: null,
        account: 'j***@example.com',
        subscription: 'max',
        ...login,
      },
    },
  });
}

/** The stored login, with the time limit Claude Code 2.1.332 stores as refreshTokenExpiresAt. */
export function loginWithEnd(endsAt: number | null, ended: 'time-limit' | 'refused' | null = null): CheckResult {
  return storedLogin({ endsAt: endsAt === null ? null : new Date(endsAt).toISOString(), ended });
}

/** Every check ok unless replaced. */
export function makeReport(replace: CheckResult[] = [], os: Os = 'darwin', at = T0): HealthReport {
  const base: CheckResult[] = [
    check('auth.method', 'ok'),
    loginWithEnd(null),
    tokenOk(),
    check('keychain', os === 'win32' ? 'skip' : 'ok', { facts: { keychain: { state: os === 'win32' ? 'unsupported' : 'unlocked' } } }),
    check('network.dns', 'ok'),
    check('network.proxy', 'ok'),
    check('network.tls', 'ok'),
    check('network.vpn', 'ok'),
    check('service.status', 'ok', {
      summary: 'All Claude systems operational',
      evidence: { url: 'https://status.claude.com/api/v2/summary.json', incidents: [] },
      facts: { status: statusFacts([]) },
    }),
    check('cli.install', 'ok'),
    check('system.clock', 'ok'),
    check('session.context', 'ok'),
  ];
  const byId = new Map(replace.map((c) => [c.id, c]));
  const checks = base.map((c) => byId.get(c.id) ?? c);
  return buildReport({
    checks,
    version: '0.0.0-test',
    now: at,
    context: {
      os,
      osRelease: 'test',
      arch: 'x64',
      nodeVersion: 'v20',
      session: 'desktop',
      ssh: false,
      display: true,
      wsl: false,
      container: false,
      offline: false,
      configDir: '/tmp/claude',
    },
  });
}

const LOCKED: ReportFacts = { keychain: { state: 'locked' } };

export function statusFacts(incidents: StatusIncidentFact[]): StatusFacts {
  return {
    url: 'https://status.claude.com/api/v2/summary.json',
    httpStatus: 200,
    etag: null,
    lastModified: null,
    retryAfter: null,
    incidents,
  };
}

export function lockedKeychain(os: Os = 'darwin'): CheckResult {
  return os === 'darwin'
    ? check('keychain', 'fail', { summary: 'Login keychain locked', fixes: ['unlock-keychain'], facts: LOCKED })
    : check('keychain', 'warn', { summary: 'Secret Service keyring locked', fixes: ['unlock-keychain'], facts: LOCKED });
}

export function outage(
  level: 'fail' | 'warn' = 'fail',
  name = 'Elevated errors on Claude Code',
  shortlink = 'https://stspg.io/abc123',
): CheckResult {
  const incident = { name, status: 'investigating', impact: level === 'fail' ? 'major' : 'minor', shortlink, components: ['Claude Code'] };
  return check('service.status', level, {
    summary: `${level === 'fail' ? 'Claude outage' : 'Claude service degraded'}: ${name}`,
    fixes: ['wait-for-service'],
    evidence: { url: 'https://status.claude.com/api/v2/summary.json', incidents: [incident] },
    facts: { status: statusFacts([incident]) },
  });
}

/** One report per tray state. */
export const STATE_REPORTS: Record<'ok' | 'warn' | 'fail' | 'unknown', (os: Os) => HealthReport> = {
  ok: (os) => makeReport([], os),
  warn: (os) =>
    makeReport(
      [check('auth.method', 'warn', { summary: 'ANTHROPIC_API_KEY overrides your subscription login', fixes: ['unset-conflicting-env'] })],
      os,
    ),
  fail: (os) => makeReport([check('network.tls', 'fail', { summary: 'TLS certificate not trusted', fixes: ['trust-corporate-ca'] })], os),
  unknown: (os) => makeReport([check('network.dns', 'unknown', { summary: 'Did not finish within 8000 ms' })], os),
};

export const dnsDown = check('network.dns', 'fail', { summary: 'api.anthropic.com does not resolve', fixes: ['fix-dns'] });
export function tlsDown(failure = 'timeout'): CheckResult {
  return check('network.tls', 'fail', {
    summary: 'Connecting to api.anthropic.com timed out',
    fixes: ['fix-proxy'],
    facts: { tls: { issuer: null, failure, extraCaCerts: null, extraCaProblem: null } },
  });
}
export const tokenUnconfirmed = check('auth.token', 'unknown', { summary: 'Anthropic could not be reached to confirm the token' });
export const vpnUp = check('network.vpn', 'ok', { summary: 'VPN up (utun3)', facts: { vpn: { up: true } } });

/** The network gone (DNS not back after wake): DNS and TLS fail, the token cannot be confirmed, the status page cannot be read. */
export function offline(at = T0): HealthReport {
  return makeReport(
    [dnsDown, tlsDown('dns'), tokenUnconfirmed, check('service.status', 'unknown', { summary: 'Could not reach the status page' })],
    'darwin',
    at,
  );
}
