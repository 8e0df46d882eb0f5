import { STATUSES, type HealthReport, type Overall } from '../../shared/report.js';
import type { RemoteHost, RemoteHostResult, RemoteVia } from '../../shared/remote.js';
import type { CommandRunner } from '../io/ports.js';
import { countTokenShapes, redactText } from '../redact/redact.js';
import { nodeCanRunBundle, parseProbeAnswer, probeScript } from './probe-script.js';
import { shellReport } from './shell-report.js';
import { runOnHost, sshFailure, type SshOptions } from './ssh.js';

export interface RemoteCheckDeps {
  readonly runner: CommandRunner;
  readonly ssh: SshOptions;
  readonly now: () => number;
  /** This doctor's version (the shell probe's report carries it). */
  readonly version: string;
  /** The doctor as one ES module to stream to the host's node; null when this build has none. */
  readonly bundle: () => Promise<string | null>;
}

/** ssh's own exit code for its failures (the remote command's code otherwise). */
const SSH_ERROR = 255;
const OVERALLS: readonly string[] = ['ok', 'warn', 'fail', 'unknown'];
const SAFE_PATH = /^\/[A-Za-z0-9._/+-]{1,300}$/;
const REFUSED =
  "the host's answer held something shaped like a token; it was dropped, never stored or shown (update the doctor on the host)";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Every string of a host's answer without control characters (a terminal escape in a summary would reach the user's terminal and the tray). */
function plain(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(CONTROL, '?');
  if (depth > 32 || value === null || typeof value !== 'object') return depth > 32 ? null : value;
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(CONTROL, '?'), plain(v, depth + 1)]));
}

/** A report as `check --json` prints it, read defensively: null unless it is schema 1 with the fields the laptop reads. */
export function readHostReport(text: string): HealthReport | null {
  let data: unknown;
  try {
    data = plain(JSON.parse(text));
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const report = data as Partial<HealthReport>;
  if (report.schemaVersion !== 1 || !OVERALLS.includes(String(report.overall))) return null;
  if (!Array.isArray(report.checks) || !report.checks.every((c) => c && typeof c.id === 'string' && STATUSES.includes(c.status)))
    return null;
  if (!report.facts || typeof report.facts !== 'object') return null;
  // A doctor installed on the host before findings existed sends none: the laptop reads that as "no causes listed".
  return { ...report, findings: Array.isArray(report.findings) ? report.findings : [] } as HealthReport;
}

function result(
  host: RemoteHost,
  checkedAt: number,
  via: RemoteVia | null,
  report: HealthReport | null,
  error: string | null,
): RemoteHostResult {
  const overall: Overall = report?.overall ?? 'unknown';
  return {
    name: host.name,
    destination: host.destination,
    via,
    overall,
    report,
    error: error === null ? null : redactText(error).replace(CONTROL, '?'),
    checkedAt: new Date(checkedAt).toISOString(),
  };
}

/**
 * One host, within `timeoutMs` all told: one round trip for the installed doctor, node's
 * whereabouts and the shell probe; a second (over the shared connection) only to stream the
 * bundled doctor. Never throws; an unreachable host is `unknown` with ssh's failure in plain words.
 */
export async function checkHost(host: RemoteHost, deps: RemoteCheckDeps, timeoutMs: number): Promise<RemoteHostResult> {
  const started = deps.now();
  const left = (): number => timeoutMs - (deps.now() - started);
  const hostBudget = Math.max(1000, Math.floor(timeoutMs * 0.6));
  const first = await runOnHost(deps.runner, deps.ssh, host.destination, 'sh -s', { timeoutMs, input: probeScript(hostBudget) });
  if (countTokenShapes(first.stdout) > 0) return result(host, started, null, null, REFUSED);
  const answer = parseProbeAnswer(first.stdout);
  if (first.timedOut || first.spawnError !== null || first.code === SSH_ERROR || answer.protocol === null)
    return result(host, started, null, null, sshFailure(first, timeoutMs));

  const installed = answer.installed ? readHostReport(answer.installed.text) : null;
  if (installed) return result(host, started, 'installed', installed, null);

  let streamProblem: string | null = null;
  const node = answer.node;
  if (node && nodeCanRunBundle(node.version) && SAFE_PATH.test(node.path) && left() > 2000) {
    const bundle = await deps.bundle();
    if (bundle !== null) {
      const budget = left();
      const command = `${node.path} --input-type=module - check --json --timeout ${Math.max(1000, Math.floor(budget * 0.6))}`;
      const second = await runOnHost(deps.runner, deps.ssh, host.destination, command, { timeoutMs: budget, input: bundle });
      if (countTokenShapes(second.stdout) > 0) return result(host, started, null, null, REFUSED);
      const streamed = readHostReport(second.stdout);
      if (streamed) return result(host, started, 'streamed', streamed, null);
      streamProblem = second.code === SSH_ERROR || second.timedOut ? sshFailure(second, budget) : 'the streamed doctor gave no report';
    }
  }
  if (!answer.complete) return result(host, started, null, null, streamProblem ?? 'the shell probe stopped before its end');
  return result(host, started, 'shell', shellReport(answer.shell, { now: deps.now(), version: deps.version }), null);
}

/** All hosts in parallel, each with its own deadline; results in the list's order. */
export function checkHosts(hosts: readonly RemoteHost[], deps: RemoteCheckDeps, timeoutMs: number): Promise<RemoteHostResult[]> {
  return Promise.all(hosts.map((host) => checkHost(host, deps, timeoutMs)));
}
