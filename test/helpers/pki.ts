/**
 * Test certificates made with the real `openssl` binary, once per process:
 * - a trusted test CA ("Doctor Test CA") and a server certificate for localhost/127.0.0.1/::1;
 * - an expired server certificate and one for the wrong host name, both from the trusted CA;
 * - a second, untrusted "corporate" CA ("Contoso TLS Inspection CA", O "Contoso Corp") and a
 *   server certificate from it, standing in for a TLS-inspecting proxy.
 * Trust the CA in-process by passing `caPem` to createHttpClient/createTlsProber({ ca }), or in
 * a child process with NODE_EXTRA_CA_CERTS=caCert.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Pki {
  readonly dir: string;
  /** Trusted test CA (PEM file path) and its text. */
  readonly caCert: string;
  readonly caPem: string;
  /** Server key used by every server certificate below. */
  readonly serverKey: string;
  /** Server certificate from the trusted CA, SAN localhost, 127.0.0.1, ::1. */
  readonly serverCert: string;
  /** Same SANs, trusted CA, but already expired. */
  readonly expiredCert: string;
  /** Trusted CA, but only valid for "other.invalid". */
  readonly wrongHostCert: string;
  /** Untrusted "corporate" CA and its server certificate (key: rogueKey). */
  readonly rogueCaCert: string;
  readonly rogueCaPem: string;
  readonly rogueKey: string;
  readonly rogueCert: string;
}

export const TEST_CA_NAME = 'Doctor Test CA';
export const ROGUE_CA_CN = 'Contoso TLS Inspection CA';
export const ROGUE_CA_O = 'Contoso Corp';

let cached: Pki | null = null;

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string, subject: string): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '3650',
    '-subj',
    subject,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

function signServer(dir: string, ca: string, key: string, out: string, sans: string, days: number, serial: number): void {
  const ext = join(dir, `${out}.ext`);
  writeFileSync(
    ext,
    `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${sans}\n`,
  );
  openssl(dir, ['req', '-new', '-key', `${key}.key`, '-out', `${out}.csr`, '-subj', '/CN=localhost']);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${out}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-set_serial',
    String(serial),
    '-days',
    String(days),
    '-out',
    `${out}.pem`,
    '-extfile',
    ext,
  ]);
}

/**
 * Generates (first call) or returns (later calls, whatever `dir` they pass) the test PKI.
 * `dir` defaults to a fresh tmp dir removed at exit; a given dir must outlive the process.
 */
export function makePki(dir?: string): Pki {
  if (cached) return cached;
  const root = dir ?? mkdtempSync(join(tmpdir(), 'doctor-pki-'));
  if (!dir) process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  const local = 'DNS:localhost,IP:127.0.0.1,IP:::1';
  makeCa(root, 'ca', `/CN=${TEST_CA_NAME}/O=Claude Auth Doctor Tests`);
  makeCa(root, 'rogue-ca', `/CN=${ROGUE_CA_CN}/O=${ROGUE_CA_O}`);
  openssl(root, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', 'server.key']);
  signServer(root, 'ca', 'server', 'server', local, 825, 1);
  signServer(root, 'ca', 'server', 'expired', local, -1, 2);
  signServer(root, 'ca', 'server', 'wrong-host', 'DNS:other.invalid', 825, 3);
  signServer(root, 'rogue-ca', 'server', 'rogue', local, 825, 4);
  const path = (name: string): string => join(root, name);
  cached = {
    dir: root,
    caCert: path('ca.pem'),
    caPem: readFileSync(path('ca.pem'), 'utf8'),
    serverKey: path('server.key'),
    serverCert: path('server.pem'),
    expiredCert: path('expired.pem'),
    wrongHostCert: path('wrong-host.pem'),
    rogueCaCert: path('rogue-ca.pem'),
    rogueCaPem: readFileSync(path('rogue-ca.pem'), 'utf8'),
    rogueKey: path('server.key'),
    rogueCert: path('rogue.pem'),
  };
  return cached;
}
