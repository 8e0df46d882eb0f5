import { formatRemaining } from '../../shared/durations.js';
import type { RemoteHostResult } from '../../shared/remote.js';
import { LOGIN_END_WINDOW_MS } from '../claude-code/token-expiry.js';
import type { Notification } from './decide.js';
import type { NotifyRules } from './rules.js';

/**
 * Server notifications, once per episode: a server whose login ends within 3 days, or whose check
 * fails. An episode ends when the condition does (the server was signed in again, or recovered);
 * the next one notifies again. An unreachable server is not an episode of its own (laptops go
 * offline): it shows in the menu, and keeps whatever episode was open.
 */
export interface ServerEpisodes {
  /** `<name>:ending` / `<name>:failed` for the episodes already notified. */
  readonly open: readonly string[];
}

export const NO_EPISODES: ServerEpisodes = { open: [] };

function condition(result: RemoteHostResult, now: number): { key: string; notification: Omit<Notification, 'cooldownKey'> } | null {
  if (result.report === null) return null;
  const endsAt = result.report.facts.login?.endsAt ? Date.parse(result.report.facts.login.endsAt) : NaN;
  if (Number.isFinite(endsAt) && endsAt - now <= LOGIN_END_WINDOW_MS)
    return {
      key: `${result.name}:ending`,
      notification: {
        id: 'login-ending',
        title:
          endsAt > now
            ? `${result.name}: Claude Code login ends in ${formatRemaining(endsAt - now)}`
            : `${result.name}: Claude Code login ended`,
        body: `Sign in again on ${result.name} from here: claude-auth-doctor remote login ${result.name} (or --setup-token for an always-on server).`,
        actions: [{ id: 'open-wizard', label: 'Sign In…' }],
      },
    };
  if (result.overall === 'fail') {
    const failing = result.report.checks.find((c) => c.status === 'fail');
    return {
      key: `${result.name}:failed`,
      notification: {
        id: 'failure',
        title: `${result.name}: Claude Code sign-in is failing`,
        body: failing ? `${failing.title}: ${failing.summary}` : 'Open the wizard for the host’s report.',
        actions: [{ id: 'open-wizard', label: 'Fix…' }],
      },
    };
  }
  return null;
}

/** Pure: what to notify for these results, and the episodes open afterwards. */
export function decideServerNotifications(
  results: readonly RemoteHostResult[],
  episodes: ServerEpisodes,
  rules: NotifyRules,
  now: number,
): { notifications: Notification[]; episodes: ServerEpisodes } {
  const open = new Set(episodes.open);
  const notifications: Notification[] = [];
  for (const result of results) {
    const found = condition(result, now);
    if (result.report !== null)
      for (const kind of ['ending', 'failed']) if (found?.key !== `${result.name}:${kind}`) open.delete(`${result.name}:${kind}`);
    if (!found || open.has(found.key)) continue;
    open.add(found.key);
    const wanted = found.notification.id === 'login-ending' ? rules.expiringToken : rules.failures;
    if (rules.enabled && wanted) notifications.push({ ...found.notification, cooldownKey: `server:${found.key}` });
  }
  return { notifications, episodes: { open: [...open] } };
}
