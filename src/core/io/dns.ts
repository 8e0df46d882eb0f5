import { promises as dns } from 'node:dns';
import net from 'node:net';
import type { LookupResult, Resolver } from './ports.js';
import { classifyNetError } from './net-failure.js';

/**
 * Name resolution the way Node connects (getaddrinfo, so /etc/hosts and the OS resolver count),
 * bounded by a timeout. A literal IP needs no lookup.
 */
export function createResolver(): Resolver {
  return {
    async lookup(host: string, timeoutMs: number): Promise<LookupResult> {
      const bare = host.replace(/^\[(.*)\]$/, '$1');
      if (net.isIP(bare)) return { kind: 'ok', addresses: [bare] };
      if (bare.trim() === '') return { kind: 'error', code: 'EINVAL', message: 'empty host name' };
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<LookupResult>((resolve) => {
        timer = setTimeout(
          () => resolve({ kind: 'error', code: 'ETIMEOUT', message: `no DNS answer for ${bare} within ${timeoutMs} ms` }),
          Math.max(1, timeoutMs),
        );
      });
      const lookup = dns.lookup(bare, { all: true, verbatim: true }).then(
        (entries): LookupResult =>
          entries.length > 0
            ? { kind: 'ok', addresses: [...new Set(entries.map((entry) => entry.address))] }
            : { kind: 'error', code: 'ENOTFOUND', message: `${bare} has no addresses` },
        (error: unknown): LookupResult => {
          const { code, message } = classifyNetError(error);
          return { kind: 'error', code, message };
        },
      );
      try {
        return await Promise.race([lookup, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Node cannot abandon a getaddrinfo call, and a process cannot exit while one runs: with a DNS
 * server that never answers, glibc's defaults (5 s × 2 attempts per query) kept a finished check
 * alive for ~10 s. Before the first lookup, bound the system resolver to the check's budget
 * (glibc reads RES_OPTIONS when it first initialises). A user's own RES_OPTIONS wins; other libcs
 * ignore the variable.
 */
export function boundSystemResolver(env: NodeJS.ProcessEnv, budgetMs: number): void {
  if (env['RES_OPTIONS'] !== undefined) return;
  const seconds = Math.max(1, Math.floor((budgetMs - 500) / 1000));
  env['RES_OPTIONS'] = `timeout:${seconds} attempts:1`;
}
