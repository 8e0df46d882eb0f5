import type { Status } from '../shared/report.js';

export interface Paint {
  status(status: Status, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const CODES: Record<Status, string> = { ok: '32', warn: '33', fail: '31', unknown: '90', skip: '90' };

/** Colour only on a TTY and never with NO_COLOR (https://no-color.org) or --no-color. */
export function wantsColor(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>, flag: boolean): boolean {
  if (!flag) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

export function makePaint(color: boolean): Paint {
  const wrap = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    status: (status, text) => wrap(CODES[status], text),
    dim: (text) => wrap('2', text),
    bold: (text) => wrap('1', text),
  };
}
