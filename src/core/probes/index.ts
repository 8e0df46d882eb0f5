import type { Probe } from './probe.js';
import { authCredentialsProbe } from './auth-credentials.js';
import { authMethodProbe } from './auth-method.js';
import { authTokenProbe } from './auth-token.js';
import { cliInstallProbe } from './cli-install.js';
import { keychainProbe } from './keychain.js';
import { networkDnsProbe } from './network-dns.js';
import { networkProxyProbe } from './network-proxy.js';
import { networkTlsProbe } from './network-tls.js';
import { networkVpnProbe } from './network-vpn.js';
import { serviceStatusProbe } from './service-status.js';
import { sessionContextProbe } from './session-context.js';
import { systemClockProbe } from './system-clock.js';

/** The twelve checks of DESIGN.md; the engine orders results by CHECK_IDS, not by this list. */
export const ALL_PROBES: readonly Probe[] = [
  authMethodProbe,
  authCredentialsProbe,
  authTokenProbe,
  keychainProbe,
  networkDnsProbe,
  networkProxyProbe,
  networkTlsProbe,
  networkVpnProbe,
  serviceStatusProbe,
  cliInstallProbe,
  systemClockProbe,
  sessionContextProbe,
];
