import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckOutcome, Probe, ProbeEnv } from '../../../src/core/probes/probe.js';
import { runChecks } from '../../../src/core/probes/run-probes.js';
import type { CheckId } from '../../../src/shared/report.js';

const env = { env: {} } as unknown as ProbeEnv;

function probe(id: CheckId, run: Probe['run'], offline: Probe['offline'] = 'run'): Probe {
  return { id, title: id, touches: 'nothing (a test probe)', offline, run };
}
const ok = (summary: string): Promise<CheckOutcome> => Promise.resolve({ status: 'ok', summary });

describe('runChecks', () => {
  test('returns results in the stable check order whatever order they finish in', async () => {
    const slow = probe('auth.method', () => new Promise((r) => setTimeout(() => r({ status: 'ok', summary: 'slow' }), 30)));
    const fast = probe('session.context', () => ok('fast'));
    const results = await runChecks([fast, slow], env, { offline: false, timeoutMs: 1000 });
    assert.deepEqual(
      results.map((r) => r.id),
      ['auth.method', 'session.context'],
    );
  });

  test('a probe that never settles becomes unknown at its budget; the run stays bounded', async () => {
    const hang = probe('network.tls', () => new Promise<CheckOutcome>(() => undefined));
    const started = Date.now();
    const [result] = await runChecks([hang], env, { offline: false, timeoutMs: 150 });
    assert.equal(result?.status, 'unknown');
    assert.match(result?.summary ?? '', /150 ms/);
    assert.equal(result?.evidence['timedOut'], true);
    assert.ok(Date.now() - started < 2000);
  });

  test('the budget aborts the signal handed to the probe', async () => {
    let aborted = false;
    const p = probe('network.dns', (ctx) => {
      ctx.signal.addEventListener('abort', () => (aborted = true));
      return new Promise<CheckOutcome>(() => undefined);
    });
    await runChecks([p], env, { offline: false, timeoutMs: 50 });
    assert.equal(aborted, true);
  });

  test('a probe that asks for its signal only after its budget ran out gets it aborted', async () => {
    let late: AbortSignal | undefined;
    let asked!: () => void;
    const askedLate = new Promise<void>((resolve) => (asked = resolve));
    const p = probe('network.dns', (ctx) => {
      setTimeout(() => {
        late = ctx.signal;
        asked();
      }, 120);
      return new Promise<CheckOutcome>(() => undefined);
    });
    const [result] = await runChecks([p], env, { offline: false, timeoutMs: 30 });
    assert.equal(result?.status, 'unknown');
    await askedLate;
    assert.equal(late?.aborted, true);
    assert.match(String((late?.reason as Error | undefined)?.message), /budget exhausted/);
  });

  test('a throwing probe becomes unknown with a redacted cause, never a crash', async () => {
    const boom = probe('auth.token', () => Promise.reject(new Error('bad sk-ant-oat01-CANARY-abcdefghijklmnop')));
    const [result] = await runChecks([boom], env, { offline: false, timeoutMs: 1000 });
    assert.equal(result?.status, 'unknown');
    assert.match(result?.cause ?? '', /Internal error in auth\.token/);
    assert.doesNotMatch(JSON.stringify(result), /CANARY/);
  });

  test('offline turns network probes into skip without running them', async () => {
    let ran = false;
    const net = probe(
      'service.status',
      () => {
        ran = true;
        return ok('x');
      },
      'skip',
    );
    const [result] = await runChecks([net], env, { offline: true, timeoutMs: 1000 });
    assert.equal(result?.status, 'skip');
    assert.equal(ran, false);
  });

  test('--only keeps just the named checks', async () => {
    const results = await runChecks([probe('keychain', () => ok('k')), probe('cli.install', () => ok('c'))], env, {
      offline: false,
      timeoutMs: 1000,
      only: ['cli.install'],
    });
    assert.deepEqual(
      results.map((r) => r.id),
      ['cli.install'],
    );
  });

  test('probes run concurrently and share one memo per run', async () => {
    let computed = 0;
    const shared = (ctx: Parameters<Probe['run']>[0]) =>
      ctx.memo('x', async () => {
        computed += 1;
        await new Promise((r) => setTimeout(r, 100));
        return 1;
      });
    const started = Date.now();
    await runChecks(
      [
        probe('auth.method', async (ctx) => (await shared(ctx), { status: 'ok', summary: 'a' })),
        probe('auth.token', async (ctx) => (await shared(ctx), { status: 'ok', summary: 'b' })),
      ],
      env,
      { offline: false, timeoutMs: 1000 },
    );
    assert.equal(computed, 1);
    assert.ok(Date.now() - started < 190, 'two 100 ms probes sharing work finish in about 100 ms');
  });
});
