import { X509Certificate } from 'node:crypto';
import { identityOf, readRegularFile } from '../../io/safe-file.js';
import { createTlsProber } from '../../io/tls.js';
import { MAX_CA_BUNDLE_BYTES, PEM_CERTIFICATE_BEGIN } from '../../network/ca-bundle.js';
import { proxyFromEnv } from '../../network/proxy-env.js';
import { lstatOrNull } from '../fix-fs.js';
import type { StepRunDeps } from '../backup/transact.js';
import type { StepAction } from '../types.js';

const HANDSHAKE_TIMEOUT_MS = 10_000;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

type TrustCa = Extract<StepAction, { type: 'trust-ca' }>;

/** The CA certificates in a PEM text; what is wrong with it when there are none. */
export function caCertificates(text: string): { pems: string[]; problem: string | null } {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) return { pems: [], problem: `holds no certificate (a PEM file starts with ${PEM_CERTIFICATE_BEGIN})` };
  const cas: string[] = [];
  let unreadable = 0;
  for (const pem of blocks) {
    try {
      if (new X509Certificate(pem).ca) cas.push(pem);
    } catch {
      unreadable += 1;
    }
  }
  if (cas.length > 0) return { pems: cas, problem: null };
  return {
    pems: [],
    problem:
      unreadable === blocks.length
        ? 'holds text that looks like a certificate but is not one (cut off or edited?)'
        : 'holds a certificate, but not a certificate authority’s (the root or intermediate your network re-signs with)',
  };
}

/**
 * Before NODE_EXTRA_CA_CERTS is pointed at a file: the file exists, holds a CA certificate, and
 * that CA alone verifies the chain the API host presents right now (one TLS handshake trusting
 * only the file, no HTTP request, no credentials). A variable naming the wrong file would leave
 * Claude Code failing exactly as before; naming a missing one breaks every TLS connection of Node.
 * Returns what is wrong (naming the file and what to do), or null when it verifies.
 */
export async function verifyCaFile(action: TrustCa, deps: StepRunDeps): Promise<string | null> {
  const { fs, show } = deps.store;
  const where = show(action.caPath);
  const stat = await lstatOrNull(fs, action.caPath);
  if (!stat) return `${where} does not exist yet: save the company certificate there first (the step before).`;
  if (!stat.isFile()) return `${where} is not a regular file: save the company certificate there as a .pem file.`;
  if (stat.size > MAX_CA_BUNDLE_BYTES)
    return `${where} is over 4 MB: that is not a certificate; save the company's root certificate there.`;
  const text = (await readRegularFile(fs, action.caPath, { maxBytes: MAX_CA_BUNDLE_BYTES, expect: identityOf(stat) })).bytes.toString(
    'utf8',
  );
  const { pems, problem } = caCertificates(text);
  if (problem)
    return `${where} ${problem}. Save the company's root certificate there (ask IT for it as a .pem file), then run this step again.`;
  const { proxy } = proxyFromEnv(deps.env, `https://${action.host}:${action.port}`);
  const result = await createTlsProber({ ca: pems }).handshake(action.host, action.port, HANDSHAKE_TIMEOUT_MS, proxy);
  if (result.kind === 'ok') return null;
  const signer = result.issuer ? `"${result.issuer}"` : 'a certificate authority not in it';
  return result.failure === 'tls-untrusted' || result.failure === 'tls-expired' || result.failure === 'tls-hostname'
    ? `${where} does not hold the certificate your network re-signs with: the connection to ${action.host} is signed by ${signer}. Save that authority's certificate there, then run this step again.`
    : `Could not reach ${action.host} to check ${where} against it (${result.message}); nothing was changed. Run this step again when the network is back.`;
}
