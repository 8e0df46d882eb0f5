import { LOGIN_END_WINDOW_MS } from '../claude-code/token-expiry.js';
import { remoteHeadline, type RemoteHost, type RemoteHostResult } from '../../shared/remote.js';
import type { MenuItem } from './menu-template.js';
import { truncate } from './tray-model.js';

/** What the tray knows of the servers: the shared host list and the latest result per host. */
export interface ServersView {
  readonly hosts: readonly RemoteHost[];
  readonly results: readonly RemoteHostResult[];
  readonly checking: boolean;
  /** The laptop is offline: nothing was checked, the lines say so. */
  readonly offline: boolean;
}

export const NO_SERVERS: ServersView = { hosts: [], results: [], checking: false, offline: false };

const MAX_SERVER_LINES = 8;
const MAX_LABEL = 72;

/** A server needs attention: its check failed, its login ends within 3 days (or has ended), or it could not be reached. */
export function serverNeedsAttention(result: RemoteHostResult, now: number): boolean {
  if (result.overall === 'fail' || result.error !== null) return true;
  const endsAt = result.report?.facts.login?.endsAt;
  return endsAt ? Date.parse(endsAt) - now <= LOGIN_END_WINDOW_MS : false;
}

/** The tray's badge text for the servers ("1 server needs attention"); null when none does. */
export function serversBadge(view: ServersView, now: number): string | null {
  const count = view.results.filter((r) => serverNeedsAttention(r, now)).length;
  if (count === 0) return null;
  return count === 1
    ? `${view.results.find((r) => serverNeedsAttention(r, now))?.name} needs attention`
    : `${count} servers need attention`;
}

/** Pure: the "Servers" section of the tray menu, one line per host with the one thing that matters ("vps-1: login ends in 2 d"). */
export function serversSection(view: ServersView, now: number): MenuItem[] {
  if (view.hosts.length === 0) return [];
  const byName = new Map(view.results.map((r) => [r.name, r]));
  const items: MenuItem[] = [{ id: 'servers', kind: 'normal', label: 'Servers', enabled: false }];
  for (const host of view.hosts.slice(0, MAX_SERVER_LINES)) {
    const result = byName.get(host.name);
    const text = result
      ? remoteHeadline(result, now)
      : view.offline
        ? 'offline; not checked'
        : view.checking
          ? 'checking…'
          : 'not checked yet';
    const mark = result && serverNeedsAttention(result, now) ? '⚠ ' : '';
    items.push({
      id: `server:${host.name}`,
      kind: 'normal',
      label: truncate(`${mark}${host.name}: ${text}`, MAX_LABEL),
      enabled: true,
      action: 'open-server',
      serverName: host.name,
    });
  }
  if (view.hosts.length > MAX_SERVER_LINES)
    items.push({
      id: 'servers-more',
      kind: 'normal',
      label: `${view.hosts.length - MAX_SERVER_LINES} more…`,
      enabled: true,
      action: 'open-wizard',
    });
  items.push({
    id: 'check-servers',
    kind: 'normal',
    label: view.checking ? 'Checking Servers…' : 'Check Servers Now',
    enabled: !view.checking && !view.offline,
    action: 'check-servers',
  });
  return items;
}
