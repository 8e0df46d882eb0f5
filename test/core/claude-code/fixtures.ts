/**
 * Canary secrets and real credential files for the credential and auth tests. Every planted
 * secret contains CANARY, so one search of a serialised outcome proves nothing leaked.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';

const tail = (): string => randomBytes(12).toString('hex');

export const CANARY = {
  access: `sk-ant-oat01-CANARY-access-${tail()}`,
  refresh: `sk-ant-ort01-CANARY-refresh-${tail()}`,
  apiKey: `sk-ant-api03-CANARY-key-${tail()}`,
  primaryApiKey: `sk-ant-api03-CANARY-primary-${tail()}`,
  oauthEnv: `sk-ant-oat01-CANARY-setup-${tail()}`,
  email: 'jane.CANARY@example.com',
};

export const HOUR = 3_600_000;

export function oauthBlock(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    claudeAiOauth: {
      accessToken: CANARY.access,
      refreshToken: CANARY.refresh,
      expiresAt: Date.now() + 5 * HOUR,
      scopes: ['user:inference', 'user:profile'],
      subscriptionType: 'pro',
      ...overrides,
    },
  };
}

/** Writes ~/.claude/.credentials.json (text or JSON) with the given mode; returns its path. */
export async function writeCredentials(home: string, content: string | object, mode = 0o600): Promise<string> {
  const dir = join(home, '.claude');
  await mkdir(dir, { recursive: true });
  const path = join(dir, '.credentials.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  await chmod(path, mode);
  return path;
}

export async function writeClaudeJson(home: string, content: string | object): Promise<string> {
  const path = join(home, '.claude.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

export async function writeSettings(home: string, content: string | object): Promise<string> {
  const dir = join(home, '.claude');
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'settings.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Fails when any canary (or anything CANARY-marked) shows in the JSON or inspect() form. */
export function assertNoSecrets(value: unknown, label = 'value'): void {
  const json = JSON.stringify(value) ?? '';
  const shown = inspect(value, { depth: 8 });
  for (const text of [json, shown]) {
    assert.ok(!text.includes('CANARY'), `${label} leaks a canary: ${text.slice(0, 400)}`);
  }
}
