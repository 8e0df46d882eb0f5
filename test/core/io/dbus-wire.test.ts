import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSignature } from '../../../src/core/io/dbus-wire.js';
import { decodeMessage, encodeCall, messageLength } from '../../../src/core/io/dbus-message.js';
import { socketPath } from '../../../src/core/io/dbus.js';

test('splitSignature splits complete types', () => {
  assert.deepEqual(splitSignature('aoo'), ['ao', 'o']);
  assert.deepEqual(splitSignature('a(yv)sa{sv}b'), ['a(yv)', 's', 'a{sv}', 'b']);
});

test('a method call encodes to a message that decodes back, padded to 8', () => {
  const buf = encodeCall(7, {
    destination: 'org.freedesktop.secrets',
    path: '/org/freedesktop/secrets',
    interface: 'org.freedesktop.Secret.Service',
    member: 'Unlock',
    signature: 'ao',
    body: [['/org/freedesktop/secrets/aliases/default', '/x']],
  });
  assert.equal(messageLength(buf), buf.length);
  assert.equal(messageLength(buf.subarray(0, buf.length - 1)), null);
  const message = decodeMessage(buf);
  assert.deepEqual(
    { type: message.type, serial: message.serial, path: message.path, member: message.member, body: message.body },
    { type: 1, serial: 7, path: '/org/freedesktop/secrets', member: 'Unlock', body: [['/org/freedesktop/secrets/aliases/default', '/x']] },
  );
});

test('socketPath reads unix path and abstract addresses', () => {
  assert.equal(socketPath('unix:path=/run/user/1000/bus'), '/run/user/1000/bus');
  assert.equal(socketPath('unix:abstract=/tmp/dbus-abc,guid=0123'), '\0/tmp/dbus-abc');
  assert.equal(socketPath('tcp:host=localhost,port=1'), null);
});
