/**
 * Broken worlds for the wizard's end-to-end tests, all on this machine: a temp HOME and
 * CLAUDE_CONFIG_DIR with a credentials file, an HTTPS "Anthropic API" on 127.0.0.1 (trusted test
 * CA, or a TLS-inspection certificate), a status page serving a Statuspage summary, and a stub
 * `claude`. The engine sees it through a ProbeEnv built from env overrides (process.env is never
 * touched), with every network port restricted to loopback.
 */
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeEnv } from '../../src/core/probes/probe.js';
import { createProbeEnv } from '../../src/core/probes/probe-env.js';
import { createHttpClient } from '../../src/core/io/http.js';
import { createTlsProber } from '../../src/core/io/tls.js';
import { makePki } from '../helpers/pki.js';
import { loopbackOnlyHttp, loopbackOnlyResolver, loopbackOnlyTcp, loopbackOnlyTls } from '../helpers/probe-input.js';
import { startHttpServer, startHttpsServer, type RunningServer } from '../helpers/servers.js';

/** Canary secrets: if any of these texts reaches the page, a secret leaked. */
export const CANARIES = {
  expiredAccess: 'sk-ant-oat01-CANARY-expired-access-0123456789abcdef',
  freshAccess: 'sk-ant-oat01-CANARY-fresh-access-0123456789abcdef',
  freshRefresh: 'sk-ant-ort01-CANARY-fresh-refresh-0123456789abcdef',
  /** A login the server no longer accepts (revoked by a password change), with a refresh token. */
  revokedAccess: 'sk-ant-oat01-CANARY-revoked-access-0123456789abcdef',
  envSecret: 'sk-ant-api03-FAKE-unrelated-env-secret-0123456789',
  /** A work API key exported in the user's ~/.zshrc (the "API key over a Pro login" world). */
  workKey: 'sk-ant-api03-CANARY-work-key-0123456789abcdef',
} as const;

export const CANARY_PATTERN = /CANARY|FAKE-unrelated|0123456789abcdef/;

export type StatusFixture = 'operational' | 'major-outage' | 'minor';

/** 'revoked': unexpired, with a refresh token, but the server answers 401 (signed out elsewhere). */
export type LoginKind = 'expired-no-refresh' | 'fresh' | 'truncated' | 'revoked';

export interface WorldOptions {
  /** 'truncated': the login file cut off mid-write (a full disk, a crash), so it is not JSON. */
  readonly login: LoginKind;
  readonly status?: StatusFixture;
  /** 'rogue': the API presents a certificate from an untrusted "corporate" CA (TLS inspection). */
  readonly tls?: 'trusted' | 'rogue';
  /** More variables for the engine's environment (e.g. a canary ANTHROPIC_API_KEY). */
  readonly env?: Readonly<Record<string, string>>;
  /** A fresh login's time limit, from now (default: 30 days, as a sign-in sets it). */
  readonly loginEndsInMs?: number;
  /**
   * The user exports a (valid) work ANTHROPIC_API_KEY in ~/.zshrc, their login shell is zsh, and the
   * terminal the wizard started from holds it too: it overrides the Pro login.
   */
  readonly apiKeyInRc?: boolean;
  /** The status page answers only after this long (a slow or hanging statuspage.io). */
  readonly statusDelayMs?: number;
}

export interface World {
  readonly home: string;
  readonly configDir: string;
  readonly credentialsPath: string;
  readonly env: Readonly<Record<string, string>>;
  readonly probeEnv: ProbeEnv;
  /** Writes the login a successful `claude auth login` would leave behind. */
  signIn(): Promise<void>;
  setStatus(fixture: StatusFixture): void;
  /**
   * What the user does behind TLS inspection: saves the company's root certificate as
   * ~/.claude/corporate-ca.pem and points NODE_EXTRA_CA_CERTS at it (the engine's clients then trust it).
   */
  trustCorporateCa(): Promise<void>;
  /** The user's ~/.zshrc (the apiKeyInRc world). */
  readonly zshrc: string;
  close(): Promise<void>;
}

const HOUR = 3600_000;
const FIXTURES = new URL('../../../test/fixtures/statuspage/', import.meta.url);
const FIXTURES_TSX = new URL('../fixtures/statuspage/', import.meta.url);

function fixture(name: StatusFixture): string {
  for (const base of [FIXTURES_TSX, FIXTURES]) {
    try {
      return readFileSync(new URL(`${name}.json`, base), 'utf8');
    } catch {
      // Try the other layout (tsx runs test/, the build runs dist/test/).
    }
  }
  throw new Error(`status fixture ${name}.json not found`);
}

/** The login as Claude Code 2.1.332 writes it (a sign-in's time limit; an expired, refresh-less one has none). */
function credentials(kind: LoginKind, endsInMs = 30 * 24 * HOUR): string {
  const now = Date.now();
  const plan = { scopes: ['user:profile', 'user:inference', 'user:sessions:claude_code'], subscriptionType: 'pro', rateLimitTier: null };
  const oauth =
    kind === 'fresh' || kind === 'revoked'
      ? {
          accessToken: kind === 'revoked' ? CANARIES.revokedAccess : CANARIES.freshAccess,
          refreshToken: CANARIES.freshRefresh,
          expiresAt: now + 8 * HOUR,
          refreshTokenExpiresAt: now + endsInMs,
          ...plan,
        }
      : { accessToken: CANARIES.expiredAccess, expiresAt: now - 3 * HOUR, ...plan };
  const text = JSON.stringify({ claudeAiOauth: kind === 'truncated' ? { ...oauth, refreshToken: CANARIES.freshRefresh } : oauth });
  // Cut inside the refresh token, as a write interrupted by a full disk leaves it.
  return kind === 'truncated' ? text.slice(0, text.indexOf(CANARIES.freshRefresh) + 20) : text;
}

/**
 * A `claude` that also signs out, as the fix engine's re-login step runs it (the shared stub in
 * test/helpers only knows --version and auth status): `auth logout` removes the login file.
 */
async function writeStubClaude(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'claude');
  const script = [
    '#!/bin/sh',
    'creds="$CLAUDE_CONFIG_DIR/.credentials.json"',
    'case "$1 $2" in',
    `  "--version "*) echo '2.1.14 (Claude Code)'; exit 0 ;;`,
    `  "auth status") if [ -f "$creds" ]; then echo '{"loggedIn":true,"authMethod":"claude.ai"}'; exit 0; fi; echo '{"loggedIn":false}'; exit 1 ;;`,
    `  "auth logout") rm -f "$creds"; echo 'Successfully logged out from your Anthropic account.'; exit 0 ;;`,
    'esac',
    'echo "stub claude: unexpected arguments: $*" >&2',
    'exit 2',
  ].join('\n');
  await writeFile(path, `${script}\n`, { mode: 0o755 });
  await chmod(path, 0o755);
  return path;
}

function apiHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const auth = req.headers.authorization ?? '';
  const good = auth === `Bearer ${CANARIES.freshAccess}`;
  if (req.url?.startsWith('/v1/models') && req.headers['x-api-key'] === CANARIES.workKey) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: [{ id: 'claude-sonnet-4-5', type: 'model' }] }));
    return;
  }
  if (req.url?.startsWith('/api/oauth/profile') && good) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ account: { email: 'dev@example.com' }, organization: { organization_type: 'claude_pro' } }));
    return;
  }
  res.writeHead(401, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      type: 'error',
      error: {
        type: 'authentication_error',
        message: 'OAuth token has expired. Please obtain a new token or refresh your existing token.',
      },
    }),
  );
}

export async function createWorld(options: WorldOptions): Promise<World> {
  const pki = makePki();
  const home = await mkdtemp(join(tmpdir(), 'doctor-wizard-world-'));
  const configDir = join(home, '.claude');
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  const credentialsPath = join(configDir, '.credentials.json');
  await writeFile(credentialsPath, credentials(options.login, options.loginEndsInMs), { mode: 0o600 });
  await chmod(credentialsPath, 0o600);
  await writeFile(join(configDir, '.claude.json'), JSON.stringify({ oauthAccount: { emailAddress: 'dev@example.com' } }), { mode: 0o600 });
  const claude = await writeStubClaude(join(home, 'bin'));
  const zshrc = join(home, '.zshrc');
  if (options.apiKeyInRc) {
    await writeFile(zshrc, `# work account\nexport ANTHROPIC_API_KEY=${CANARIES.workKey}\nexport EDITOR=vim\n`, { mode: 0o644 });
  }

  let status: StatusFixture = options.status ?? 'operational';
  const servers: RunningServer[] = [];
  const api = await startHttpsServer({ pki, cert: options.tls === 'rogue' ? 'rogue' : 'trusted', handler: apiHandler });
  servers.push(api);
  const statusPage = await startHttpServer(async (req, res) => {
    if (req.url?.startsWith('/api/v2/summary.json')) {
      if (options.statusDelayMs) await new Promise((resolve) => setTimeout(resolve, options.statusDelayMs).unref());
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(fixture(status));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  servers.push(statusPage);

  const env: Record<string, string> = {
    HOME: home,
    USER: 'doctor-test',
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    // A desktop session, as the app's window has (the sign-in opens a browser here).
    DISPLAY: ':0',
    CLAUDE_CONFIG_DIR: configDir,
    CLAUDE_AUTH_DOCTOR_API_URL: `https://127.0.0.1:${api.port}`,
    CLAUDE_AUTH_DOCTOR_AUTH_URL: `https://127.0.0.1:${api.port}`,
    CLAUDE_AUTH_DOCTOR_STATUS_URL: statusPage.url,
    CLAUDE_AUTH_DOCTOR_CLAUDE_BIN: claude,
    // Something secret-looking the engine has no business echoing.
    GH_TOKEN: CANARIES.envSecret,
    ...(options.apiKeyInRc ? { SHELL: '/bin/zsh', ANTHROPIC_API_KEY: CANARIES.workKey } : {}),
    ...options.env,
  };
  const real = createProbeEnv(env, 'linux');
  // The clients trust what the user's NODE_EXTRA_CA_CERTS names; trustCorporateCa() adds Contoso's CA.
  let trusted = [pki.caPem];
  let http = createHttpClient({ ca: trusted });
  let tls = createTlsProber({ ca: trusted });
  const probeEnv: ProbeEnv = {
    ...real,
    resolver: loopbackOnlyResolver(),
    http: loopbackOnlyHttp({ request: (request) => http.request(request) }),
    tls: loopbackOnlyTls({ handshake: (...args) => tls.handshake(...args) }),
    tcp: loopbackOnlyTcp(),
  };

  return {
    home,
    configDir,
    credentialsPath,
    env,
    probeEnv,
    signIn: async () => {
      await writeFile(credentialsPath, credentials('fresh'), { mode: 0o600 });
    },
    setStatus: (next) => {
      status = next;
    },
    zshrc,
    trustCorporateCa: async () => {
      const path = join(configDir, 'corporate-ca.pem');
      await writeFile(path, pki.rogueCaPem, { mode: 0o644 });
      env['NODE_EXTRA_CA_CERTS'] = path;
      trusted = [pki.caPem, pki.rogueCaPem];
      http = createHttpClient({ ca: trusted });
      tls = createTlsProber({ ca: trusted });
    },
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
      await rm(home, { recursive: true, force: true });
    },
  };
}
