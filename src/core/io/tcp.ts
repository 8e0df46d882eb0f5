import net from 'node:net';
import type { TcpProber, TcpResult } from './ports.js';
import { classifyNetError } from './net-failure.js';
import { monotonicMs } from './time.js';

/** A plain TCP connect (is anything answering there?), closed as soon as it opens. Never throws. */
export function createTcpProber(): TcpProber {
  return {
    connect(host: string, port: number, timeoutMs: number): Promise<TcpResult> {
      const started = monotonicMs();
      const elapsed = (): number => Math.round(monotonicMs() - started);
      return new Promise((resolve) => {
        let socket: net.Socket;
        const finish = (result: TcpResult): void => {
          clearTimeout(timer);
          socket?.destroy();
          resolve(result);
        };
        const timer = setTimeout(
          () => finish({ kind: 'failure', failure: 'timeout', code: 'ETIMEDOUT', elapsedMs: elapsed() }),
          Math.max(1, timeoutMs),
        );
        try {
          socket = net.connect({ host, port });
        } catch (error) {
          const { failure, code } = classifyNetError(error);
          finish({ kind: 'failure', failure, code, elapsedMs: elapsed() });
          return;
        }
        socket.once('connect', () => finish({ kind: 'ok', elapsedMs: elapsed() }));
        socket.on('error', (error) => {
          const { failure, code } = classifyNetError(error);
          finish({ kind: 'failure', failure, code, elapsedMs: elapsed() });
        });
      });
    },
  };
}
