import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEndpoints } from '../../../src/core/network/endpoints.js';

describe('resolveEndpoints', () => {
  test('defaults', () => {
    const e = resolveEndpoints({});
    assert.equal(e.api.url, 'https://api.anthropic.com');
    assert.equal(e.api.port, 443);
    assert.equal(e.status.host, 'status.claude.com');
    assert.equal(e.auth.override, null);
  });

  test('overrides, with ports, IPv6 literals and trailing slashes', () => {
    const e = resolveEndpoints({
      ANTHROPIC_BASE_URL: 'https://127.0.0.1:8443/',
      CLAUDE_AUTH_DOCTOR_STATUS_URL: 'http://[::1]:9000/status/',
    });
    assert.equal(e.api.url, 'https://127.0.0.1:8443');
    assert.equal(e.api.port, 8443);
    assert.equal(e.api.override, 'ANTHROPIC_BASE_URL');
    assert.equal(e.status.host, '::1');
    assert.equal(e.status.url, 'http://[::1]:9000/status');
  });

  test('a malformed override is named with what to do, never thrown', () => {
    const e = resolveEndpoints({ ANTHROPIC_BASE_URL: 'api.anthropic.com' });
    assert.equal(e.api.url, null);
    assert.match(e.api.error ?? '', /ANTHROPIC_BASE_URL is not a valid URL.*unset it/);
    const f = resolveEndpoints({ ANTHROPIC_BASE_URL: 'ftp://x' });
    assert.match(f.api.error ?? '', /must start with https/);
  });
});

describe('a malformed override with a password in it', () => {
  test('is named without the password', () => {
    const e = resolveEndpoints({ ANTHROPIC_BASE_URL: 'https://user:CANARYpw@127.0.0.1:99999' });
    assert.match(e.api.error ?? '', /ANTHROPIC_BASE_URL is not a valid URL/);
    assert.doesNotMatch(e.api.error ?? '', /CANARY/);
  });
});
