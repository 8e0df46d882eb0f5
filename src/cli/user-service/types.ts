import type { Os } from '../../core/io/os.js';
import type { CommandRunner, FileSystem } from '../../core/io/ports.js';
import type { ListenAddress } from '../../core/metrics/listen.js';

/**
 * `watch` as a user service: what the OS should start at login and keep running. Built once from
 * this process (node, this CLI, the flags) and rendered per OS into a systemd user unit, a launchd
 * agent or a Windows scheduled task.
 */
export interface WatchServiceSpec {
  readonly os: Os;
  /** node, this CLI's script, `watch` and its flags. */
  readonly argv: readonly string[];
  /** Non-secret variables the doctor reads, carried from this shell into the service. */
  readonly env: Readonly<Record<string, string>>;
  readonly homeDir: string;
  readonly dataDir: string;
  readonly user: string;
  /** The user's numeric id (launchd's gui/<uid> domain); null on Windows. */
  readonly uid: number | null;
  readonly metrics: ListenAddress | null;
  /** The process environment (XDG_CONFIG_HOME, APPDATA), for where files go. */
  readonly hostEnv: Readonly<Record<string, string | undefined>>;
}

/** A file the service needs, written through the fix engine's write-file action. */
export interface ServiceFile {
  readonly path: string;
  readonly content: string;
  readonly encoding: 'utf8' | 'utf16le-bom';
  readonly mode: number;
  readonly what: string;
}

/** A service-manager command: run through the fix engine when the manager is reachable, printed otherwise. */
export interface ServiceCommand {
  readonly title: string;
  readonly file: string;
  readonly args: readonly string[];
}

export interface ServiceState {
  /** Every file of the service is in place. */
  readonly installed: boolean;
  /** Whether the service manager can be asked (a systemd user manager, the GUI launchd domain). */
  readonly manager: { readonly reachable: true } | { readonly reachable: false; readonly why: string };
  /** Loaded, registered or enabled with the manager. */
  readonly loaded: boolean;
  /** Running now; null when the manager cannot be asked. */
  readonly running: boolean | null;
  /** Details for `service status`, one line each. */
  readonly details: readonly string[];
  /** Advice (lingering off, …). */
  readonly hints: readonly string[];
}

export interface ServicePorts {
  readonly runner: CommandRunner;
  readonly fs: FileSystem;
}

/** One OS's service manager. */
export interface ServiceBackend {
  /** "systemd user unit", "launchd agent", "scheduled task". */
  readonly kind: string;
  files(spec: WatchServiceSpec): readonly ServiceFile[];
  state(spec: WatchServiceSpec, ports: ServicePorts): Promise<ServiceState>;
  /** After the files are written: load and start (restart when it was running). */
  installCommands(spec: WatchServiceSpec, state: ServiceState): readonly ServiceCommand[];
  /** Before the files are moved aside: stop and unload. */
  uninstallCommands(spec: WatchServiceSpec, state: ServiceState): readonly ServiceCommand[];
  /** Reload after the files are gone (systemd daemon-reload); empty when the manager needs none. */
  afterUninstall(spec: WatchServiceSpec, state: ServiceState): readonly ServiceCommand[];
}

export const COMMAND_TIMEOUT_MS = 15_000;
