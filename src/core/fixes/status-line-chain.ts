/**
 * Claude Code's `statusLine` setting ({"type":"command","command":…, "padding"?, "refreshInterval"?})
 * runs one command through a shell, with the session's JSON on stdin, and shows what it prints.
 * The doctor's status line takes the place of a command that was there by running it itself
 * (`statusline --chain b64:…`), so nothing the user had is lost; the old command rides along
 * base64url-encoded (shell-safe in any shell) and comes back exactly on uninstall.
 */

const OURS = /\sstatusline(?: --chain b64:([A-Za-z0-9_-]*))?$/;

/**
 * Where the status line hands NODE_EXTRA_CA_CERTS to the command it chains. Node 20 reads that
 * file, and its own CA list with it, at every start (as long again as a bare start), and the
 * doctor's line opens no connection: a POSIX shell runs it with the variable emptied, the value
 * saved here for the chained command, which may (statusline/show.ts puts it back).
 */
export const CA_HANDOFF = 'CLAUDE_AUTH_DOCTOR_EXTRA_CA_CERTS';
const EMPTIED = 'NODE_EXTRA_CA_CERTS= ';
const HANDED_ON = `${CA_HANDOFF}="$NODE_EXTRA_CA_CERTS" ${EMPTIED}`;
/** What statusLineCommand puts before the doctor, as it may read in settings.json. */
const PREFIX = new RegExp(`^(?:${HANDED_ON.replace(/[$]/g, '\\$&')}|${EMPTIED})`);

export function encodeChain(command: string): string {
  return `b64:${Buffer.from(command, 'utf8').toString('base64url')}`;
}

/** The chained command in a `--chain` value, or null when it is not one the doctor wrote. */
export function decodeChain(value: string): string | null {
  const match = /^b64:([A-Za-z0-9_-]*)$/.exec(value);
  if (!match) return null;
  const command = Buffer.from(match[1] ?? '', 'base64url').toString('utf8');
  return command.trim() === '' ? null : command;
}

/**
 * The status line command for `doctor` (how a shell runs this CLI), chaining `previous` when there
 * was one. `posix`: Claude Code runs it through a POSIX shell, which empties NODE_EXTRA_CA_CERTS
 * for it (CA_HANDOFF); elsewhere (cmd.exe) the command is the doctor's alone.
 */
export function statusLineCommand(doctor: string, previous: string | null, posix: boolean): string {
  if (!previous) return `${posix ? EMPTIED : ''}${doctor} statusline`;
  return `${posix ? HANDED_ON : ''}${doctor} statusline --chain ${encodeChain(previous)}`;
}

/**
 * Whether a statusLine command is the doctor's (it ends in ` statusline`, maybe with its chain,
 * and runs this tool), and the command it chains. Null when it is someone else's.
 */
export function ourStatusLine(command: string, doctor: string): { readonly previous: string | null } | null {
  const match = OURS.exec(command);
  if (!match) return null;
  const runner = command.slice(0, match.index).replace(PREFIX, '');
  if (runner !== doctor && !/claude-auth-doctor|[\\/]cli[\\/](?:main\.js|hot\.cjs)['"]?$/.test(runner)) return null;
  return { previous: match[1] === undefined ? null : decodeChain(`b64:${match[1]}`) };
}
