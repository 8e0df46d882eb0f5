import { redactText } from '../redact/redact.js';
import type { KeychainRead } from '../keychain/types.js';
import type { FileReadResult, FileSystem } from '../io/ports.js';
import type { PlatformAdapter } from '../platform/adapter.js';
import { readClaudeAccount, type ClaudeAccount } from './claude-json.js';
import { parseCredentials, type CredentialProblem, type OAuthCredentials } from './credentials-json.js';
import { claudeJsonPath, credentialsFilePath, describeUnread, displayPath, keychainServiceName } from './paths.js';

/** A login is a few hundred bytes; anything near this cap is not a login. */
export const CREDENTIALS_MAX_BYTES = 1024 * 1024;
const KEYCHAIN_TIMEOUT_MS = 3000;

export type CredentialFileState = FileReadResult['kind'] | 'not-read';

/**
 * Claude Code's stored login as Claude Code itself would find it, read once per run. Secrets
 * stay wrapped in `Secret`, so the snapshot can be logged or put in evidence as it is.
 */
export interface CredentialSnapshot {
  /** Where the login in effect came from; 'none' when nothing is stored anywhere. */
  readonly source: 'keychain' | 'file' | 'none';
  /** macOS keychain service and account the login is looked up under. */
  readonly service: string;
  readonly keychainAccount: string;
  readonly keychain: Exclude<KeychainRead['kind'], 'not-applicable'> | 'n/a';
  readonly file: {
    readonly path: string;
    /** The path with ~ for home, for messages. */
    readonly shown: string;
    readonly state: CredentialFileState;
    /** Permission bits (e.g. 0o600) when the file was read. */
    readonly mode: number | null;
  };
  readonly oauth: OAuthCredentials | null;
  readonly problems: readonly CredentialProblem[];
  /** Who is signed in, from ~/.claude.json. */
  readonly account: ClaudeAccount;
}

/** What reading Claude Code's files takes: the part of a probe's input this folder needs. */
export interface ClaudeCodeReadInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** The keychain account Claude Code uses. */
  readonly user: string;
  readonly fs: FileSystem;
  readonly platform: Pick<PlatformAdapter, 'os' | 'readClaudeCredentials'>;
  readonly options: { readonly timeoutMs: number };
  /** One read per run, shared by every check that asks. */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export function loadCredentials(ctx: ClaudeCodeReadInput): Promise<CredentialSnapshot> {
  return ctx.memo('credentials', () => readSnapshot(ctx));
}

async function readKeychain(ctx: ClaudeCodeReadInput, service: string): Promise<KeychainRead> {
  const timeout = Math.max(100, Math.min(KEYCHAIN_TIMEOUT_MS, Math.floor(ctx.options.timeoutMs / 2)));
  try {
    return await ctx.platform.readClaudeCredentials(service, ctx.user, timeout);
  } catch (error) {
    return { kind: 'error', reason: error instanceof Error ? error.message : String(error), evidence: {} };
  }
}

async function readSnapshot(ctx: ClaudeCodeReadInput): Promise<CredentialSnapshot> {
  const service = keychainServiceName(ctx.env, ctx.homeDir);
  const path = credentialsFilePath(ctx.env, ctx.homeDir);
  const shown = displayPath(path, ctx.homeDir);
  const accountPath = claudeJsonPath(ctx.env, ctx.homeDir);
  const [keychain, account] = await Promise.all([
    readKeychain(ctx, service),
    readClaudeAccount(ctx.fs, accountPath, displayPath(accountPath, ctx.homeDir)),
  ]);
  const base = {
    service,
    keychainAccount: ctx.user,
    keychain: keychain.kind === 'not-applicable' ? ('n/a' as const) : keychain.kind,
    account,
  };

  const inKeychain = keychain.kind === 'found' ? parseCredentials(keychain.text, `the macOS keychain item "${service}"`) : null;
  if (inKeychain?.oauth) {
    return {
      ...base,
      source: 'keychain',
      file: { path, shown, state: 'not-read', mode: null },
      oauth: inKeychain.oauth,
      problems: inKeychain.problems,
    };
  }

  const read = await ctx.fs.readText(path, CREDENTIALS_MAX_BYTES);
  const file = { path, shown, state: read.kind, mode: read.kind === 'ok' ? read.mode : null };
  const inFile = read.kind === 'ok' ? parseCredentials(read.text, shown) : null;
  const fileProblems = [...(inFile?.problems ?? []), ...fileStateProblems(read, shown, ctx.platform.os === 'win32')];

  if (inFile?.oauth) return { ...base, source: 'file', file, oauth: inFile.oauth, problems: fileProblems };
  if (inKeychain) return { ...base, source: 'keychain', file, oauth: null, problems: [...inKeychain.problems, ...fileProblems] };
  const problems = [...keychainProblems(keychain, service), ...fileProblems];
  return { ...base, source: read.kind === 'missing' ? 'none' : 'file', file, oauth: null, problems };
}

function fileStateProblems(read: FileReadResult, shown: string, windows: boolean): CredentialProblem[] {
  if (read.kind === 'missing') return [];
  if (read.kind !== 'ok') {
    const code = read.kind;
    return [
      {
        code,
        message: `${shown} ${describeUnread(read)}. Claude Code cannot read its login: reset the stored credentials and sign in again.`,
      },
    ];
  }
  if (windows || (read.mode & 0o077) === 0) return [];
  const octal = '0' + read.mode.toString(8).padStart(3, '0');
  return [
    {
      code: 'mode-too-wide',
      message: `${shown} can be read by other users (mode ${octal}); it holds your login. Run \`chmod 600 ${read.path}\`.`,
    },
  ];
}

function keychainProblems(keychain: KeychainRead, service: string): CredentialProblem[] {
  if (keychain.kind === 'locked') {
    return [
      {
        code: 'keychain-locked',
        message: `The macOS login keychain is locked, so Claude Code cannot read its login (item "${service}"). Unlock it: \`security unlock-keychain ~/Library/Keychains/login.keychain-db\`.`,
      },
    ];
  }
  if (keychain.kind === 'error') {
    return [{ code: 'keychain-error', message: `Reading the keychain item "${service}" failed: ${redactText(keychain.reason)}` }];
  }
  return [];
}
