import { FIX_TITLES } from '../../shared/fix-titles.js';
import type { FixId } from '../../shared/report.js';
import type { HostStep, RemoteHostResult, ServersPayload } from '../../shared/remote.js';
import type { ServersView } from '../tray/servers.js';
import { shellJoin } from '../fixes/shell-quote.js';

/**
 * A host's plan with the steps written for that host: what the doctor does from here (`remote
 * login`), or a command to run there over `ssh -t`, copyable into the user's own terminal. The
 * wizard and the CLI show the same steps.
 */

/** Steps per fix, given the host's name and its `ssh -t <destination>` prefix. */
function stepsFor(fixId: FixId, name: string, ssh: (remote: string) => string, installed: boolean): HostStep[] {
  const title = FIX_TITLES[fixId];
  switch (fixId) {
    case 'reauthenticate':
      return [
        { fixId, title: 'Sign in again from here', command: `claude-auth-doctor remote login ${name}` },
        {
          fixId: 'use-oauth-token',
          title: 'Or, for an always-on server, a one-year token',
          command: `claude setup-token  # then: claude-auth-doctor remote login ${name} --setup-token`,
        },
      ];
    case 'use-oauth-token':
      return [{ fixId, title, command: `claude setup-token  # then: claude-auth-doctor remote login ${name} --setup-token` }];
    case 'unlock-keychain':
      return [{ fixId, title, command: ssh('security unlock-keychain ~/Library/Keychains/login.keychain-db') }];
    default:
      return installed
        ? [{ fixId, title, command: ssh(`claude-auth-doctor fix ${fixId}`) }]
        : [{ fixId, title, command: `claude-auth-doctor explain ${fixId}  # then on the host: ${ssh('')}` }];
  }
}

/** Pure: the plan of one host's result as steps for that host; the reason it could not be checked when it has no report. */
export function hostPlan(result: RemoteHostResult): HostStep[] {
  const ssh = (remote: string): string => `${shellJoin(['ssh', '-t', result.destination], 'linux')}${remote ? ` ${remote}` : ''}`;
  if (result.report === null)
    return [
      {
        fixId: null,
        title: "See ssh's own words",
        command: shellJoin(['ssh', result.destination], 'linux'),
      },
    ];
  const steps = result.report.plan.flatMap((fixId) => stepsFor(fixId, result.name, ssh, result.via === 'installed'));
  return steps.filter((step, i) => steps.findIndex((s) => s.command === step.command) === i);
}

/** Pure: what the wizard's Servers view gets: each listed host, its last result and its plan. */
export function serversPayload(view: ServersView): ServersPayload {
  const byName = new Map(view.results.map((r) => [r.name, r]));
  return {
    hosts: view.hosts.map((host) => {
      const result = byName.get(host.name) ?? null;
      return { host, result, steps: result && result.overall !== 'ok' ? hostPlan(result) : [] };
    }),
    checking: view.checking,
    offline: view.offline,
  };
}
