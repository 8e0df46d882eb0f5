import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { defaultRemoteName, remoteDestinationProblem, remoteNameProblem, type RemoteHost } from '../../shared/remote.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readRegularFile } from '../io/safe-file.js';

/**
 * The remote host list: one JSON file in the app's config dir that the CLI and the tray share.
 * Versioned (`schemaVersion`), validated whole on every read (a hand-edited file with one bad entry
 * is named, never half used), written atomically 0600. It holds names and ssh destinations only.
 */
export const HOSTS_FILE = 'remote-hosts.json';
export const HOSTS_SCHEMA_VERSION = 1;
export const MAX_HOSTS = 64;
const MAX_BYTES = 256 * 1024;

/** A problem with the host list a user can act on (exit 3 in the CLI, a line in the tray). */
export class HostListError extends Error {}

export interface HostList {
  readonly path: string;
  read(): Promise<RemoteHost[]>;
  add(destination: string, name?: string): Promise<RemoteHost>;
  remove(name: string): Promise<RemoteHost>;
}

function parseHosts(text: string, path: string): RemoteHost[] {
  const bad = (why: string): HostListError =>
    new HostListError(`${path} cannot be used: ${why}. Fix it by hand, or move it aside and add the hosts again.`);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw bad(`it is not valid JSON (${(error as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw bad('it is not a JSON object');
  const record = data as Record<string, unknown>;
  const version = record['schemaVersion'];
  if (typeof version === 'number' && version > HOSTS_SCHEMA_VERSION)
    throw new HostListError(
      `${path} was written by a newer Claude Auth Doctor (schema ${version}; this one reads ${HOSTS_SCHEMA_VERSION}). Update this copy.`,
    );
  if (version !== HOSTS_SCHEMA_VERSION) throw bad(`"schemaVersion" is not ${HOSTS_SCHEMA_VERSION}`);
  const list = record['hosts'];
  if (!Array.isArray(list)) throw bad('"hosts" is not a list');
  if (list.length > MAX_HOSTS) throw bad(`it lists ${list.length} hosts; at most ${MAX_HOSTS}`);
  const hosts: RemoteHost[] = [];
  list.forEach((entry: unknown, i) => {
    if (!entry || typeof entry !== 'object') throw bad(`hosts[${i}] is not an object`);
    const { name, destination, addedAt } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || remoteNameProblem(name) !== null) throw bad(`hosts[${i}].name: ${remoteNameProblem(String(name))}`);
    if (typeof destination !== 'string' || remoteDestinationProblem(destination) !== null)
      throw bad(`hosts[${i}].destination: ${remoteDestinationProblem(String(destination))}`);
    if (typeof addedAt !== 'string' || !Number.isFinite(Date.parse(addedAt))) throw bad(`hosts[${i}].addedAt is not a date`);
    if (hosts.some((h) => h.name === name)) throw bad(`the name "${name}" is listed twice`);
    hosts.push({ name, destination, addedAt });
  });
  return hosts;
}

/** The host list in `configDir` (created 0700 on the first write). */
export function hostList(configDir: string, now: () => number = Date.now): HostList {
  const path = join(configDir, HOSTS_FILE);

  async function read(): Promise<RemoteHost[]> {
    let bytes: Buffer;
    try {
      bytes = (await readRegularFile(fsp, path, { maxBytes: MAX_BYTES })).bytes;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new HostListError(`${path} cannot be read: ${(error as Error).message}.`);
    }
    return parseHosts(bytes.toString('utf8'), path);
  }

  async function write(hosts: readonly RemoteHost[]): Promise<void> {
    await fsp.mkdir(configDir, { recursive: true, mode: 0o700 });
    const text = `${JSON.stringify({ schemaVersion: HOSTS_SCHEMA_VERSION, hosts }, null, 2)}\n`;
    await writeFileAtomic(path, text, { mode: 0o600 });
  }

  return {
    path,
    read,
    async add(destination, name) {
      const problem = remoteDestinationProblem(destination);
      if (problem) throw new HostListError(problem);
      const chosen = name ?? defaultRemoteName(destination);
      const nameProblem = remoteNameProblem(chosen);
      if (nameProblem) throw new HostListError(nameProblem);
      const hosts = await read();
      const same = hosts.find((h) => h.name === chosen);
      if (same)
        throw new HostListError(
          `A host named "${chosen}" is already listed (${same.destination}). Pick another with --name, or remove it first.`,
        );
      if (hosts.length >= MAX_HOSTS) throw new HostListError(`The list already holds ${MAX_HOSTS} hosts, the most it keeps.`);
      const host: RemoteHost = { name: chosen, destination, addedAt: new Date(now()).toISOString() };
      await write([...hosts, host]);
      return host;
    },
    async remove(name) {
      const hosts = await read();
      const host = hosts.find((h) => h.name === name);
      if (!host) {
        const known = hosts.map((h) => h.name).join(', ');
        throw new HostListError(`No host is named "${name}". ${known ? `Listed: ${known}.` : 'The list is empty.'}`);
      }
      await write(hosts.filter((h) => h !== host));
      return host;
    },
  };
}
