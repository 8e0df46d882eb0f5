import type { SystemProxy } from './adapter.js';

/** A value in scutil's printout: a scalar, an `<array>` or a `<dictionary>`. */
export type ScutilValue = string | readonly ScutilValue[] | { readonly [key: string]: ScutilValue };

type Dict = Record<string, ScutilValue>;

const OPEN = /^(.+?)\s*:\s*<(array|dictionary)>\s*\{$/;
const ENTRY = /^(.+?)\s*:\s*(.*)$/;

/**
 * Parses the text `scutil --proxy` prints (`<dictionary> { Key : value … }`, nested `<array>`s
 * and `<dictionary>`s). Returns null when the text does not start with a dictionary.
 */
export function parseScutil(text: string): Dict | null {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines[0] !== '<dictionary> {') return null;
  const root: Dict = {};
  const stack: { node: Dict | ScutilValue[]; kind: 'array' | 'dictionary' }[] = [{ node: root, kind: 'dictionary' }];
  for (const line of lines.slice(1)) {
    const top = stack[stack.length - 1];
    if (!top) break;
    if (line === '}') {
      stack.pop();
      continue;
    }
    const open = OPEN.exec(line);
    if (open) {
      const child: Dict | ScutilValue[] = open[2] === 'array' ? [] : {};
      put(top, open[1] ?? '', child);
      stack.push({ node: child, kind: open[2] === 'array' ? 'array' : 'dictionary' });
      continue;
    }
    const entry = ENTRY.exec(line);
    if (entry) put(top, entry[1] ?? '', entry[2] ?? '');
  }
  return root;
}

function put(parent: { node: Dict | ScutilValue[]; kind: 'array' | 'dictionary' }, key: string, value: ScutilValue): void {
  if (Array.isArray(parent.node)) parent.node.push(value);
  else (parent.node as Dict)[key] = value;
}

function text(dict: Dict, key: string): string | null {
  const value = dict[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function enabled(dict: Dict, key: string): boolean {
  return text(dict, key) === '1';
}

/** `http://host:port`: macOS HTTP and HTTPS proxies are both plain-HTTP (CONNECT) proxies. */
function proxyUrl(dict: Dict, prefix: 'HTTP' | 'HTTPS'): string | null {
  if (!enabled(dict, `${prefix}Enable`)) return null;
  const host = text(dict, `${prefix}Proxy`);
  if (host === null) return null;
  const port = text(dict, `${prefix}Port`);
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return port !== null && /^\d+$/.test(port) ? `http://${bracketed}:${port}` : `http://${bracketed}`;
}

/**
 * The proxy settings macOS applies to the current network service, from `scutil --proxy`.
 * Unparseable text gives an empty result rather than an error: "no proxy we can see".
 */
export function parseScutilProxy(output: string, source = 'scutil --proxy'): SystemProxy {
  const dict = parseScutil(output) ?? {};
  const list = dict['ExceptionsList'];
  const exceptions = Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  const pacUrl = enabled(dict, 'ProxyAutoConfigEnable') ? text(dict, 'ProxyAutoConfigURLString') : null;
  return { https: proxyUrl(dict, 'HTTPS'), http: proxyUrl(dict, 'HTTP'), exceptions, pacUrl, source };
}
