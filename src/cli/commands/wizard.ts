import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createProbeEnv } from '../../core/probes/probe-env.js';
import { createDoctor } from '../../core/doctor/wiring.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { parseCommandArgs, UsageError } from '../usage.js';
import { toolVersion } from '../version.js';
import { hasDisplay, openBrowser } from '../open-browser.js';
import { settleRoot } from '../root-switch.js';
import { PortUnavailableError, startWebHost } from '../web-host.js';

// dist/cli/chunks → dist/bundle (the bin); dist/src/cli/commands → dist/bundle (compiled);
// src/cli/commands → dist/bundle (tsx, after a build).
const BUNDLE_CANDIDATES = ['../../bundle/', '../../../bundle/', '../../../dist/bundle/'];

export function findBundleDir(): string | null {
  for (const candidate of BUNDLE_CANDIDATES) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new UsageError(`--port takes a number between 0 and 65535 (got "${raw}"); 0 picks a free port.`);
  return port;
}

export async function runWizard(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    allowPositionals: false,
    options: {
      web: { type: 'boolean', default: false },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      'as-owner': { type: 'boolean', default: false },
    },
  });
  if (values.web !== true)
    throw new UsageError('the desktop wizard opens from the tray app; "claude-auth-doctor wizard --web" serves it to a browser.');
  const port = parsePort(values.port);
  await settleRoot(values['as-owner'] === true);
  const bundleDir = findBundleDir();
  if (bundleDir === null) throw new Error('the wizard page is not built: run "npm run build" first.');

  const service = createDoctor({
    probeEnv: createProbeEnv(),
    version: toolVersion(),
    offline: values.offline === true,
    snapshotBy: 'wizard',
    onSnapshotProblem: (message) => process.stderr.write(`claude-auth-doctor: ${message}\n`),
  });
  let host;
  try {
    host = await startWebHost({
      service,
      bundleDir,
      port,
      onRedaction: (channel) => process.stderr.write(`claude-auth-doctor: scrubbed a token-shaped value from a ${channel} answer.\n`),
      onSession: (n) =>
        process.stderr.write(
          `A browser opened the wizard (page ${n}). If that was not you, press Ctrl-C: the wizard can change your Claude Code login.\n`,
        ),
    });
  } catch (error) {
    if (error instanceof PortUnavailableError) throw new UsageError(error.message);
    throw error;
  }
  void service['report:run-check']().catch(() => undefined);

  const again = process.stdin.isTTY === true;
  await writeOut(
    [
      `Claude Auth Doctor wizard: ${host.url}`,
      '',
      'Open that link in a browser on this machine. It opens the wizard once (a one-time code); keep it private.',
      `On a remote machine, forward the port from your own computer first, then open the link there:`,
      `  ssh -L ${host.port}:127.0.0.1:${host.port} <this-host>`,
      again ? 'Press Enter for a new link (another tab, or after a restart of the browser); Ctrl-C stops.' : 'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  if (values['no-open'] !== true && hasDisplay(process.env)) openBrowser(host.newLink());
  const onLine = (): void => void writeOut(`New link: ${host.newLink()}\n`);
  if (again) {
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', onLine);
  }

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdin.off('data', onLine);
  process.stdin.pause();
  await host.close();
  return EXIT.ok;
}
