import { redactText, Secret } from '../redact/redact.js';
import type { KeychainRead } from '../keychain/types.js';
import type { FileReadResult, FileSystem } from '../io/ports.js';
import type { PlatformAdapter } from '../platform/adapter.js';
import { readClaudeAccount, type ClaudeAccount } from './claude-json.js';
import { parseCredentials, type CredentialProblem, type OAuthCredentials, type ParsedCredentials } from './credentials-json.js';
import { openOverflow, overflowService } from './keychain-overflow.js';
import {
  claudeJsonPath,
  configDirEmpty,
  credentialsFilePath,
  describeUnread,
  displayPath,
  formatBytes,
  keychainAccount,
  keychainServiceName,
  storageDir,
} from './paths.js';

/** A login is a few hundred bytes; anything near this cap is not a login. */
export const CREDENTIALS_MAX_BYTES = 1024 * 1024;
const KEYCHAIN_TIMEOUT_MS = 3000;

export type CredentialFileState = FileReadResult['kind'] | 'not-read';

/**
 * Claude Code's stored login as Claude Code itself would find it, read once per run. Secrets
 * stay wrapped in `Secret`, so the snapshot can be logged or put in evidence as it is.
 */
export interface CredentialSnapshot {
  /** Where the login in effect came from; 'none' when nothing is stored anywhere the doctor can read. */
  readonly source: 'keychain' | 'file' | 'credential-manager' | 'none';
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
  /** The login came out of a keychain overflow item (`<service>-overflow-a|b`). */
  readonly fromOverflow: boolean;
  /** A Cloud gateway sign-in is stored (`enterpriseGateway`). */
  readonly gateway: boolean;
  /** The key a Console login saved: macOS keychain item "Claude Code" (+hash), else primaryApiKey. Read only when no claude.ai login is usable. */
  readonly consoleKey: { readonly key: Secret; readonly where: string } | null;
  readonly problems: readonly CredentialProblem[];
  /** Who is signed in, from ~/.claude.json. */
  readonly account: ClaudeAccount;
  /** The directory secure storage and its locks live in, and what the disk there allows. */
  readonly storage: { readonly dir: string; readonly freeBytes: number | null; readonly writable: boolean | null };
}

/** Less than this free and Claude Code cannot take its refresh lock or save a renewed login. */
export const DISK_FULL_BYTES = 1024 * 1024;

/** What reading Claude Code's files takes: the part of a probe's input this folder needs. */
export interface ClaudeCodeReadInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** The system's name for the user (Claude Code's keychain account unless $USER says otherwise). */
  readonly user: () => string;
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
    return await ctx.platform.readClaudeCredentials(service, keychainAccount(ctx.env, ctx.user), timeout);
  } catch (error) {
    return { kind: 'error', reason: error instanceof Error ? error.message : String(error), evidence: {} };
  }
}

/** The login moved to an overflow item: read it and open it with the pointer's key. */
async function fromOverflow(ctx: ClaudeCodeReadInput, service: string, parsed: ParsedCredentials): Promise<ParsedCredentials | null> {
  if (!parsed.overflow || parsed.oauth) return null;
  const item = overflowService(service, parsed.overflow);
  const read = await readKeychain(ctx, item);
  const sections = read.kind === 'found' ? openOverflow(read.text, parsed.overflow) : null;
  if (!sections) {
    const problem: CredentialProblem = {
      code: 'keychain-overflow-unreadable',
      message: `The keychain item "${service}" points at "${item}" for the rest of the login, which ${read.kind === 'found' ? 'does not open with the stored key' : `could not be read (${read.kind})`}. Sign in again with \`claude auth login\`.`,
    };
    return { ...parsed, problems: [...parsed.problems, problem] };
  }
  if (sections['claudeAiOauth'] === undefined) return null;
  const inner = parseCredentials(JSON.stringify({ claudeAiOauth: sections['claudeAiOauth'] }), `the keychain item "${item}"`);
  return { ...inner, problems: [...parsed.problems, ...inner.problems], overflow: parsed.overflow, gateway: parsed.gateway };
}

async function consoleKey(ctx: ClaudeCodeReadInput, account: ClaudeAccount, needed: boolean): Promise<CredentialSnapshot['consoleKey']> {
  if (!needed) return null;
  if (ctx.platform.os === 'darwin') {
    const service = keychainServiceName(ctx.env, '');
    const read = await readKeychain(ctx, service);
    const key = read.kind === 'found' ? read.text.trim() : '';
    if (key) return { key: new Secret(key), where: `the macOS keychain item "${service}"` };
  }
  return account.primaryApiKey ? { key: account.primaryApiKey, where: `primaryApiKey in ${account.shown}` } : null;
}

async function storageState(ctx: ClaudeCodeReadInput): Promise<{ snapshot: CredentialSnapshot['storage']; problems: CredentialProblem[] }> {
  const dir = storageDir(ctx.env, ctx.homeDir);
  const shown = displayPath(dir, ctx.homeDir) || 'the working directory';
  const problems: CredentialProblem[] = [];
  if (configDirEmpty(ctx.env) && ctx.env['CLAUDE_SECURESTORAGE_CONFIG_DIR'] === undefined) {
    problems.push({
      code: 'config-dir-empty',
      message:
        'CLAUDE_CONFIG_DIR is set but empty: Claude Code then keeps its login in ./.credentials.json of whatever directory it starts in, and /login refuses ("CLAUDE_CONFIG_DIR is set but empty. Unset it or set it to a folder you can write to"). Unset it, or set it to an absolute path.',
    });
  }
  const space = dir === '' ? null : await ctx.fs.space(dir);
  if (space && space.freeBytes < DISK_FULL_BYTES) {
    problems.push({
      code: 'disk-full',
      message: `The disk that holds ${shown} is full (${formatBytes(space.freeBytes)} free): Claude Code cannot take its refresh lock or save a renewed login, and a refresh the server already made is then lost. Free some space on that disk; signing in again won't help.`,
    });
  } else if (space && !space.writable) {
    problems.push({
      code: 'config-unwritable',
      message: `You cannot write to ${shown}: Claude Code cannot take its refresh lock or save a renewed login there. Fix its owner or permissions (\`ls -ld ${dir}\`).`,
    });
  }
  return { snapshot: { dir, freeBytes: space?.freeBytes ?? null, writable: space?.writable ?? null }, problems };
}

async function readSnapshot(ctx: ClaudeCodeReadInput): Promise<CredentialSnapshot> {
  const service = keychainServiceName(ctx.env);
  const path = credentialsFilePath(ctx.env, ctx.homeDir);
  const shown = displayPath(path, ctx.homeDir);
  const accountPath = claudeJsonPath(ctx.env, ctx.homeDir);
  const [keychain, account, storage] = await Promise.all([
    readKeychain(ctx, service),
    readClaudeAccount(ctx.fs, accountPath, displayPath(accountPath, ctx.homeDir)),
    storageState(ctx),
  ]);
  const base = {
    service,
    keychainAccount: keychainAccount(ctx.env, ctx.user),
    keychain: keychain.kind === 'not-applicable' ? ('n/a' as const) : keychain.kind,
    account,
    storage: storage.snapshot,
  };
  const finish = async (
    rest: Pick<CredentialSnapshot, 'source' | 'file' | 'oauth' | 'problems'> & { fromOverflow?: boolean; gateway?: boolean },
  ): Promise<CredentialSnapshot> => {
    const usable = Boolean(rest.oauth?.accessToken) && (rest.oauth?.scopes.includes('user:inference') ?? false);
    return {
      ...base,
      ...rest,
      fromOverflow: rest.fromOverflow ?? false,
      gateway: rest.gateway ?? false,
      consoleKey: await consoleKey(ctx, account, !usable),
      problems: [...rest.problems, ...storage.problems],
    };
  };

  const parsedItem = keychain.kind === 'found' ? parseCredentials(keychain.text, `the macOS keychain item "${service}"`) : null;
  const overflow = parsedItem ? await fromOverflow(ctx, service, parsedItem) : null;
  const inKeychain = overflow ?? parsedItem;
  if (inKeychain?.oauth) {
    const file = { path, shown, state: 'not-read' as const, mode: null };
    return finish({
      source: 'keychain',
      file,
      oauth: inKeychain.oauth,
      problems: inKeychain.problems,
      fromOverflow: overflow?.oauth != null,
      gateway: inKeychain.gateway,
    });
  }

  const read = await ctx.fs.readText(path, CREDENTIALS_MAX_BYTES);
  const file = { path, shown, state: read.kind, mode: read.kind === 'ok' ? read.mode : null };
  const inFile = read.kind === 'ok' ? parseCredentials(read.text, shown) : null;
  const fileProblems = [...(inFile?.problems ?? []), ...fileStateProblems(read, shown, ctx.platform.os === 'win32')];
  const gateway = Boolean(inKeychain?.gateway || inFile?.gateway);

  if (inFile?.oauth) return finish({ source: 'file', file, oauth: inFile.oauth, problems: fileProblems, gateway });
  if (inKeychain) return finish({ source: 'keychain', file, oauth: null, problems: [...inKeychain.problems, ...fileProblems], gateway });
  if (read.kind === 'missing' && ctx.platform.os === 'win32' && ctx.env['CLAUDE_CODE_FORCE_WINDOWS_CREDMAN'] === '1') {
    const problem: CredentialProblem = {
      code: 'credman',
      message: `CLAUDE_CODE_FORCE_WINDOWS_CREDMAN=1: Claude Code keeps its login in Windows Credential Manager (service "${service}", user claude-code-user), which the doctor does not read; ${shown} is only its fallback.`,
    };
    return finish({ source: 'credential-manager', file, oauth: null, problems: [problem] });
  }
  const problems = [...keychainProblems(keychain, service), ...fileProblems];
  return finish({ source: read.kind === 'missing' ? 'none' : 'file', file, oauth: null, problems, gateway });
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
