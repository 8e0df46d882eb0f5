/** The named causes, one rule each, in the guide's decision-tree order (read by findings.ts). */
import type { CheckId, CheckResult, Finding, FindingCode, FixId, ReportFacts, Status } from '../../shared/report.js';
import { formatRemaining } from '../../shared/durations.js';

export type Severity = Finding['severity'];

/** What a rule found: the checks it explains and what to say. */
interface Match {
  readonly checks: readonly CheckId[];
  readonly detail: string;
  readonly fixes: readonly FixId[];
  readonly severity: Severity;
  /** Overrides the rule's headline (a plan's name, a time limit). */
  readonly title?: string;
  readonly next?: string;
  readonly dependsOn?: readonly FindingCode[];
}

export interface Input {
  readonly checks: ReadonlyMap<CheckId, CheckResult>;
  readonly facts: ReportFacts;
  readonly now: number;
}

/** A named cause. `match` reads statuses and typed facts only, never evidence. */
export interface Rule {
  readonly code: Exclude<FindingCode, 'check'>;
  readonly title: string;
  readonly next: string;
  readonly dependsOn: readonly FindingCode[];
  readonly timeToVisibleMs: number;
  match(input: Input): Match | null;
}

/**
 * Network causes: anything the network explains waits behind them.
 *
 * Time to visible (how long a cause must last before the tray or a notification says it; see
 * monitor/visibility.ts): causes read over the network wait 10–15 s, as Tailscale's DNS warning
 * waits 15 s and its relay warnings 10 s (after wake, DHCP and DNS come back and a VPN
 * re-handshakes within that); Anthropic's own status page and what is read from this machine (the
 * keychain locked on wake, a login file, a variable) are facts, not blips, and show at once.
 */
export const NETWORK: readonly FindingCode[] = ['network-down', 'tls-intercepted', 'service-outage'];

export const SECOND = 1000;
export const BAD: ReadonlySet<Status> = new Set(['fail', 'warn', 'unknown']);
const DAMAGED = new Set(['corrupt-json', 'not-object', 'wrong-type', 'too-large', 'dangling-link', 'not-a-file', 'unreadable']);
const UNREACHABLE = new Set(['refused', 'timeout', 'reset', 'proxy', 'dns', 'unreachable']);
const OVERRIDERS: Readonly<Record<string, string>> = {
  ANTHROPIC_API_KEY: 'An API key',
  ANTHROPIC_AUTH_TOKEN: 'A token in ANTHROPIC_AUTH_TOKEN',
  CLAUDE_CODE_OAUTH_TOKEN: 'A token in CLAUDE_CODE_OAUTH_TOKEN',
};

function failing(input: Input, id: CheckId, statuses: readonly Status[] = ['fail']): CheckResult | null {
  const check = input.checks.get(id);
  return check && statuses.includes(check.status) ? check : null;
}

/** Checks of the login that one login cause explains, when they are not ok. */
function loginChecks(input: Input, first: CheckId): CheckId[] {
  const ids: CheckId[] = [first];
  for (const id of ['auth.method', 'auth.credentials', 'auth.token'] as const) {
    if (id !== first && BAD.has(input.checks.get(id)?.status ?? 'ok')) ids.push(id);
  }
  return ids;
}

function plan(subscription: string | null | undefined): string {
  if (!subscription) return 'subscription login';
  return `${subscription.charAt(0).toUpperCase()}${subscription.slice(1)} subscription`;
}

/** What Anthropic's status page reports: an outage (fail) or degraded service (warn), named by its incident. */
function serviceRule(code: 'service-outage' | 'service-degraded', level: 'fail' | 'warn'): Rule {
  return {
    code,
    title:
      level === 'fail'
        ? 'Anthropic is having an outage: nothing to fix on your side'
        : 'Anthropic reports degraded service: nothing to fix on your side',
    next:
      level === 'fail'
        ? 'Leave your login as it is: the app tells you when it is over.'
        : 'Errors may come and go; the app tells you when it is over.',
    dependsOn: [],
    timeToVisibleMs: 0,
    match(input) {
      const check = failing(input, 'service.status', [level]);
      if (!check) return null;
      const incident = input.facts.status?.incidents[0];
      return { checks: ['service.status'], detail: incident?.name ?? check.summary, fixes: ['wait-for-service'], severity: level };
    },
  };
}

/** In the guide's decision-tree order: rule out an outage and the clock, then the keychain, a variable, the login, the network. */
export const RULES: readonly Rule[] = [
  serviceRule('service-outage', 'fail'),
  serviceRule('service-degraded', 'warn'),
  {
    code: 'clock-wrong',
    title: 'This computer’s clock is wrong',
    next: 'Turn on network time, then check again.',
    dependsOn: [],
    // Read from a response's Date header: right after wake the clock is still catching up (network
    // time steps it within seconds of the network coming back).
    timeToVisibleMs: 15 * SECOND,
    match(input) {
      const check = failing(input, 'system.clock', ['fail', 'warn']);
      if (!check || check.status === 'unknown') return null;
      return { checks: ['system.clock'], detail: check.summary, fixes: check.fixes, severity: check.status === 'fail' ? 'fail' : 'warn' };
    },
  },
  {
    code: 'keychain-locked',
    title: 'Your keychain is locked',
    next: 'Unlock it once, then Claude Code can read its login.',
    dependsOn: [],
    timeToVisibleMs: 0,
    match(input) {
      const locked = input.facts.keychain?.state === 'locked' || input.facts.login?.keychainLocked === true;
      if (!locked) return null;
      const checks = (['keychain', 'auth.method', 'auth.credentials', 'auth.token'] as const).filter((id) =>
        BAD.has(input.checks.get(id)?.status ?? 'ok'),
      );
      const keychain = input.checks.get('keychain');
      const severity: Severity = checks.some((id) => input.checks.get(id)?.status === 'fail') ? 'fail' : 'warn';
      return {
        checks: checks.length > 0 ? checks : ['keychain'],
        detail: keychain?.summary ?? 'Locked',
        fixes: ['unlock-keychain'],
        severity,
      };
    },
  },
  {
    // After the variable is removed where it was set, a new terminal no longer has it; only the
    // environment the doctor started in (a terminal opened before) still does.
    code: 'stale-terminal',
    title: 'Only terminals opened before still hold the old variable',
    next: 'Open a new terminal: Claude Code there uses your login.',
    dependsOn: [],
    timeToVisibleMs: 0,
    match(input) {
      const check = failing(input, 'auth.method', ['fail', 'warn']);
      const stale = (input.facts.method?.variables ?? []).filter((v) => v.name in OVERRIDERS);
      if (!check || stale.length === 0 || !stale.every((v) => v.setIn === 'this-terminal' && v.terminal === 'only-here')) return null;
      const names = stale.map((v) => v.name).join(', ');
      return { checks: ['auth.method'], detail: `A new terminal no longer has ${names}; this one still does`, fixes: [], severity: 'warn' };
    },
  },
  {
    code: 'variable-overrides-login',
    title: 'A variable overrides your login',
    next: 'Remove it in one click (undo puts it back).',
    dependsOn: [],
    timeToVisibleMs: 0,
    match(input) {
      const check = failing(input, 'auth.method', ['fail', 'warn']);
      const method = input.facts.method;
      if (!check || !method || !check.fixes.includes('unset-conflicting-env')) return null;
      const variable =
        method.variables.find((v) => v.name in OVERRIDERS && v.setIn !== 'unknown') ?? method.variables.find((v) => v.name in OVERRIDERS);
      if (!variable) return null;
      const where = variable.places[0] ?? (variable.setIn === 'this-terminal' ? 'this terminal only' : 'your shells');
      const login = input.facts.login;
      const hasLogin = login !== undefined && login.store !== 'none' && login.hasAccessToken;
      const title = hasLogin ? `${OVERRIDERS[variable.name] ?? variable.name} overrides your ${plan(login.subscription)}` : undefined;
      return {
        checks: ['auth.method'],
        detail: `${variable.name} is set in ${where}`,
        fixes: check.fixes,
        severity: check.status === 'fail' ? 'fail' : 'warn',
        ...(title ? { title } : {}),
      };
    },
  },
  {
    code: 'login-damaged',
    title: 'Your saved login file is damaged',
    next: 'The app moves it aside, then you sign in once.',
    dependsOn: [],
    timeToVisibleMs: 0,
    match(input) {
      const check = failing(input, 'auth.credentials');
      const problems = input.facts.login?.problems ?? [];
      if (!check || !problems.some((p) => DAMAGED.has(p))) return null;
      return { checks: loginChecks(input, 'auth.credentials'), detail: check.summary, fixes: ['reset-credentials'], severity: 'fail' };
    },
  },
  {
    code: 'login-expired',
    title: 'Your Claude login expired',
    next: 'Sign in once; the app then checks it works.',
    dependsOn: [],
    timeToVisibleMs: 0,
    match(input) {
      const token = failing(input, 'auth.token');
      const creds = failing(input, 'auth.credentials');
      const emptied = input.facts.login?.ended ?? null;
      const found = token?.fixes.includes('reauthenticate') ? token : emptied && creds ? creds : null;
      if (!found) return null;
      const title =
        emptied === 'time-limit' || /time limit/.test(found.summary)
          ? 'Your Claude login reached its time limit'
          : /rejected/i.test(found.summary)
            ? 'Anthropic no longer accepts your Claude login'
            : undefined;
      // A token the server rejected needs the network; one that expired here does not.
      const expiresAt = input.facts.token?.expiresAt ? Date.parse(input.facts.token.expiresAt) : Number.NaN;
      const saidByServer = Number.isFinite(expiresAt) && expiresAt > input.now;
      return {
        checks: loginChecks(input, found.id),
        detail: found.summary,
        fixes: ['reauthenticate', ...found.fixes],
        severity: 'fail',
        ...(title ? { title } : {}),
        ...(saidByServer ? { dependsOn: NETWORK } : {}),
      };
    },
  },
  {
    code: 'not-signed-in',
    title: 'Claude Code is not signed in',
    next: 'Sign in once; the app then checks it works.',
    dependsOn: [],
    timeToVisibleMs: 0,
    match(input) {
      const method = failing(input, 'auth.method');
      if (!method || input.facts.method?.kind !== 'none') return null;
      return {
        checks: loginChecks(input, 'auth.method'),
        detail: 'No login is stored and no key or token is set',
        fixes: method.fixes,
        severity: 'fail',
      };
    },
  },
  {
    code: 'login-ending',
    title: 'Your Claude login ends soon',
    next: 'Sign in again before then to keep working.',
    dependsOn: [],
    timeToVisibleMs: 0,
    match(input) {
      const token = failing(input, 'auth.token', ['warn']);
      const endsAt = input.facts.login?.endsAt ? Date.parse(input.facts.login.endsAt) : Number.NaN;
      if (!token || !Number.isFinite(endsAt) || endsAt <= input.now) return null;
      return {
        checks: ['auth.token'],
        title: `Your Claude login ends in ${formatRemaining(endsAt - input.now)}`,
        detail: token.summary,
        fixes: token.fixes,
        severity: 'warn',
      };
    },
  },
  {
    code: 'tls-intercepted',
    title: 'Your network intercepts Claude’s connection',
    next: 'Trust your company’s certificate, then check again.',
    dependsOn: [],
    // A captive portal or a VPN coming up answers for a moment in Anthropic's place.
    timeToVisibleMs: 10 * SECOND,
    match(input) {
      const check = failing(input, 'network.tls');
      if (!check || input.facts.tls?.failure !== 'tls-untrusted') return null;
      const issuer = input.facts.tls.issuer;
      const detail = issuer ? `Connections are re-signed by “${issuer}”, which Claude Code does not trust` : check.summary;
      return { checks: ['network.tls'], detail, fixes: check.fixes, severity: 'fail' };
    },
  },
  {
    code: 'network-down',
    title: 'Anthropic can’t be reached from this network',
    next: 'Check Wi-Fi, VPN or proxy; the app checks again.',
    dependsOn: [],
    // DNS is not back yet after wake, or the VPN is reconnecting.
    timeToVisibleMs: 15 * SECOND,
    match(input) {
      const dns = failing(input, 'network.dns');
      const tls = failing(input, 'network.tls', ['fail', 'unknown']);
      const tlsDown = tls !== null && UNREACHABLE.has(input.facts.tls?.failure ?? '');
      if (!dns && !tlsDown) return null;
      const checks: CheckId[] = [];
      if (dns) checks.push('network.dns');
      if (tlsDown) checks.push('network.tls');
      const proxy = failing(input, 'network.proxy', ['fail', 'warn']);
      if (proxy) checks.push('network.proxy');
      const vpn = failing(input, 'network.vpn', ['warn']);
      if (vpn) checks.push('network.vpn');
      const first = input.checks.get(checks[0] ?? 'network.dns');
      const fixes = checks.flatMap((id) => input.checks.get(id)?.fixes ?? []);
      return { checks, detail: first?.summary ?? '', fixes, severity: 'fail' };
    },
  },
];
