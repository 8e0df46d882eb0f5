import type { EvidenceValue } from '../../shared/report.js';
import { callTimeoutMs } from './budget.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';

/**
 * network.vpn: whether a VPN is up. Informational: the report escalates it when the API is
 * unreachable with a VPN up, using the vpn fact.
 */
export const networkVpnProbe: Probe = {
  id: 'network.vpn',
  title: 'VPN',
  touches: "Lists network interfaces (and NetworkManager's active VPNs on Linux with `nmcli`); no traffic.",
  offline: 'run',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    let info;
    try {
      info = await ctx.platform.vpn(callTimeoutMs(ctx));
    } catch (error) {
      return {
        status: 'unknown',
        summary: 'Could not tell whether a VPN is up',
        cause: `Listing VPN interfaces failed: ${String(error)}`,
        evidence: { vpnUp: null },
        facts: { vpn: { up: null } },
      };
    }
    const addresses = new Map(ctx.interfaces().map((item) => [item.name, item.addresses]));
    const interfaces: EvidenceValue[] = info.interfaces.map((item) => ({
      name: item.name,
      kind: item.kind,
      addresses: [...(addresses.get(item.name) ?? [])],
    }));
    const names = [...info.interfaces.map((item) => item.name), ...info.connections];
    const vpnUp = names.length > 0;
    return {
      status: 'ok',
      summary: vpnUp ? `VPN up: ${names.join(', ')}` : 'No VPN',
      cause: null,
      evidence: { vpnUp, interfaces, connections: [...info.connections], source: info.source },
      facts: { vpn: { up: vpnUp } },
    };
  },
};
