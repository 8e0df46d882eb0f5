import { mergeShellEnv, readLoginShellEnv, userShell, type LoginShellEnv } from '../platform/login-shell-env.js';
import { shellStartupFiles } from '../platform/shell-startup-files.js';
import type { Os } from '../io/os.js';
import type { CommandRunner } from '../io/ports.js';
import type { ProbeEnv } from '../probes/probe.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the user's environment stands: still being read, or what the login shell said. */
export type UserEnvState = { readonly kind: 'resolving' } | LoginShellEnv;

export interface UserEnvironment {
  /**
   * The world the engine diagnoses in, always the latest: the process's environment until the
   * login shell answers, then the shell's on top. Read its fields at use, never keep them.
   */
  readonly probeEnv: ProbeEnv;
  state(): UserEnvState;
  /** Settles once the first resolution has finished, whatever its outcome. */
  ready(): Promise<void>;
  /**
   * Asks the login shell (again). A call while one is under way runs once more after it, so an rc
   * file edited meanwhile is read; the promise settles with the newest answer.
   */
  resolve(): Promise<LoginShellEnv>;
  /** The per-user files the login shell reads (to watch for edits). */
  startupFiles(): string[];
}

export interface UserEnvironmentDeps {
  /** The process's own environment: an app started from a launcher has a bare one. */
  readonly processEnv: Env;
  readonly os: Os;
  readonly runner: CommandRunner;
  /** The account's login shell (os.userInfo().shell), when $SHELL is unset. */
  readonly accountShell: string | null;
  readonly timeoutMs?: number;
  /** Builds the engine's world from an environment: createProbeEnv in the app, a loopback world in tests. */
  readonly build: (env: Env) => ProbeEnv;
  readonly onResolved?: (result: LoginShellEnv) => void;
}

/**
 * The user's login-shell environment for an app that did not start from a terminal, the way editors
 * resolve it: once at start, in the background (the tray shows "checking" meanwhile), and again on
 * demand (Check Now, an edited rc file). The process's own variables stay under the shell's, so
 * the app's own settings (its data dir override, the desktop session's bus) still count.
 */
export function createUserEnvironment(deps: UserEnvironmentDeps): UserEnvironment {
  let current = deps.build(deps.processEnv);
  let state: UserEnvState = { kind: 'resolving' };
  let running: Promise<LoginShellEnv> | null = null;
  let again: Promise<LoginShellEnv> | null = null;
  let markReady: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (markReady = resolve));

  const once = async (): Promise<LoginShellEnv> => {
    const result = await readLoginShellEnv(deps.runner, {
      env: deps.processEnv,
      os: deps.os,
      accountShell: deps.accountShell,
      ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
    });
    state = result;
    current = deps.build(mergeShellEnv(deps.processEnv, result));
    markReady();
    deps.onResolved?.(result);
    return result;
  };

  function resolve(): Promise<LoginShellEnv> {
    if (!running) {
      running = once().finally(() => (running = null));
      return running;
    }
    again ??= running.then(() => {
      again = null;
      return resolve();
    });
    return again;
  }

  const probeEnv: ProbeEnv = {
    get env() {
      return current.env;
    },
    get homeDir() {
      return current.homeDir;
    },
    get user() {
      return current.user;
    },
    get platform() {
      return current.platform;
    },
    get runner() {
      return current.runner;
    },
    get fs() {
      return current.fs;
    },
    get clock() {
      return current.clock;
    },
    get resolver() {
      return current.resolver;
    },
    get http() {
      return current.http;
    },
    get tls() {
      return current.tls;
    },
    get tcp() {
      return current.tcp;
    },
    get interfaces() {
      return current.interfaces;
    },
    get system() {
      return current.system;
    },
    get cwd() {
      return current.cwd;
    },
    // The app's own resolution already is what a new terminal gets: no second login shell per run.
    loginShellEnv: (timeoutMs) => (state.kind === 'resolving' ? current.loginShellEnv(timeoutMs) : Promise.resolve(state)),
  };

  return {
    probeEnv,
    state: () => state,
    ready: () => first,
    resolve,
    startupFiles: () => {
      const shell =
        state.kind === 'resolved' || state.kind === 'failed' ? state.shell : userShell(deps.processEnv, deps.os, deps.accountShell);
      return deps.os === 'win32' ? [] : shellStartupFiles(shell, current.env, current.homeDir);
    },
  };
}
