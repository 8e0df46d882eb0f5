import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { oauthCredentials } from './world.js';

export interface LoginHome {
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * A temp HOME whose stored Claude Code login ends in `endsInMs` (30 days: healthy), with the
 * doctor's data dir inside and no network: the world of the local commands (hook, status,
 * statusline). `extra` adds to (or overrides) its environment. The caller removes `home`.
 */
export async function loginHome(prefix: string, endsInMs: number, extra: Record<string, string> = {}): Promise<LoginHome> {
  const home = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(join(home, '.claude'), { recursive: true });
  const credentials = oauthCredentials({ refreshTokenExpiresAt: Date.now() + endsInMs });
  await writeFile(join(home, '.claude', '.credentials.json'), JSON.stringify(credentials), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    USER: userInfo().username,
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    CLAUDE_AUTH_DOCTOR_DATA_DIR: join(home, 'doctor-data'),
    ...extra,
  };
  return { home, env };
}
