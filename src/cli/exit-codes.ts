import type { Overall } from '../shared/report.js';

export const EXIT = { ok: 0, warn: 1, fail: 2, usage: 3 } as const;

export function exitCodeFor(overall: Overall): number {
  switch (overall) {
    case 'ok':
      return EXIT.ok;
    case 'warn':
    case 'unknown':
      return EXIT.warn;
    case 'fail':
      return EXIT.fail;
  }
}
