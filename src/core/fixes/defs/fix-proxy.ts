import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, link, userAction } from './common.js';

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

export const fixProxy: FixDefinition = {
  id: 'fix-proxy',
  title: FIX_TITLES['fix-proxy'],
  why: 'The proxy settings are malformed, point at a proxy that does not answer, or a VPN or firewall blocks the connection to Anthropic.',
  verifies: ['network.proxy', 'network.tls'],
  async steps(ctx) {
    const check = ctx.check('network.proxy');
    const set = PROXY_VARS.filter((name) => (ctx.env[name] ?? '') !== '');
    const steps: FixStep[] = [
      info(
        'What was found',
        [check?.summary, check?.cause].filter(Boolean).join(' ') ||
          'The connection to Anthropic fails in a way that points at the network path.',
      ),
      info(
        'How Claude Code uses a proxy',
        'Claude Code honours HTTPS_PROXY / HTTP_PROXY (either case) and NO_PROXY. A proxy URL looks like http://proxy.example.com:8080; a user name or password in it must be percent-encoded. A NO_PROXY entry that covers api.anthropic.com makes Claude Code bypass the proxy.',
      ),
    ];
    if (set.length > 0) {
      const command =
        ctx.os === 'win32'
          ? set.map((name) => `Remove-Item Env:${name}`).join('; ') + '; claude-auth-doctor check'
          : `env ${set.map((name) => `-u ${name}`).join(' ')} claude-auth-doctor check`;
      steps.push(
        userAction(
          'Try once without the proxy variables',
          `Set now: ${set.join(', ')}. This checks again with them removed, for this one command only${ctx.os === 'win32' ? ' (in this PowerShell window)' : ''}.`,
          command,
        ),
      );
    }
    if (ctx.os === 'darwin')
      steps.push(
        userAction(
          'See the system proxy',
          'Shows the proxy macOS applies (System Settings → Network → Proxies), including a PAC file.',
          'scutil --proxy',
        ),
      );
    if (ctx.env['ANTHROPIC_BASE_URL']) {
      steps.push(
        info(
          'A gateway is set',
          'ANTHROPIC_BASE_URL sends every request to another host (a gateway or local proxy). "Connection refused" often means nothing listens there any more: check the address, or remove it from the shell start-up file or settings.json that sets it.',
        ),
      );
    }
    steps.push(
      info(
        'Answers that take long',
        'If a proxy or gateway holds streamed answers until they complete, Claude Code gives up waiting ("No response from API", "Request timed out"): raise API_TIMEOUT_MS (milliseconds) for Claude Code, or ask for streaming to pass through.',
      ),
      info(
        'Narrow it down',
        'Disconnect the VPN and check again; then try a phone hotspot. If it works there but not on the office network, a firewall or proxy blocks Anthropic: ask IT to allow api.anthropic.com, claude.ai and platform.claude.com.',
      ),
      link('Claude Code behind a corporate proxy', 'https://docs.claude.com/en/docs/claude-code/corporate-proxy'),
    );
    return steps;
  },
};
