import type { CheckId, Evidence, FixId, ReportFacts, Status } from '../../shared/report.js';
import type { Endpoints } from '../network/endpoints.js';
import type { PlatformAdapter } from '../platform/adapter.js';
import type { LoginShellEnv } from '../platform/login-shell-env.js';
import type { Clock, CommandRunner, FileSystem, HttpClient, NetworkInterfaceInfo, Resolver, TcpProber, TlsProber } from '../io/ports.js';

/** Everything a probe may touch. Built once per run by the composition root or a test. */
export interface ProbeEnv {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** The system's name for the user, looked up on first call (a name service can be slow; most checks never ask). */
  readonly user: () => string;
  readonly platform: PlatformAdapter;
  readonly runner: CommandRunner;
  readonly fs: FileSystem;
  readonly clock: Clock;
  readonly resolver: Resolver;
  readonly http: HttpClient;
  readonly tls: TlsProber;
  readonly tcp: TcpProber;
  readonly interfaces: () => readonly NetworkInterfaceInfo[];
  /** What the report's context says about the machine (never read from `process` by a probe). */
  readonly system: { readonly osRelease: string; readonly arch: string; readonly nodeVersion: string };
  /** The project Claude Code would start in (the CLI's working directory), for project settings; absent in the tray app. */
  readonly cwd?: string;
  /**
   * The environment a fresh login shell of the user gets (starts `$SHELL -i -l` once, bounded): what
   * Claude Code started from a new terminal sees. Each call reads afresh; probes memoise per run.
   */
  loginShellEnv(timeoutMs: number): Promise<LoginShellEnv>;
}

export interface ProbeOptions {
  /** No network probes: local facts only (network/service checks report 'skip'). */
  readonly offline: boolean;
  /** Budget for one probe; the engine enforces it and each probe sizes its own calls to fit. */
  readonly timeoutMs: number;
  /**
   * Leave out the online token check (right after wake, until the network is back): the token is
   * judged from its stored expiry alone. The monitor sets it.
   */
  readonly tokenOnline?: boolean;
  /** Validators from the status page's last answer (the monitor's conditional poll); absent for one-off checks. */
  readonly statusValidators?: { readonly etag: string | null; readonly lastModified: string | null } | null;
}

/** Work several probes need, done once per run (credentials read, endpoints parsed). */
export interface SharedFacts {
  readonly endpoints: Endpoints;
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface ProbeInput extends ProbeEnv, SharedFacts {
  readonly options: ProbeOptions;
  /** Aborted when the probe's budget runs out; pass to anything that can stop early. */
  readonly signal: AbortSignal;
  /** When the engine gives up on this probe, in `monotonicMs()` time; calls size their timeouts from it (`callTimeoutMs`). */
  readonly deadlineMs: number;
}

/** What a probe decides; the engine adds id, title and timing. */
export interface CheckOutcome {
  readonly status: Status;
  readonly summary: string;
  readonly cause?: string | null;
  readonly fixes?: readonly FixId[];
  readonly evidence?: Evidence;
  /** Typed facts for other modules (this check's own keys of ReportFacts). */
  readonly facts?: ReportFacts;
}

export interface Probe {
  readonly id: CheckId;
  readonly title: string;
  /**
   * What the check touches, in plain words ("reads …", "one GET … with the current token"). No check
   * refreshes a token, writes Claude Code's files or runs a `claude` sub-command that can.
   */
  readonly touches: string;
  /**
   * What `--offline` does to it: 'skip' for a probe that is nothing without the network; 'run'
   * for one that decides from local facts and leaves out only its online part (the token check).
   */
  readonly offline: 'skip' | 'run';
  run(ctx: ProbeInput): Promise<CheckOutcome>;
}
