import { resolve } from 'node:path';
import type { HealthReport } from '../../shared/report.js';
import { locateClaude } from '../claude-code/claude-bin.js';
import type { ProbeEnv } from '../probes/probe.js';
import {
  claudeJsonPath,
  configDir,
  credentialsFilePath,
  keychainAccount,
  keychainServiceName,
  settingsPath,
} from '../claude-code/paths.js';
import type { Os } from '../io/os.js';
import { cliArgv } from './cli-argv.js';
import { shellJoin } from './shell-quote.js';

export { cliArgv } from './cli-argv.js';
import type { FixTarget } from './types.js';

/** How to run this very CLI from a shell (Claude Code runs apiKeyHelper through one). */
export function defaultCliCommand(os: Os): string {
  return shellJoin(cliArgv(), os);
}

/** What a fix definition plans with: the report, this machine's paths and the `claude` a shell would run. */
export async function fixTarget(
  env: ProbeEnv,
  report: HealthReport,
  options: { readonly dataDir: string; readonly cliCommand?: string | undefined },
): Promise<FixTarget> {
  const os = report.context.os;
  const location = await locateClaude(env.env, env.fs, os).catch(() => null);
  const dir = configDir(env.env, env.homeDir);
  return {
    report,
    os,
    machine: report.context,
    env: env.env,
    homeDir: env.homeDir,
    // Claude Code's keychain account: $USER, else the system's name, mapped to claude-code-user when odd.
    user: keychainAccount(env.env, env.user),
    paths: {
      configDir: dir,
      credentialsFile: credentialsFilePath(env.env, env.homeDir),
      claudeJson: claudeJsonPath(env.env, env.homeDir),
      settings: settingsPath(env.env, env.homeDir),
      cacheDir: resolve(dir, 'cache'),
      keychainService: keychainServiceName(env.env),
    },
    claude: location?.kind === 'found' ? (location.binaries[0] ?? null) : null,
    cliCommand: options.cliCommand ?? defaultCliCommand(os),
    dataDir: options.dataDir,
    fs: env.fs,
    runner: env.runner,
    check: (id) => report.checks.find((c) => c.id === id),
  };
}
