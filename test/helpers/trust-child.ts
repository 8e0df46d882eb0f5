/**
 * Run in a child process by tests that need Node's real default trust store, e.g. with
 * NODE_EXTRA_CA_CERTS set at process start (the only moment Node reads it). Usage:
 *   trust-child <https-url>   → prints {"http": HttpResult, "tls": TlsResult} as JSON.
 * Without an argument (e.g. picked up by a test runner) it does nothing.
 */
import { createHttpClient } from '../../src/core/io/http.js';
import { createTlsProber } from '../../src/core/io/tls.js';

const target = process.argv[2];
if (target) {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const [http, tls] = await Promise.all([
    createHttpClient().request({ url: target, timeoutMs: 5000, maxBytes: 1024 * 1024 }),
    createTlsProber().handshake(host, Number(url.port) || 443, 5000, null),
  ]);
  process.stdout.write(JSON.stringify({ http, tls }));
}
