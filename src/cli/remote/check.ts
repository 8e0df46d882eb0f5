import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RemoteCheckOutput, RemoteHostResult } from '../../shared/remote.js';
import { remoteHeadline } from '../../shared/remote.js';
import { overallOf } from '../../core/diagnosis/plan.js';
import { checkHosts } from '../../core/remote/check-host.js';
import { hostPlan } from '../../core/remote/host-plan.js';
import { remoteCheckDeps } from '../../core/remote/deps.js';
import { resolveOs } from '../../core/io/os.js';
import { cliHostList } from './common.js';
import { exitCodeFor } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { makePaint, wantsColor } from '../style.js';
import { parseCommandArgs, UsageError } from '../usage.js';
import { toolVersion } from '../version.js';

export const DEFAULT_REMOTE_TIMEOUT_MS = 20_000;

// The bundled CLI (dist/cli or its chunks), the compiled sources (dist/src/cli/remote) or tsx (src/cli/remote).
const BUNDLE_CANDIDATES = [
  '../remote/doctor.mjs',
  '../../remote/doctor.mjs',
  '../../../remote/doctor.mjs',
  '../../../dist/remote/doctor.mjs',
];

/** The doctor as one file to stream to a host's node (built by build/bundle.mjs); null when missing. */
export function bundledDoctorPath(): string | null {
  for (const candidate of BUNDLE_CANDIDATES) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  return null;
}

function humanLines(results: readonly RemoteHostResult[], color: boolean, now: number): string {
  const paint = makePaint(color);
  const width = Math.max(...results.map((r) => r.name.length));
  return results
    .map((r) => {
      const via = r.via === null ? '' : paint.dim(` (via ${r.via})`);
      const line = `${paint.status(r.overall, r.overall.padEnd(7))} ${r.name.padEnd(width)}  ${remoteHeadline(r, now)}${via}\n`;
      if (r.overall === 'ok') return line;
      return (
        line +
        hostPlan(r)
          .map((step) => `        ${paint.dim('→')} ${step.title}: ${paint.bold(step.command)}\n`)
          .join('')
      );
    })
    .join('');
}

export async function runRemoteCheck(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      'no-reuse': { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
    },
  });
  const rawTimeout = values['timeout'];
  const timeoutMs = typeof rawTimeout === 'string' ? Number(rawTimeout) : DEFAULT_REMOTE_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 600_000)
    throw new UsageError(`--timeout takes milliseconds, 1000 to 600000 (got "${String(rawTimeout)}").`);
  const all = await cliHostList().read();
  const unknown = positionals.filter((name) => !all.some((h) => h.name === name));
  if (unknown.length > 0)
    throw new UsageError(
      `No host is named ${unknown.map((n) => `"${n}"`).join(', ')}. Listed: ${all.map((h) => h.name).join(', ') || 'none'}.`,
    );
  const hosts = positionals.length > 0 ? all.filter((h) => positionals.includes(h.name)) : all;
  if (hosts.length === 0) throw new UsageError('No remote hosts yet. Add one with: claude-auth-doctor remote add user@host');
  const deps = await remoteCheckDeps({
    env: process.env,
    os: resolveOs(process.platform),
    reuse: values['no-reuse'] !== true,
    version: toolVersion(),
    bundlePath: bundledDoctorPath(),
  });
  const results = await checkHosts(hosts, deps, timeoutMs);
  if (values['json'] === true) {
    const output: RemoteCheckOutput = { schemaVersion: 1, hosts: results };
    await writeOut(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    await writeOut(humanLines(results, wantsColor(process.stdout, process.env, values['no-color'] !== true), Date.now()));
  }
  return exitCodeFor(overallOf(results.map((r) => r.overall)));
}
