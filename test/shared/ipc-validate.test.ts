import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedExternalUrl } from '../../src/shared/external-links.js';
import { HOST_CHANNELS, IPC_CHANNELS, SERVICE_CHANNELS, isServiceChannel, isSettingsChannel } from '../../src/shared/ipc.js';
import { MAX_EXPLAIN_CHARS, validateRequest } from '../../src/shared/ipc-validate.js';

describe('validateRequest', () => {
  const good: [Parameters<typeof validateRequest>[0], unknown[]][] = [
    ['report:get', []],
    ['report:run-check', []],
    ['history:get', []],
    ['explain:text', ['OAuth token has expired']],
    ['explain:text', ['x'.repeat(MAX_EXPLAIN_CHARS)]],
    ['fix:start', ['reauthenticate']],
    ['fix:run-step', ['0b6a1f3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b', 3]],
    ['fix:undo', ['20251120-140512-reauthenticate-9f3a']],
    ['link:open', ['https://status.claude.com/incidents/abc']],
    ['settings:get', []],
    ['settings:set', [{}]],
    ['settings:set', [{ theme: 'dark' }]],
    ['settings:set', [{ notifications: { incidents: true } }]],
    ['settings:set', [{ checkIntervalMinutes: 1 }]],
    ['settings:set', [{ checkIntervalMinutes: 1440, statusPolling: { enabled: false, intervalMinutes: 60 }, launchAtLogin: true }]],
  ];
  for (const [channel, args] of good) {
    test(`accepts ${channel} ${JSON.stringify(args).slice(0, 50)}`, () => {
      const result = validateRequest(channel, args);
      assert.equal(result.ok, true);
      if (result.ok) assert.deepEqual(result.args, args);
    });
  }

  const bad: [Parameters<typeof validateRequest>[0], unknown][] = [
    ['report:get', ['extra']],
    ['report:get', 'not an array'],
    ['report:get', null],
    ['explain:text', []],
    ['explain:text', [{ text: 'x' }]],
    ['explain:text', ['x'.repeat(MAX_EXPLAIN_CHARS + 1)]],
    ['fix:start', ['not-a-fix']],
    ['fix:start', ['toString']],
    ['fix:start', ['reauthenticate', 'extra']],
    ['fix:run-step', ['s1']],
    ['fix:run-step', ['s1', -1]],
    ['fix:run-step', ['s1', 1.5]],
    ['fix:run-step', ['s1', 100]],
    ['fix:run-step', ['s1', '0']],
    ['fix:run-step', ['../../etc/passwd', 0]],
    ['fix:run-step', ['x'.repeat(65), 0]],
    ['fix:undo', ['..']],
    ['fix:undo', ['a/../../b']],
    ['fix:undo', ['a..b']],
    ['fix:undo', ['.hidden']],
    ['fix:undo', ['']],
    ['fix:undo', [42]],
    ['link:open', ['https://evil.example/']],
    ['link:open', ['javascript:alert(1)']],
    ['settings:get', ['extra']],
    ['settings:set', []],
    ['settings:set', [null]],
    ['settings:set', ['{"theme":"dark"}']],
    ['settings:set', [[{ theme: 'dark' }]]],
    ['settings:set', [{ theme: 'dark' }, 'extra']],
    ['settings:set', [{ checkIntervalMinutes: 0 }]],
    ['settings:set', [{ checkIntervalMinutes: 1441 }]],
    ['settings:set', [{ checkIntervalMinutes: 2.5 }]],
    ['settings:set', [{ checkIntervalMinutes: '15' }]],
    ['settings:set', [{ statusPolling: { intervalMinutes: 0 } }]],
    ['settings:set', [{ statusPolling: { enabled: 'yes' } }]],
    ['settings:set', [{ notifications: { incidents: 1 } }]],
    ['settings:set', [{ notifications: { sound: true } }]],
    ['settings:set', [{ notifications: true }]],
    ['settings:set', [{ theme: 'auto' }]],
    ['settings:set', [{ launchAtLogin: null }]],
    ['settings:set', [{ autoUpdate: true }]],
    ['settings:set', [JSON.parse('{"__proto__":{"theme":"dark"}}')]],
    ['settings:set', [Object.assign(Object.create({ inherited: true }), { theme: 'dark' })]],
  ];
  for (const [channel, args] of bad) {
    test(`refuses ${channel} ${JSON.stringify(args)?.slice(0, 50)}`, () => {
      const result = validateRequest(channel, args);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, new RegExp(`^${channel}: `));
    });
  }
});

describe('settings:set errors', () => {
  test('say which setting and why, in the validator’s words', () => {
    const result = validateRequest('settings:set', [{ checkIntervalMinutes: 0, notifications: { sound: true } }]);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.error, /^settings:set: checkIntervalMinutes must be a whole number from 1 to 1440, not 0\. /);
    assert.match(
      result.error,
      /"notifications\.sound" is not a setting; known keys of notifications: keychainOnWake, failures, incidents, expiringToken\./,
    );
  });
});

describe('channels', () => {
  test('the engine serves every channel but the host’s own: links and settings', () => {
    assert.deepEqual([...HOST_CHANNELS].sort(), ['link:open', 'servers:check', 'servers:get', 'settings:get', 'settings:set']);
    assert.deepEqual([...SERVICE_CHANNELS].sort(), IPC_CHANNELS.filter((c) => !(HOST_CHANNELS as readonly string[]).includes(c)).sort());
    assert.equal(SERVICE_CHANNELS.length + HOST_CHANNELS.length, IPC_CHANNELS.length);
    assert.equal(isServiceChannel('link:open'), false);
    assert.equal(isServiceChannel('settings:set'), false);
    assert.equal(isServiceChannel('__proto__'), false);
    assert.equal(isServiceChannel('fix:start'), true);
    assert.equal(isSettingsChannel('settings:get'), true);
    assert.equal(isSettingsChannel('settings:set'), true);
    assert.equal(isSettingsChannel('link:open'), false);
    assert.equal(isSettingsChannel('settings:delete'), false);
  });
});

describe('isAllowedExternalUrl', () => {
  const allowed = [
    'https://status.claude.com',
    'https://status.claude.com/incidents/q4n8r1tv',
    'https://support.claude.com/en/articles/123?x=1#top',
    'https://docs.claude.com/en/docs/claude-code/corporate-proxy',
    'https://claude.ai/settings',
  ];
  const refused = [
    'http://status.claude.com',
    'https://status.claude.com.evil.example/',
    'https://evil.example/#https://claude.ai',
    'https://user:pw@claude.ai/',
    'https://claude.ai@evil.example/',
    'https://claude.ai:8443/',
    'https://claude.ai\\@evil.example',
    'https://CLAUDE.AI.evil.example',
    'https://claude.ai/ path',
    'javascript:alert(1)',
    'file:///etc/passwd',
    `https://claude.ai/${'a'.repeat(2100)}`,
  ];
  for (const url of allowed) test(`allows ${url}`, () => assert.equal(isAllowedExternalUrl(url), true));
  for (const url of refused) test(`refuses ${url.slice(0, 60)}`, () => assert.equal(isAllowedExternalUrl(url), false));
  test('refuses non-strings', () => {
    assert.equal(isAllowedExternalUrl(null), false);
    assert.equal(isAllowedExternalUrl({ href: 'https://claude.ai' }), false);
  });
});
