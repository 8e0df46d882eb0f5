import type { CheckId, HealthReport } from '../../shared/report.js';
import { authCredentialsProbe } from '../probes/auth-credentials.js';
import { authMethodProbe } from '../probes/auth-method.js';
import { authTokenProbe } from '../probes/auth-token.js';
import { keychainProbe } from '../probes/keychain.js';
import { createLocalProbeEnv } from '../probes/local-env.js';
import type { Probe, ProbeEnv } from '../probes/probe.js';
import { sessionContextProbe } from '../probes/session-context.js';
import { diagnoseWith } from './diagnose-with.js';

/**
 * The checks that need neither the network nor a run of `claude`: what Claude Code will send, the
 * stored login and its deadline, the token's stored expiry, the keychain, the session. What the
 * shell hook, `statusline` and a `status` without a fresh snapshot run; a few files and at most a
 * `security` call, so they fit in a shell's start-up.
 */
export const LOCAL_PROBES: readonly Probe[] = [authMethodProbe, authCredentialsProbe, authTokenProbe, keychainProbe, sessionContextProbe];

export const LOCAL_CHECK_IDS: readonly CheckId[] = LOCAL_PROBES.map((p) => p.id);

export interface LocalCheckOptions {
  readonly version: string;
  /** Each probe's budget. */
  readonly timeoutMs: number;
  /** A subset of LOCAL_CHECK_IDS; all of them when absent. */
  readonly only?: readonly CheckId[];
  /** The local world by default; tests hand in their own. */
  readonly probeEnv?: ProbeEnv;
}

/** The local checks as a report (its context says offline: nothing was asked of the network). */
export function localDiagnosis(options: LocalCheckOptions): Promise<HealthReport> {
  return diagnoseWith(LOCAL_PROBES, options.probeEnv ?? createLocalProbeEnv(), {
    offline: true,
    timeoutMs: options.timeoutMs,
    only: options.only,
    version: options.version,
  });
}
