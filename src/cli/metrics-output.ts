import { writeFileAtomic } from '../core/io/atomic-write.js';
import { createExporter } from '../core/metrics/exporter.js';
import { renderExposition } from '../core/metrics/exposition.js';
import { formatListenAddress, isLoopback, type ListenAddress } from '../core/metrics/listen.js';
import { startMetricsServer } from '../core/metrics/server.js';
import type { HealthReport } from '../shared/report.js';
import { writeOut } from './output.js';
import { toolVersion } from './version.js';

/**
 * `check --format prometheus`: the exposition on stdout, or with `--out` written atomically and
 * world-readable (node_exporter's textfile collector reads it as its own user; it holds no secret).
 */
export async function writeExposition(
  report: HealthReport,
  flags: { readonly out: string | null; readonly labels: Readonly<Record<string, string>> },
): Promise<void> {
  const text = await renderExposition(report, { version: toolVersion(), labels: flags.labels });
  if (flags.out === null) return writeOut(text);
  try {
    await writeFileAtomic(flags.out, text, { mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its directory does not exist' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new Error(`Could not write the metrics to ${flags.out}: ${why}.`);
  }
}

export interface MetricsEndpoint {
  readonly url: string;
  update(report: HealthReport): void;
  close(): Promise<void>;
}

/** `watch --metrics`: the listener, fed by the monitor's merged reports. */
export async function serveMetrics(listen: ListenAddress, labels: Readonly<Record<string, string>>): Promise<MetricsEndpoint> {
  const exporter = createExporter({ version: toolVersion(), labels });
  let server;
  try {
    server = await startMetricsServer({ listen, exposition: () => exporter.text() });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? 'the port is in use (another watch?)'
        : code === 'EADDRNOTAVAIL'
          ? 'this machine has no such address'
          : code === 'EACCES'
            ? 'permission denied (ports below 1024 need privileges)'
            : (error as Error).message;
    throw new Error(`Cannot serve metrics on ${formatListenAddress(listen)}: ${why}. Pick another with --metrics HOST:PORT.`);
  }
  const open = isLoopback(listen.host) ? '' : ' (reachable from other machines: firewall it to your Prometheus)';
  process.stderr.write(`Serving metrics on ${server.url}${open}\n`);
  return { url: server.url, update: (report) => exporter.update(report), close: () => server.close() };
}
