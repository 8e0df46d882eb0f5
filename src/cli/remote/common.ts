import { homedir } from 'node:os';
import { hostList, type HostList } from '../../core/remote/hosts.js';
import { appConfigDir } from '../../core/platform/app-dirs.js';
import { resolveOs } from '../../core/io/os.js';

/** The host list the tray reads too: the app's config dir. */
export function cliHostList(): HostList {
  return hostList(appConfigDir(process.env, resolveOs(process.platform), homedir()));
}
