/**
 * Claude Code's login on other machines, reached by ssh: the host list the CLI and the tray share,
 * and what `remote check --json` prints (schemaVersion 1). JSON-safe and secret-free, so it may
 * cross IPC. Names and fields are a public contract: add, never rename.
 */
import type { FixId, HealthReport, Overall } from './report.js';
import { formatRemaining } from './durations.js';

/** How the host was checked: its installed doctor, the doctor streamed to its node, or a POSIX-shell probe. */
export const REMOTE_VIAS = ['installed', 'streamed', 'shell'] as const;
export type RemoteVia = (typeof REMOTE_VIAS)[number];

export interface RemoteHost {
  /** What the user calls it ("vps-1"): letters, digits, `.`, `_`, `-`. */
  readonly name: string;
  /** What ssh is given: `user@host`, `host`, a Host alias of ~/.ssh/config, or `ssh://[user@]host[:port]`. */
  readonly destination: string;
  readonly addedAt: string;
}

export interface RemoteHostResult {
  readonly name: string;
  readonly destination: string;
  /** Null when the host could not be reached. */
  readonly via: RemoteVia | null;
  readonly overall: Overall;
  /** That host's `check --json`; null when none came back (then `error` says why). */
  readonly report: HealthReport | null;
  /** Plain words: "host key changed", "permission denied (publickey)", "connection timed out", … */
  readonly error: string | null;
  readonly checkedAt: string;
}

/** One step of a host's plan, written for that host: a command typed on the laptop that reaches the host itself. */
export interface HostStep {
  readonly fixId: FixId | null;
  readonly title: string;
  readonly command: string;
}

/** What the wizard's Servers view shows (IPC `servers:get` / `servers:check`): each listed host, its last result and plan. */
export interface ServersPayload {
  readonly hosts: readonly { readonly host: RemoteHost; readonly result: RemoteHostResult | null; readonly steps: readonly HostStep[] }[];
  readonly checking: boolean;
  readonly offline: boolean;
}

export interface RemoteCheckOutput {
  readonly schemaVersion: 1;
  readonly hosts: readonly RemoteHostResult[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** A user name as ssh takes it before the `@` (no option, no shell or ssh-token characters). */
const USER = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
/** A host name, a Host alias or an IPv4 address (ssh reads `%`, quotes and spaces in other ways). */
const HOST = /^[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,252})$/;
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/;

/** Why `name` cannot name a host; null when it can. */
export function remoteNameProblem(name: string): string | null {
  if (NAME.test(name)) return null;
  return `"${printable(name)}" is not a host name the doctor accepts: 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit`;
}

/**
 * Why `destination` cannot be handed to ssh; null when it can. Nothing that ssh could read as an
 * option (a leading "-"), no white space, quotes or `%` (ssh expands `%` in its config), no
 * control characters: `user@host`, `host`, or `ssh://[user@]host[:port]` with an IPv6 in brackets.
 */
export function remoteDestinationProblem(destination: string): string | null {
  const fail = (why: string): string =>
    `"${printable(destination)}" is not an ssh destination the doctor accepts (${why}); give user@host, a Host alias from ~/.ssh/config, or an ssh:// URL with a port`;
  if (destination.length === 0) return fail('it is empty');
  if (destination.length > 300) return fail('it is longer than 300 characters');
  if (destination.startsWith('-')) return fail('it starts with "-", which ssh would read as an option');
  let rest = destination;
  let port: string | null = null;
  if (rest.startsWith('ssh://')) {
    rest = rest.slice('ssh://'.length);
    const portMatch = /:(\d{1,5})$/.exec(rest);
    if (portMatch && !rest.endsWith(']')) {
      port = portMatch[1] ?? null;
      rest = rest.slice(0, -portMatch[0].length);
    }
    if (port !== null && (Number(port) < 1 || Number(port) > 65535)) return fail('the port is not 1-65535');
  }
  const at = rest.lastIndexOf('@');
  const user = at >= 0 ? rest.slice(0, at) : null;
  const host = at >= 0 ? rest.slice(at + 1) : rest;
  if (user !== null && !USER.test(user)) return fail('the user name has characters ssh or a shell would read specially');
  if (host.startsWith('-')) return fail('the host starts with "-"');
  if (!HOST.test(host) && !(destination.startsWith('ssh://') && IPV6.test(host)))
    return fail('the host has characters ssh or a shell would read specially');
  return null;
}

/** The default name for a destination: its host part ("deploy@vps-1.example.com" → "vps-1.example.com"). */
export function defaultRemoteName(destination: string): string {
  const rest = destination.replace(/^ssh:\/\//, '').replace(/:\d+$/, '');
  const host = rest.slice(rest.lastIndexOf('@') + 1).replace(/^\[|\]$/g, '');
  const cleaned = host.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned.slice(0, 63) || 'host';
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
}

/**
 * The one thing that matters about a host, for the tray, the CLI and the wizard: "login ends in
 * 2 d", "login ended", the first failing check, or why it could not be checked.
 */
export function remoteHeadline(result: RemoteHostResult, now: number): string {
  if (result.error !== null || result.report === null) return result.error ?? 'not checked';
  const report = result.report;
  const endsAt = report.facts.login?.endsAt ? Date.parse(report.facts.login.endsAt) : NaN;
  const worst = report.checks.find((c) => c.status === 'fail') ?? report.checks.find((c) => c.status === 'warn');
  if (Number.isFinite(endsAt) && endsAt <= now) return 'login ended; sign in again';
  if (worst && worst.id !== 'auth.token') return worst.summary;
  if (Number.isFinite(endsAt)) return `login ends in ${formatRemaining(endsAt - now)}`;
  return worst?.summary ?? (report.overall === 'ok' ? 'signed in' : 'could not tell');
}
