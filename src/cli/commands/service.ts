import { cliArgv, createFixEngine } from '../../core/fixes/fix-engine.js';
import { diagnose } from '../../core/diagnosis/diagnose.js';
import { displayPath } from '../../core/claude-code/paths.js';
import { appDataDir } from '../../core/platform/app-dirs.js';
import { createProbeEnv } from '../../core/probes/probe-env.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../../core/probes/budget.js';
import { formatListenAddress, parseListenAddress, type ListenAddress } from '../../core/metrics/listen.js';
import type { ProbeEnv } from '../../core/probes/probe.js';
import { parseLabelFlags, parseMetricsFlag } from '../check-flags.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { parseCommandArgs, UsageError } from '../usage.js';
import { toolVersion } from '../version.js';
import { installPlan, SERVICE_BACKENDS, uninstallPlan, type ServicePlan } from '../user-service/plan.js';
import { watchServiceSpec } from '../user-service/spec.js';
import type { WatchServiceSpec } from '../user-service/types.js';

const ACTIONS = ['install', 'uninstall', 'status'] as const;
type Action = (typeof ACTIONS)[number];

interface ServiceFlags {
  readonly action: Action;
  readonly dryRun: boolean;
  readonly metrics: ListenAddress | null;
  readonly labels: Readonly<Record<string, string>>;
}

export function parseServiceFlags(args: string[]): ServiceFlags {
  const parsed = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      metrics: { type: 'string' },
      label: { type: 'string', multiple: true },
    },
  });
  const { values, positionals } = parsed;
  const action = ACTIONS.find((a) => a === positionals[0]);
  if (!action || positionals.length > 1)
    throw new UsageError(`service takes one of ${ACTIONS.join(', ')} (got "${positionals.join(' ')}").`);
  if (values.label !== undefined && values.metrics === undefined) throw new UsageError('--label goes with --metrics HOST:PORT.');
  if (action !== 'install' && values.label !== undefined) throw new UsageError('--label goes with service install.');
  if (action === 'status' && values['dry-run'])
    throw new UsageError('service status changes nothing; --dry-run goes with install and uninstall.');
  const metrics = values.metrics === undefined ? null : parseMetricsFlag(values.metrics);
  if (metrics?.port === 0)
    throw new UsageError('--metrics for a service needs a fixed port (Prometheus scrapes it), for example 127.0.0.1:9464.');
  return { action, dryRun: values['dry-run'] === true, metrics, labels: parseLabelFlags(values.label) };
}

function buildSpec(probeEnv: ProbeEnv, flags: ServiceFlags) {
  const os = probeEnv.platform.os;
  return watchServiceSpec({
    os,
    cli: cliArgv(),
    env: probeEnv.env,
    homeDir: probeEnv.homeDir,
    dataDir: appDataDir(probeEnv.env, os, probeEnv.homeDir),
    user: probeEnv.user(),
    metrics: flags.metrics,
    labels: flags.labels,
  });
}

/** Where a metrics listener of the installed service is, read back from its own files (what we wrote). */
async function installedMetrics(spec: WatchServiceSpec, probeEnv: ProbeEnv): Promise<ListenAddress | null> {
  for (const file of SERVICE_BACKENDS[spec.os].files(spec)) {
    const read = await probeEnv.fs.readText(file.path, 64 * 1024);
    const text = read.kind === 'ok' ? read.text.replace(/\0/g, '') : '';
    const match = /--metrics(?:<\/string>\s*<string>|\s+)([0-9A-Fa-f.:[\]]+)/.exec(text);
    if (match?.[1]) {
      try {
        return parseListenAddress(match[1]);
      } catch {
        return null;
      }
    }
  }
  return null;
}

async function status(spec: WatchServiceSpec, probeEnv: ProbeEnv, asked: ListenAddress | null): Promise<number> {
  const backend = SERVICE_BACKENDS[spec.os];
  const state = await backend.state(spec, probeEnv);
  const show = (path: string) => displayPath(path, probeEnv.homeDir);
  const lines = [
    `${backend.kind} ${backend
      .files(spec)
      .map((f) => show(f.path))
      .join(', ')}: ${state.installed ? 'installed' : 'not installed'}`,
  ];
  if (!state.manager.reachable) lines.push(`  cannot tell whether it runs: ${state.manager.why}`);
  for (const detail of state.details) lines.push(`  ${detail}`);
  const metrics = asked ?? (state.installed ? await installedMetrics(spec, probeEnv) : null);
  if (metrics) {
    const url = `http://${formatListenAddress(metrics)}`;
    const health = await probeEnv.http.request({ url: `${url}/-/healthy`, timeoutMs: 2000, maxBytes: 1024, proxy: null });
    const answers = health.kind === 'response' && health.status === 200;
    lines.push(
      `  metrics: ${url}/metrics ${answers ? 'answers' : `does not answer (${health.kind === 'response' ? `HTTP ${health.status}` : health.failure})`}`,
    );
  }
  for (const hint of state.hints) lines.push(`  ${hint}`);
  lines.push(
    state.running
      ? 'The watch is running.'
      : state.running === false
        ? 'The watch is not running.'
        : 'Whether the watch runs is not known.',
  );
  await writeOut(lines.join('\n') + '\n');
  return state.running ? EXIT.ok : EXIT.warn;
}

async function describePlan(plan: ServicePlan, show: (path: string) => string): Promise<void> {
  const out: string[] = [];
  for (const step of plan.change.steps) {
    if (step.action.type === 'write-file')
      out.push(`Would write ${show(step.action.path)} (${step.action.what}):`, '', step.action.content.replace(/\r\n/g, '\n'));
    else if (step.action.type === 'move-aside') out.push(`Would move ${show(step.action.path)} into a backup (undo brings it back).`);
    else out.push(`Would run: ${step.display}`);
  }
  if (plan.manual.length > 0)
    out.push('The service manager cannot be reached from here; you would run:', ...plan.manual.map((c) => `  ${c}`));
  out.push('Nothing was changed (--dry-run).');
  await writeOut(out.join('\n') + '\n');
}

/** `service install|uninstall|status`: `watch` as a user service, written through the fix engine (backups, undo). */
export async function runService(args: string[]): Promise<number> {
  const flags = parseServiceFlags(args);
  const probeEnv = createProbeEnv();
  const { spec, withheld } = buildSpec(probeEnv, flags);
  if (flags.action === 'status') return status(spec, probeEnv, flags.metrics);

  const show = (path: string) => displayPath(path, probeEnv.homeDir);
  const state = await SERVICE_BACKENDS[spec.os].state(spec, probeEnv);
  const plan = flags.action === 'install' ? installPlan(spec, state) : uninstallPlan(spec, state);
  const notes: string[] = [];
  if (flags.action === 'install') {
    for (const name of withheld)
      notes.push(
        `${name} holds a credential or a line break, so it was not written into the service; add it yourself where only you can read it.`,
      );
    if (spec.argv.some((a) => /[\\/]_npx[\\/]/.test(a)))
      notes.push(
        'This copy runs from npx’s cache, which can be cleaned away; install it for good (npm install -g claude-auth-doctor) and run service install again.',
      );
  }
  if (flags.dryRun) {
    await describePlan(plan, show);
    if (notes.length > 0) process.stderr.write(notes.join('\n') + '\n');
    return EXIT.ok;
  }
  const engine = createFixEngine({
    probeEnv,
    dataDir: spec.dataDir,
    diagnose: (only) => diagnose({ offline: true, timeoutMs: DEFAULT_PROBE_BUDGET_MS, only, version: toolVersion(), probeEnv }),
  });
  const result = await engine.apply(plan.change);
  const out = result.steps.map((s) => `${s.ok ? '✓' : '✗'} ${s.title}: ${s.message}`);
  if (plan.change.steps.length === 0) out.push('Nothing to do.');
  if (result.ok && plan.manual.length > 0) {
    const why = state.manager.reachable ? '' : `: ${state.manager.why}`;
    out.push(`The service manager cannot be reached from here${why}. Run these yourself:`, ...plan.manual.map((c) => `  ${c}`));
  }
  if (result.ok && flags.action === 'install') {
    const where = spec.metrics ? `; metrics at http://${formatListenAddress(spec.metrics)}/metrics` : '';
    out.push(`The watch is installed as a ${SERVICE_BACKENDS[spec.os].kind}${where}. Check it with: claude-auth-doctor service status`);
    out.push(...state.hints);
  }
  out.push(...notes);
  await writeOut(out.join('\n') + '\n');
  return result.ok ? (plan.manual.length > 0 ? EXIT.warn : EXIT.ok) : EXIT.fail;
}
