import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { Os } from '../../io/os.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, userAction } from './common.js';

const FLUSH: Readonly<Record<Os, { readonly command: string; readonly note: string }>> = {
  darwin: {
    command: 'sudo dscacheutil -flushcache; sudo killall -HUP mDNSResponder',
    note: 'asks for your password (sudo) in the terminal',
  },
  linux: { command: 'resolvectl flush-caches', note: 'for systemd-resolved; with nscd use `sudo nscd -i hosts`, with dnsmasq restart it' },
  win32: { command: 'ipconfig /flushdns', note: 'in a Command Prompt or PowerShell' },
};

/** Host names the DNS check looked up, from its evidence. */
function hostsOf(evidence: Readonly<Record<string, unknown>> | undefined): string[] {
  const hosts = new Set<string>();
  for (const value of Object.values(evidence ?? {})) {
    const host = (value as { host?: unknown } | null)?.host;
    if (typeof host === 'string' && /^[A-Za-z0-9.-]+$/.test(host)) hosts.add(host);
  }
  return hosts.size > 0 ? [...hosts] : ['api.anthropic.com', 'platform.claude.com'];
}

export const fixDns: FixDefinition = {
  id: 'fix-dns',
  title: FIX_TITLES['fix-dns'],
  why: "This machine cannot resolve Anthropic's host names: DNS filtering, split-horizon DNS on a VPN, a captive portal, or a broken resolver. The sign-in flow stops before it starts.",
  verifies: ['network.dns'],
  async steps(ctx) {
    const check = ctx.check('network.dns');
    const hosts = hostsOf(check?.evidence);
    const flush = FLUSH[ctx.os];
    const lookup = hosts.map((h) => `nslookup ${h}`).join('; ');
    const steps: FixStep[] = [
      info('What failed', [check?.summary, check?.cause].filter(Boolean).join(' ') || 'Some Anthropic host names did not resolve.'),
      userAction(
        'Look the names up yourself',
        'Shows which resolver answers and what it says. "NXDOMAIN" or "REFUSED" from a company resolver usually means filtering.',
        lookup,
      ),
      userAction('Flush the DNS cache', `Clears a stale negative answer (${flush.note}).`, flush.command),
      info(
        'If it still fails',
        'Disconnect the VPN and check again: VPNs often bring their own DNS. On a network you control, try a public resolver (1.1.1.1 or 8.8.8.8). On a company network, ask IT to allow api.anthropic.com, claude.ai, platform.claude.com and status.claude.com.',
      ),
    ];
    if (ctx.env['ANTHROPIC_BASE_URL']) {
      steps.push(
        info(
          'A custom API address is set',
          'ANTHROPIC_BASE_URL points Claude Code at another host (a gateway or proxy). If that host is the one failing, check the address with whoever runs it, or unset the variable.',
        ),
      );
    }
    return steps;
  },
};
