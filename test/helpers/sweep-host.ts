/**
 * For the canary sweeps: the real doctor service (engine and fix engine) over a world's
 * environment, served by the web host with a placeholder page, a session opened, and the same
 * service behind the Electron IPC dispatcher. Every answer is handed to the caller's check.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../src/cli/web-host.js';
import { fixChannels } from '../../src/core/doctor/fix-channels.js';
import { createDoctorService, type DoctorServiceHandle } from '../../src/core/doctor/doctor-service.js';
import { createFixEngine } from '../../src/core/fixes/fix-engine.js';
import { createHttpClient } from '../../src/core/io/http.js';
import { createTlsProber } from '../../src/core/io/tls.js';
import { appDataDir } from '../../src/core/platform/app-dirs.js';
import { createProbeEnv } from '../../src/core/probes/probe-env.js';
import { dispatchIpc, type IpcHandlers } from '../../src/main/ipc-dispatch.js';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.js';
import { makePki } from './pki.js';
import { openSession } from './web-session.js';

export interface SweepHost {
  readonly service: DoctorServiceHandle;
  readonly host: WebHost;
  /** Channels whose answer the host's boundary guard had to scrub (must stay empty). */
  readonly scrubbed: readonly string[];
  /** POST /api/<channel> with the session; the answer is checked before it is returned. */
  post(channel: string, args: unknown): Promise<{ status: number; body: string }>;
  /** The same channel through Electron's IPC dispatcher, as the wizard window gets it. */
  ipc(channel: Parameters<typeof dispatchIpc>[0], args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

export async function startSweepHost(env: NodeJS.ProcessEnv, check: (where: string, text: string) => void): Promise<SweepHost> {
  const pki = makePki();
  const probeEnv = {
    ...createProbeEnv(env, 'linux'),
    http: createHttpClient({ ca: [pki.caPem] }),
    tls: createTlsProber({ ca: [pki.caPem] }),
  };
  const dataDir = appDataDir(probeEnv.env, 'linux', probeEnv.homeDir);
  const service = createDoctorService({
    probeEnv,
    version: '0.0.0-sweep',
    timeoutMs: 3000,
    fixes: (tools) =>
      fixChannels(
        createFixEngine({ probeEnv, dataDir, diagnose: tools.diagnose, cliCommand: 'claude-auth-doctor', lockWaitMs: 5000 }),
        tools,
      ),
  });
  const bundleDir = await mkdtemp(join(tmpdir(), 'cad-sweep-bundle-'));
  for (const file of ['index.html', 'renderer.js', 'styles.css']) await writeFile(join(bundleDir, file), '<!doctype html>');
  const scrubbed: string[] = [];
  const host = await startWebHost({ service, bundleDir, onRedaction: (channel) => scrubbed.push(channel) });
  const token = await openSession(host);
  const page = 'app://wizard/index.html';
  const handlers: IpcHandlers = {
    ...service,
    'link:open': async () => undefined,
    'settings:get': async () => DEFAULT_SETTINGS,
    'settings:set': async () => DEFAULT_SETTINGS,
    'servers:get': async () => ({ hosts: [], checking: false, offline: false }),
    'servers:check': async () => ({ hosts: [], checking: false, offline: false }),
  };
  return {
    service,
    host,
    scrubbed,
    post: (channel, args) =>
      new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: host.port,
            method: 'POST',
            path: `/api/${channel}`,
            headers: { host: `127.0.0.1:${host.port}`, origin: host.origin, 'content-type': 'application/json', 'x-doctor-token': token },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const body = Buffer.concat(chunks).toString('utf8');
              check(`the web host's ${channel} response body`, body);
              check(`the web host's ${channel} response headers`, JSON.stringify(res.headers));
              resolve({ status: res.statusCode ?? 0, body });
            });
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(args));
      }),
    async ipc(channel, args) {
      const payload = await dispatchIpc(channel, { url: page, topFrame: true }, args, handlers, page);
      check(`the IPC payload of ${channel}`, JSON.stringify(payload) ?? '');
      return payload;
    },
    close: async () => {
      await host.close();
      await rm(bundleDir, { recursive: true, force: true });
    },
  };
}
