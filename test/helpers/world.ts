/**
 * A whole world on loopback for end-to-end runs of the CLI: a temp HOME with Claude Code's
 * config dir, an HTTPS "Anthropic API" and status page with a test CA the process trusts through
 * NODE_EXTRA_CA_CERTS (exactly as a user behind TLS inspection would), and a stub `claude`.
 * Canary tokens are planted everywhere a secret can live, so tests can grep every output.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePki, type Pki } from './pki.js';
import { startBlackhole, startHttpsServer, type RunningServer } from './servers.js';
import { makeStubClaude } from './stub-claude.js';

export const CANARY = {
  access: 'sk-ant-oat01-CANARY-access-0123456789abcdefghijklmnopqrstuv',
  refresh: 'sk-ant-ort01-CANARY-refresh-0123456789abcdefghijklmnopqrstu',
  apiKey: 'sk-ant-api03-CANARY-apikey-0123456789abcdefghijklmnopqrstuv',
  envOauth: 'sk-ant-oat01-CANARY-envtoken-0123456789abcdefghijklmnopqr',
} as const;

export type StatusFixture = 'operational' | 'major-outage';

export interface WorldOptions {
  /** Credentials file text, or an object serialised as JSON, or null for none. */
  readonly credentials?: string | object | null;
  readonly api?: 'ok' | 'reject' | 'rogue-tls' | 'blackhole';
  readonly status?: StatusFixture | 'blackhole';
  readonly env?: Readonly<Record<string, string>>;
  /** A Console login's key in .claude.json (it then becomes the credential in effect). */
  readonly primaryApiKey?: boolean;
  /**
   * The status page behind the same TLS inspection as the API (a real intercepting network re-signs
   * every HTTPS connection); with api 'rogue-tls', a world a trusted "company CA" fixes whole.
   */
  readonly statusTls?: 'trusted' | 'rogue';
  /** Log every run of the stub `claude` by argv (read back with claudeRuns()). */
  readonly recordClaudeRuns?: boolean;
}

export interface World {
  readonly home: string;
  readonly configDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** The test CAs (the "company" TLS-inspection CA is rogueCaCert / rogueCaPem). */
  readonly pki: Pki;
  readonly apiRequests: () => readonly { path: string; authorization: string | null }[];
  /** Paths asked of the status page. */
  readonly statusRequests: () => readonly string[];
  /** Each run of the stub `claude`, its arguments space-joined (needs recordClaudeRuns). */
  claudeRuns(): Promise<string[]>;
  /** Stops the servers and removes the home. */
  close(): Promise<void>;
}

const HOUR = 3600_000;

/** The scopes Claude Code 2.1.332 asks for at sign-in. */
export const LOGIN_SCOPES = [
  'org:create_api_key',
  'user:profile',
  'user:inference',
  'user:sessions:claude_code',
  'user:mcp_servers',
  'user:file_upload',
  'user:plugins',
  'user:privacy_consents:write',
];

/**
 * A login exactly as Claude Code 2.1.332 writes it after a claude.ai sign-in (its `BC()` builder):
 * ms epochs, the time limit 30 days after sign-in (the server's refresh_token_expires_in, or its
 * 30-day default), the sign-in scopes, the plan. Pass overrides to break it.
 */
export function oauthCredentials(overrides: Record<string, unknown> = {}): object {
  const now = Date.now();
  return {
    claudeAiOauth: {
      accessToken: CANARY.access,
      refreshToken: CANARY.refresh,
      expiresAt: now + 5 * HOUR,
      refreshTokenExpiresAt: now + 30 * 24 * HOUR,
      scopes: LOGIN_SCOPES,
      subscriptionType: 'max',
      subscriptionTypeSource: 'sign_in',
      rateLimitTier: 'default_claude_max_20x',
      ...overrides,
    },
    mcpOAuth: { 'example-server': { accessToken: CANARY.apiKey.replace('api03', 'oat01'), expiresAt: Date.now() + 3600_000 } },
  };
}

function statusBody(kind: StatusFixture): string {
  const operational = kind === 'operational';
  return JSON.stringify({
    page: { id: 'tymt9n04zgry', name: 'Anthropic', url: 'https://status.claude.com', updated_at: new Date().toISOString() },
    status: operational
      ? { indicator: 'none', description: 'All Systems Operational' }
      : { indicator: 'major', description: 'Major System Outage' },
    components: [
      { id: 'c1', name: 'claude.ai', status: 'operational' },
      { id: 'c2', name: 'Claude API (api.anthropic.com)', status: operational ? 'operational' : 'major_outage' },
      { id: 'c3', name: 'Claude Code', status: operational ? 'operational' : 'major_outage' },
      { id: 'c4', name: 'Claude Console (platform.claude.com)', status: 'operational' },
    ],
    incidents: operational
      ? []
      : [
          {
            id: 'inc1',
            name: 'Elevated errors on Claude API',
            status: 'investigating',
            impact: 'major',
            shortlink: 'https://stspg.io/inc1',
            components: [{ id: 'c2', name: 'Claude API (api.anthropic.com)', status: 'major_outage' }],
          },
        ],
    scheduled_maintenances: [],
  });
}

export async function makeWorld(options: WorldOptions = {}): Promise<World> {
  const pki = makePki();
  const home = await mkdtemp(join(tmpdir(), 'cad-world-'));
  const configDir = join(home, '.claude');
  await mkdir(configDir, { recursive: true });
  const credentials = options.credentials === undefined ? oauthCredentials() : options.credentials;
  if (credentials !== null) {
    const text = typeof credentials === 'string' ? credentials : JSON.stringify(credentials);
    await writeFile(join(configDir, '.credentials.json'), text, { mode: 0o600 });
  }
  await writeFile(
    join(configDir, '.claude.json'),
    JSON.stringify({
      oauthAccount: { emailAddress: 'jane@example.com', organizationName: 'Example' },
      ...(options.primaryApiKey ? { primaryApiKey: CANARY.apiKey } : {}),
    }),
    { mode: 0o600 },
  );
  const bin = join(home, 'bin');
  const argvLog = join(home, 'claude-runs.log');
  const claude = await makeStubClaude(bin, { version: '2.1.14', ...(options.recordClaudeRuns ? { argvLog } : {}) });
  const statusSeen: string[] = [];

  const requests: { path: string; authorization: string | null }[] = [];
  const apiHandler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization ?? null });
    const reject = options.api === 'reject';
    if (reject) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'OAuth token has been revoked.' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ account: { email: 'jane@example.com' }, data: [] }));
  };
  const servers: RunningServer[] = [];
  const api =
    options.api === 'blackhole'
      ? await startBlackhole()
      : await startHttpsServer({ pki, handler: apiHandler, cert: options.api === 'rogue-tls' ? 'rogue' : 'trusted' });
  servers.push(api);
  const statusKind = options.status ?? 'operational';
  const status =
    statusKind === 'blackhole'
      ? await startBlackhole()
      : await startHttpsServer({
          pki,
          cert: options.statusTls ?? 'trusted',
          handler: (req, res) => {
            statusSeen.push(req.url ?? '');
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(statusBody(statusKind));
          },
        });
  servers.push(status);
  const apiUrl = `https://127.0.0.1:${api.port}`;

  const env: NodeJS.ProcessEnv = {
    HOME: home,
    USER: 'tester',
    PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
    LANG: 'C.UTF-8',
    CLAUDE_CONFIG_DIR: configDir,
    CLAUDE_AUTH_DOCTOR_API_URL: apiUrl,
    CLAUDE_AUTH_DOCTOR_AUTH_URL: apiUrl,
    CLAUDE_AUTH_DOCTOR_STATUS_URL: `https://127.0.0.1:${status.port}`,
    CLAUDE_AUTH_DOCTOR_CLAUDE_BIN: claude,
    CLAUDE_AUTH_DOCTOR_DATA_DIR: join(home, 'doctor-data'),
    NODE_EXTRA_CA_CERTS: pki.caCert,
    ...options.env,
  };
  return {
    home,
    configDir,
    env,
    pki,
    apiRequests: () => requests,
    statusRequests: () => statusSeen,
    claudeRuns: async () => {
      const text = await readFile(argvLog, 'utf8').catch(() => '');
      return text.split('\n').filter((line) => line !== '');
    },
    // The servers, then the world's home: runs of the suite used to leave ~40 of them in the temp dir.
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
      await rm(home, { recursive: true, force: true });
    },
  };
}
