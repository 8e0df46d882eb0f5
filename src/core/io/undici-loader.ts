import { createRequire } from 'node:module';
import type * as UndiciModule from 'undici';
import type { Agent, Dispatcher, ProxyAgent } from 'undici';

/**
 * undici, loaded on first use and only the parts the doctor needs. Its index pulls in fetch,
 * WebSocket, caches and mocks (~170 ms to load on a small machine); Agent, ProxyAgent and the
 * request API alone load in ~45 ms. The version is pinned in package.json; if its layout ever
 * moves, the full package is loaded instead, so this can only cost time, never correctness.
 */
export interface UndiciParts {
  readonly Agent: typeof Agent;
  readonly ProxyAgent: typeof ProxyAgent;
  request(
    dispatcher: Dispatcher,
    url: URL,
    options: { method: 'GET' | 'HEAD'; headers: Record<string, string>; signal: AbortSignal },
  ): Promise<Dispatcher.ResponseData>;
}

let parts: UndiciParts | null = null;

function loadParts(): UndiciParts {
  const require = createRequire(import.meta.url);
  try {
    const DispatcherClass = require('undici/lib/dispatcher/dispatcher.js') as { prototype: object };
    const api = require('undici/lib/api/index.js') as Record<string, unknown>;
    const AgentClass = require('undici/lib/dispatcher/agent.js') as typeof Agent;
    const ProxyAgentClass = require('undici/lib/dispatcher/proxy-agent.js') as typeof ProxyAgent;
    if (typeof AgentClass !== 'function' || typeof ProxyAgentClass !== 'function' || typeof api['request'] !== 'function') {
      throw new Error('unexpected undici layout');
    }
    // What undici's own index does: the request/connect APIs live on every dispatcher.
    Object.assign(DispatcherClass.prototype, api);
    return {
      Agent: AgentClass,
      ProxyAgent: ProxyAgentClass,
      request: (dispatcher, url, options) => dispatcher.request({ origin: url.origin, path: `${url.pathname}${url.search}`, ...options }),
    };
  } catch {
    const full = require('undici') as typeof UndiciModule;
    return {
      Agent: full.Agent,
      ProxyAgent: full.ProxyAgent,
      request: (dispatcher, url, options) => full.request(url, { ...options, dispatcher }),
    };
  }
}

export function undici(): UndiciParts {
  parts ??= loadParts();
  return parts;
}
