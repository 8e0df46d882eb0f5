import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixTarget, FixDefinition, FixStep } from '../types.js';
import { join } from 'node:path';
import { resolveEndpoints } from '../../network/endpoints.js';
import { dialectOf } from '../rc-files/index.js';
import { info, link, run, shown, userAction } from './common.js';

/** The issuer's common name from "CN=Corp Inspection CA, O=…" (or the string itself). */
export function issuerName(issuer: string): string {
  const cn = /(?:^|[,/]\s*)CN\s*=\s*([^,/]+)/i.exec(issuer);
  return (cn?.[1] ?? issuer).trim();
}

function safeForQuotes(text: string): string {
  return text.replace(/["'`$\\]/g, '');
}

function exportStep(ctx: FixTarget, issuer: string | null): FixStep {
  const name = issuer ? safeForQuotes(issuerName(issuer)) : null;
  switch (ctx.os) {
    case 'darwin':
      return userAction(
        'Export the company certificate',
        `Copies ${name ? `the "${name}" certificate` : 'the certificates'} from the System keychain, where IT installs it, into a file Node can read.${name ? '' : ' Without a name this exports every certificate there, which also works.'} The next step checks it and points NODE_EXTRA_CA_CERTS at it.`,
        `security find-certificate -a ${name ? `-c "${name}" ` : ''}-p /Library/Keychains/System.keychain > ~/.claude/corporate-ca.pem`,
      );
    case 'linux':
      return userAction(
        'Save the company certificate',
        `${name ? `Look for a certificate issued by "${name}": that is the one your network re-signs with. ` : ''}If IT installed it system-wide, it is in /usr/local/share/ca-certificates/ or /etc/pki/ca-trust/source/anchors/ (the command lists them); copy it to ~/.claude/corporate-ca.pem. Otherwise ask IT for the root certificate as a .pem file and save it there. The next step checks it and points NODE_EXTRA_CA_CERTS at it.`,
        'ls /usr/local/share/ca-certificates/ /etc/pki/ca-trust/source/anchors/ 2>/dev/null',
      );
    case 'win32':
      return userAction(
        'Export the company certificate',
        'Writes the certificate from the Windows trust store as a .pem file (PowerShell).',
        `Get-ChildItem Cert:\\LocalMachine\\Root | Where-Object Subject -like '*${name ?? 'Your Company'}*' | ForEach-Object { '-----BEGIN CERTIFICATE-----'; [Convert]::ToBase64String($_.RawData, 'InsertLineBreaks'); '-----END CERTIFICATE-----' } | Set-Content "$env:USERPROFILE\\.claude\\corporate-ca.pem"`,
      );
  }
}

/** The start-up file a new terminal reads: ~/.zshrc for zsh, ~/.bashrc otherwise. */
function rcFile(ctx: FixTarget): string {
  return join(ctx.homeDir, /zsh$/.test(ctx.env['SHELL'] ?? '') ? '.zshrc' : '.bashrc');
}

function setStep(ctx: FixTarget): FixStep {
  if (ctx.os === 'win32') {
    return userAction(
      'Point NODE_EXTRA_CA_CERTS at it',
      'Sets it for your user; open a new terminal afterwards. It names a certificate, not a secret.',
      'setx NODE_EXTRA_CA_CERTS "%USERPROFILE%\\.claude\\corporate-ca.pem"',
    );
  }
  const rc = rcFile(ctx);
  const caPath = join(ctx.homeDir, '.claude', 'corporate-ca.pem');
  const api = resolveEndpoints(ctx.env).api;
  const dock =
    ctx.os === 'darwin'
      ? ' For apps started from the Dock (VS Code), also run `launchctl setenv NODE_EXTRA_CA_CERTS "$HOME/.claude/corporate-ca.pem"`.'
      : '';
  const line = 'export NODE_EXTRA_CA_CERTS="$HOME/.claude/corporate-ca.pem"';
  if (!api.host || api.port === null) {
    return userAction(
      'Point NODE_EXTRA_CA_CERTS at it',
      `Add this line to ${shown(ctx, rc)}, then open a new terminal.${dock}`,
      `echo '${line}' >> ${shown(ctx, rc)}`,
    );
  }
  return run({
    title: 'Point NODE_EXTRA_CA_CERTS at it',
    detail: `Checks that ${shown(ctx, caPath)} holds a certificate that verifies the connection to ${api.host}, then adds the variable to ${shown(ctx, rc)}; it names a certificate file, not a secret. Open a new terminal afterwards.${dock}`,
    display: `add ${line} to ${shown(ctx, rc)}`,
    automatable: true,
    changes: true,
    effects: [
      `Checks ${shown(ctx, caPath)} against the certificate ${api.host} presents (nothing is written if it does not verify)`,
      `Backs up ${shown(ctx, rc)}, then adds the line in a marked block`,
    ],
    undo: `Puts ${shown(ctx, rc)} back as it was`,
    action: {
      type: 'trust-ca',
      caPath,
      host: api.host,
      port: api.port,
      // Node does not expand ~, so the line uses $HOME (the shell expands it).
      block: { type: 'rc-block', path: rc, dialect: dialectOf(rc), name: 'ca', body: [line] },
    },
  });
}

export const trustCorporateCa: FixDefinition = {
  id: 'trust-corporate-ca',
  title: FIX_TITLES['trust-corporate-ca'],
  why: "Your network inspects TLS (a company proxy or security product re-signs connections with its own certificate). Claude Code, built on Node, does not use the system's trust store, so it rejects the connection until NODE_EXTRA_CA_CERTS names that certificate.",
  verifies: ['network.tls'],
  async steps(ctx) {
    const check = ctx.check('network.tls');
    const tls = ctx.report.facts.tls;
    const issuer = tls?.issuer ?? null;
    const configured = tls?.extraCaCerts ?? null;
    const problem = tls?.extraCaProblem ?? null;
    const steps: FixStep[] = [
      info(
        'What was found',
        [check?.summary, check?.cause, issuer ? `The certificate was issued by "${issuer}", not by a public authority.` : null]
          .filter(Boolean)
          .join(' ') || 'The TLS connection to Anthropic is not trusted.',
      ),
    ];
    if (configured && problem) {
      steps.push(
        info(
          'Fix the configured path',
          `NODE_EXTRA_CA_CERTS is set to ${configured}, which ${problem}. Correct it (absolute path, a PEM file) or follow the steps below to create the file.`,
        ),
      );
    }
    steps.push(
      exportStep(ctx, issuer),
      setStep(ctx),
      info(
        'Never switch verification off',
        'Do not set NODE_TLS_REJECT_UNAUTHORIZED=0: it makes every connection, including your login, readable by anyone in the path.',
      ),
      link('Network configuration for Claude Code', 'https://docs.claude.com/en/docs/claude-code/network-config'),
    );
    return steps;
  },
};
