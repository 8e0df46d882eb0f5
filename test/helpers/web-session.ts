import http from 'node:http';
import type { WebHost } from '../../src/cli/web-host.js';

/** What the page does on load: trades a link's one-time code for a session token (POST /session). */
export function exchangeCode(
  port: number,
  code: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; token: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/session',
        headers: {
          host: `127.0.0.1:${port}`,
          origin: `http://127.0.0.1:${port}`,
          'content-type': 'application/json',
          'x-doctor-code': code,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let token: string | null = null;
          try {
            token = (JSON.parse(body) as { token?: string }).token ?? null;
          } catch {
            token = null;
          }
          resolve({ status: res.statusCode ?? 0, body, token });
        });
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

export function codeOf(link: string): string {
  return new URL(link).searchParams.get('code') ?? '';
}

/** A session token for API calls in tests, as a page that opened a fresh link would hold. */
export async function openSession(host: WebHost): Promise<string> {
  const reply = await exchangeCode(host.port, codeOf(host.newLink()));
  if (!reply.token) throw new Error(`no session: ${reply.status} ${reply.body}`);
  return reply.token;
}
