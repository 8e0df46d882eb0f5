/**
 * The remote host list: what ssh may be handed (nothing it could read as an option, nothing a shell
 * or ssh_config would expand), and the shared file (0600, atomic, a hand-edited bad entry named).
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRemoteName, remoteDestinationProblem, remoteNameProblem } from '../../../src/shared/remote.js';
import { HOSTS_FILE, hostList, HostListError } from '../../../src/core/remote/hosts.js';

describe('ssh destinations', () => {
  const accepted = [
    'vps-1',
    'deploy@vps-1.example.com',
    'me@10.0.0.7',
    'ssh://me@host:2222',
    'ssh://[::1]:22',
    'ssh://root@[fe80::1]',
    'build_box',
  ];
  for (const destination of accepted) test(`accepts ${destination}`, () => assert.equal(remoteDestinationProblem(destination), null));

  const refused: [string, RegExp][] = [
    ['-oProxyCommand=touch /tmp/pwned', /starts with "-"/],
    ['-p', /starts with "-"/],
    ['me@-oProxyCommand=x', /starts with "-"|characters/],
    ['host name', /characters/],
    ['host\tname', /characters/],
    ['host\nname', /characters/],
    ['host\u0000', /characters/],
    ['me@host%h', /characters/],
    ["me'@host", /user name/],
    ['me@host;reboot', /characters/],
    ['$(id)@host', /user name/],
    ['', /empty/],
    ['ssh://me@host:99999', /port/],
    ['x'.repeat(301), /longer/],
  ];
  for (const [destination, why] of refused)
    test(`refuses ${JSON.stringify(destination.slice(0, 40))}`, () => {
      const problem = remoteDestinationProblem(destination);
      assert.ok(problem, 'refused');
      assert.match(problem, why);
      assert.ok(!/[\n\t]/.test(problem) && !problem.includes('\u0000'), 'the message prints no control characters');
    });

  test('names: the host part by default, and only safe characters', () => {
    assert.equal(defaultRemoteName('deploy@vps-1.example.com'), 'vps-1.example.com');
    assert.equal(defaultRemoteName('ssh://me@[::1]:2222'), '1');
    assert.equal(remoteNameProblem('vps-1'), null);
    assert.ok(remoteNameProblem('-x'));
    assert.ok(remoteNameProblem('a b'));
  });
});

describe('the host list file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cad-hosts-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('add, read, remove; written 0600 in a 0700 folder; names are unique', async () => {
    const config = join(dir, 'config');
    const list = hostList(config, () => Date.parse('2026-01-05T09:00:00Z'));
    assert.deepEqual(await list.read(), []);
    const added = await list.add('deploy@vps-1.example.com', 'vps-1');
    assert.deepEqual(added, { name: 'vps-1', destination: 'deploy@vps-1.example.com', addedAt: '2026-01-05T09:00:00.000Z' });
    await list.add('ssh://me@127.0.0.1:2222');
    assert.deepEqual(
      (await list.read()).map((h) => h.name),
      ['vps-1', '127.0.0.1'],
    );
    await assert.rejects(list.add('other@host', 'vps-1'), (e: Error) => e instanceof HostListError && /already listed/.test(e.message));
    await assert.rejects(list.add('-oProxyCommand=id'), HostListError);
    assert.equal((await stat(join(config, HOSTS_FILE))).mode & 0o777, 0o600);
    assert.equal((await stat(config)).mode & 0o777, 0o700);
    const removed = await list.remove('vps-1');
    assert.equal(removed.destination, 'deploy@vps-1.example.com');
    await assert.rejects(list.remove('vps-1'), /No host is named "vps-1". Listed: 127.0.0.1/);
    const saved = JSON.parse(await readFile(join(config, HOSTS_FILE), 'utf8')) as { schemaVersion: number; hosts: unknown[] };
    assert.equal(saved.schemaVersion, 1);
    assert.equal(saved.hosts.length, 1);
  });

  const broken: [string, string, RegExp][] = [
    ['not JSON', '{', /not valid JSON/],
    ['a newer schema', '{"schemaVersion":2,"hosts":[]}', /newer Claude Auth Doctor/],
    [
      'an option as destination',
      '{"schemaVersion":1,"hosts":[{"name":"a","destination":"-oProxyCommand=id","addedAt":"2026-01-01T00:00:00Z"}]}',
      /hosts\[0\]\.destination/,
    ],
    [
      'a name twice',
      '{"schemaVersion":1,"hosts":[{"name":"a","destination":"x","addedAt":"2026-01-01T00:00:00Z"},{"name":"a","destination":"y","addedAt":"2026-01-01T00:00:00Z"}]}',
      /listed twice/,
    ],
  ];
  for (const [what, text, why] of broken)
    test(`a hand-edited file with ${what} is named, never half used`, async () => {
      await writeFile(join(dir, HOSTS_FILE), text);
      await assert.rejects(
        hostList(dir).read(),
        (e: Error) => e instanceof HostListError && why.test(e.message) && e.message.includes(join(dir, HOSTS_FILE)),
      );
    });
});
