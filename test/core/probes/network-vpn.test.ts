import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkVpnProbe } from '../../../src/core/probes/network-vpn.js';
import { fakePlatform, makeProbeInput } from '../../helpers/probe-input.js';

test('network.vpn: no tunnel is ok, "No VPN"', async () => {
  const outcome = await networkVpnProbe.run(makeProbeInput());
  assert.equal(outcome.status, 'ok');
  assert.equal(outcome.summary, 'No VPN');
  assert.equal(outcome.evidence?.['vpnUp'], false);
});

test('network.vpn: a tunnel interface is named, with its addresses', async () => {
  const platform = fakePlatform({
    os: 'darwin',
    vpn: async () => ({ interfaces: [{ name: 'utun3', kind: 'utun' }], connections: [], source: 'ifconfig' }),
  });
  const interfaces = () => [
    { name: 'en0', addresses: ['192.168.1.20'] },
    { name: 'utun3', addresses: ['10.8.0.2'] },
  ];
  const outcome = await networkVpnProbe.run(makeProbeInput({ platform, interfaces }));
  assert.equal(outcome.status, 'ok');
  assert.equal(outcome.summary, 'VPN up: utun3');
  assert.equal(outcome.evidence?.['vpnUp'], true);
  assert.deepEqual(outcome.evidence?.['interfaces'], [{ name: 'utun3', kind: 'utun', addresses: ['10.8.0.2'] }]);
});

test('network.vpn: a NetworkManager connection alone counts as up', async () => {
  const platform = fakePlatform({ vpn: async () => ({ interfaces: [], connections: ['Corp VPN'], source: 'nmcli' }) });
  const outcome = await networkVpnProbe.run(makeProbeInput({ platform }));
  assert.equal(outcome.summary, 'VPN up: Corp VPN');
  assert.deepEqual(outcome.evidence?.['connections'], ['Corp VPN']);
});

test('network.vpn: an adapter that throws gives unknown, not a crash', async () => {
  const platform = fakePlatform({ vpn: async () => Promise.reject(new Error('ifconfig missing')) });
  const outcome = await networkVpnProbe.run(makeProbeInput({ platform }));
  assert.equal(outcome.status, 'unknown');
  assert.match(outcome.cause ?? '', /ifconfig missing/);
});
