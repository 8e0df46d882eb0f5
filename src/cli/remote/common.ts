import { homedir } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { hostList, type HostList } from '../../core/remote/hosts.js';
import { appConfigDir } from '../../core/platform/app-dirs.js';
import { resolveOs } from '../../core/io/os.js';
import { UsageError } from '../usage.js';

/** The host list the tray reads too: the app's config dir. */
export function cliHostList(): HostList {
  return hostList(appConfigDir(process.env, resolveOs(process.platform), homedir()));
}

export function parseRemoteArgs(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, allowPositionals: true, options });
    return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
