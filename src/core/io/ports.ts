/**
 * The engine's view of the world. Every OS call a probe makes goes through one of these,
 * so probes run against real local things in tests and never touch globals directly.
 */

export interface CommandResult {
  /** Exit code; null when the process was killed (timeout) or could not start. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  readonly spawnError: string | null;
}

export interface CommandOptions {
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  readonly cwd?: string;
  /** Cap on captured output per stream; more is cut, never an error. */
  readonly maxBytes?: number;
  /**
   * Start it as the leader of its own process group and, on timeout, kill the whole group: a login
   * shell's rc files may start background jobs that would otherwise outlive the timeout (POSIX only).
   */
  readonly killGroup?: boolean;
}

/** Runs a program with an argument vector (execFile; never a shell string). Never throws. */
export interface CommandRunner {
  run(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult>;
}

export type FileReadResult =
  | { readonly kind: 'ok'; readonly text: string; readonly mode: number; readonly size: number; readonly path: string }
  | { readonly kind: 'missing'; readonly path: string }
  | { readonly kind: 'dangling-link'; readonly path: string; readonly target: string }
  | { readonly kind: 'too-large'; readonly path: string; readonly size: number; readonly limit: number }
  | { readonly kind: 'not-a-file'; readonly path: string }
  | { readonly kind: 'unreadable'; readonly path: string; readonly code: string };

/** Read-only file access with a size cap: the engine never reads an unbounded file. */
export interface FileSystem {
  readText(path: string, maxBytes: number): Promise<FileReadResult>;
  exists(path: string): Promise<boolean>;
  /** Directory entries, [] when missing or unreadable. */
  list(path: string): Promise<string[]>;
  /**
   * The file system holding `path` (a directory that exists): free bytes for this user (statfs) and
   * whether this user may create files in it (access W_OK; nothing is written). Null when it cannot tell.
   */
  space(path: string): Promise<{ readonly freeBytes: number; readonly writable: boolean } | null>;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export type LookupResult =
  | { readonly kind: 'ok'; readonly addresses: readonly string[] }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

export interface Resolver {
  lookup(host: string, timeoutMs: number): Promise<LookupResult>;
}

/** How a network attempt ended when no HTTP response came back. */
export const NET_FAILURES = [
  'dns',
  'refused',
  'timeout',
  'reset',
  'tls-untrusted',
  'tls-hostname',
  'tls-expired',
  'tls-other',
  'proxy',
  'too-large',
  'aborted',
  'other',
] as const;
export type NetFailure = (typeof NET_FAILURES)[number];

export interface HttpRequest {
  readonly url: string;
  readonly method?: 'GET' | 'HEAD';
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Largest body accepted; a larger one ends as failure 'too-large'. */
  readonly maxBytes: number;
  /** Proxy URL to tunnel through, or null for a direct connection. */
  readonly proxy?: string | null;
}

export type HttpResult =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
      readonly elapsedMs: number;
    }
  | {
      readonly kind: 'failure';
      readonly failure: NetFailure;
      /** Low-level code (ECONNREFUSED, SELF_SIGNED_CERT_IN_CHAIN, UND_ERR_…) for evidence. */
      readonly code: string;
      readonly message: string;
      readonly elapsedMs: number;
    };

/** HTTP over undici with a hard timeout and a body size cap. Never throws. */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResult>;
}

export type TlsResult =
  | {
      readonly kind: 'ok';
      readonly protocol: string;
      readonly issuer: string;
      readonly subject: string;
      readonly validTo: string;
      readonly elapsedMs: number;
    }
  | {
      readonly kind: 'failure';
      readonly failure: NetFailure;
      readonly code: string;
      readonly message: string;
      /** Issuer of the presented leaf when the chain was rejected (who intercepted). */
      readonly issuer: string | null;
      readonly elapsedMs: number;
    };

/** A bare TLS handshake (no HTTP), with the trust store Node uses (incl. NODE_EXTRA_CA_CERTS). */
export interface TlsProber {
  handshake(host: string, port: number, timeoutMs: number, proxy: string | null): Promise<TlsResult>;
}

export type TcpResult =
  | { readonly kind: 'ok'; readonly elapsedMs: number }
  | { readonly kind: 'failure'; readonly failure: NetFailure; readonly code: string; readonly elapsedMs: number };

export interface TcpProber {
  connect(host: string, port: number, timeoutMs: number): Promise<TcpResult>;
}

export interface NetworkInterfaceInfo {
  readonly name: string;
  readonly addresses: readonly string[];
}
