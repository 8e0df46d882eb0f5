import { HostListError } from '../../core/remote/hosts.js';
import { cliHostList } from '../remote/common.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { parseCommandArgs, UsageError } from '../usage.js';

const ACTIONS = ['add', 'list', 'remove', 'check', 'login'] as const;

async function add(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({ args, allowPositionals: true, options: { name: { type: 'string' } } });
  if (positionals.length !== 1)
    throw new UsageError('remote add takes one ssh destination: user@host, a Host alias of ~/.ssh/config, or an ssh:// URL with a port.');
  const host = await cliHostList().add(positionals[0] ?? '', typeof values['name'] === 'string' ? values['name'] : undefined);
  await writeOut(`Added ${host.name} (${host.destination}). Check it with: claude-auth-doctor remote check ${host.name}\n`);
  return EXIT.ok;
}

async function list(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  if (positionals.length > 0) throw new UsageError('remote list takes no names.');
  const hosts = await cliHostList().read();
  if (values['json'] === true) {
    await writeOut(`${JSON.stringify({ schemaVersion: 1, hosts }, null, 2)}\n`);
  } else if (hosts.length === 0) {
    await writeOut('No remote hosts yet. Add one with: claude-auth-doctor remote add user@host [--name NAME]\n');
  } else {
    const width = Math.max(...hosts.map((h) => h.name.length));
    await writeOut(hosts.map((h) => `${h.name.padEnd(width)}  ${h.destination}\n`).join(''));
  }
  return EXIT.ok;
}

async function remove(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('remote remove takes one host name (see: claude-auth-doctor remote list).');
  const host = await cliHostList().remove(positionals[0] ?? '');
  await writeOut(`Removed ${host.name} (${host.destination}) from the list; nothing on the host was touched.\n`);
  return EXIT.ok;
}

export async function runRemote(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  try {
    switch (action) {
      case 'add':
        return await add(rest);
      case 'list':
        return await list(rest);
      case 'remove':
        return await remove(rest);
      case 'check':
        return await (await import('../remote/check.js')).runRemoteCheck(rest);
      case 'login':
        return await (await import('../remote/login.js')).runRemoteLogin(rest);
      default:
        throw new UsageError(`remote takes one of ${ACTIONS.join(', ')} (got "${action ?? ''}").`);
    }
  } catch (error) {
    if (error instanceof HostListError) throw new UsageError(error.message);
    throw error;
  }
}
