import type { AuthMethodKind } from '../../shared/report.js';
import type { Secret } from '../redact/redact.js';
import type { ClaudeAccount } from './claude-json.js';
import { decideMode, usableLogin, type ChainInput, type Mode, type ModeDecision } from './credential-chains.js';
import { valueWarnings, type AnyChosen, type AuthWarning } from './auth-warnings.js';
import { sentValue } from './credential-value.js';
import type { EnvView } from './env-view.js';
import { CREDENTIAL_VARIABLES } from './auth-variables.js';
import { resolveProvider, type Provider } from './providers.js';
import type { OAuthCredentials } from './credentials-json.js';

/** What Claude Code will authenticate with, in both modes, and what looks wrong about how it is set. */
export interface AuthMethod {
  readonly provider: Provider;
  readonly interactive: ModeDecision;
  readonly print: ModeDecision;
  /** The mode the verdict leads with: interactive, unless only `-p` has a credential. */
  readonly primary: Mode;
  readonly method: AuthMethodKind;
  /** Where the primary credential is set, as users would look for it. */
  readonly source: string;
  readonly label: string;
  readonly warnings: readonly AuthWarning[];
  /** The credential to check online; null for providers, helpers, descriptors or nothing. */
  readonly credential: Secret | null;
  /** How to check it: the OAuth profile, a key on the model list, or a bearer on the model list. */
  readonly checkAs: 'oauth' | 'api-key' | 'bearer' | null;
}

export interface PrecedenceInput {
  readonly view: EnvView;
  readonly helper: { readonly command: string; readonly shown: string } | null;
  readonly settingsProblems: readonly { readonly message: string }[];
  readonly oauth: OAuthCredentials | null;
  readonly loginWhere: string;
  readonly consoleKey: ChainInput['consoleKey'];
  readonly storedGatewaySignIn: boolean;
  readonly account: Pick<ClaudeAccount, 'apiKeyResponses' | 'hasCompletedOnboarding'>;
}

/** The input with the provider it selects. */
type Context = PrecedenceInput & { readonly provider: Provider };

function primaryOf(interactive: ModeDecision, print: ModeDecision): Mode {
  return interactive.kind === 'none' && print.kind !== 'none' ? 'print' : 'interactive';
}

function checkOf(decision: ModeDecision): { credential: Secret | null; checkAs: AuthMethod['checkAs']; source: string } {
  const { xApiKey, authorization } = decision.sends;
  if (decision.kind === 'subscription' || decision.kind === 'oauth-token-env') {
    return { credential: authorization?.credential ?? null, checkAs: 'oauth', source: authorization?.origin ?? 'none' };
  }
  if (xApiKey) return { credential: xApiKey.credential, checkAs: 'api-key', source: xApiKey.origin };
  if (authorization) return { credential: authorization.credential, checkAs: 'bearer', source: authorization.origin };
  return { credential: null, checkAs: null, source: decision.kind === 'none' ? 'none' : decision.label };
}

function modeWords(modes: readonly Mode[]): string {
  return modes.length === 2 ? 'in every session' : modes[0] === 'print' ? 'in `claude -p`, the SDK and CI' : 'in interactive `claude`';
}

/** Which credentials are set but not used, and what overrides the stored login. */
function shadowWarnings(input: Context, decisions: Readonly<Record<Mode, ModeDecision>>): AuthWarning[] {
  const warnings: AuthWarning[] = [];
  const { interactive, print } = decisions;
  const sent = (d: ModeDecision): AnyChosen[] => [d.sends.xApiKey, d.sends.authorization].filter((c): c is AnyChosen => c !== null);
  const key = input.view.get('ANTHROPIC_API_KEY');
  if (
    key &&
    sentValue(input.view.text('ANTHROPIC_API_KEY') ?? '') &&
    interactive.apiKey?.source !== 'ANTHROPIC_API_KEY' &&
    print.apiKey?.source === 'ANTHROPIC_API_KEY' &&
    !input.provider.method
  ) {
    warnings.push({
      code: 'unapproved-api-key',
      level: 'warn',
      message: `${key.origin} is set but was never approved for interactive use: \`claude\` ignores it ("ANTHROPIC_API_KEY not used here · turn on \\"Use custom API key\\" in /config"), while \`claude -p\`, the SDK and CI send it (API billing)${usableLogin(input.oauth) ? ' instead of your subscription login' : ''}. Unset it unless scripts need it.`,
      variables: ['ANTHROPIC_API_KEY'],
    });
  }
  if (usableLogin(input.oauth) && !input.provider.method) {
    // The unapproved key's own warning already says that `-p` bills it instead of the login.
    const saidForPrint =
      warnings.some((w) => w.code === 'unapproved-api-key') && sent(print).every((c) => c.source === 'ANTHROPIC_API_KEY');
    const overriding = (['interactive', 'print'] as const).filter(
      (m) => decisions[m].kind !== 'subscription' && !(m === 'print' && saidForPrint),
    );
    if (overriding.length > 0) {
      const winner = decisions[overriding[0] as Mode];
      const by = sent(winner).map((c) => c.origin);
      warnings.push({
        code: 'overrides-login',
        level: 'warn',
        message: `${by.join(' and ') || winner.label} ${by.length > 1 ? 'override' : 'overrides'} your Claude subscription login ${modeWords(overriding)}: Claude Code sends ${by.length > 1 ? 'them' : 'it'} instead of the login stored in ${input.loginWhere}. Unset ${by.length > 1 ? 'them' : 'it'} to use your subscription.`,
        variables: sent(winner).flatMap((c) => (c.variable ? [c.variable.name] : [])),
      });
    }
  }
  const oauthEnv = input.view.get('CLAUDE_CODE_OAUTH_TOKEN');
  for (const mode of ['interactive', 'print'] as const) {
    const d = decisions[mode];
    if (
      !oauthEnv ||
      !sentValue(input.view.text('CLAUDE_CODE_OAUTH_TOKEN') ?? '') ||
      input.provider.method ||
      d.sends.authorization?.source === 'CLAUDE_CODE_OAUTH_TOKEN'
    )
      continue;
    const winner = sent(d)[0];
    if (!winner) continue;
    warnings.push({
      code: 'conflicting-sources',
      level: 'warn',
      message: `Both ${winner.origin} and ${oauthEnv.origin} are set; Claude Code sends ${winner.origin} and drops the OAuth token ${modeWords([mode])}. Remove the one you do not mean to use.`,
      variables: [...(winner.variable ? [winner.variable.name] : []), 'CLAUDE_CODE_OAUTH_TOKEN'],
    });
    break;
  }
  const both = [interactive, print].find(
    (d) => d.sends.xApiKey && d.sends.authorization && d.sends.xApiKey.origin !== d.sends.authorization.origin,
  );
  if (both?.sends.xApiKey && both.sends.authorization) {
    warnings.push({
      code: 'both-headers',
      level: 'info',
      message: `Claude Code sends both headers: x-api-key from ${both.sends.xApiKey.origin} and Authorization from ${both.sends.authorization.origin}. Gateways expect that; the Anthropic API needs only one of them.`,
      variables: [],
    });
  }
  return warnings;
}

function otherWarnings(input: Context, decisions: Readonly<Record<Mode, ModeDecision>>): AuthWarning[] {
  const warnings: AuthWarning[] = input.settingsProblems.map((p) => ({
    code: 'settings-problem',
    level: 'warn',
    message: p.message,
    variables: [],
  }));
  for (const name of CREDENTIAL_VARIABLES) {
    const variable = input.view.get(name);
    const value = input.view.text(name);
    if (variable && value && sentValue(value) === null) {
      warnings.push({
        code: 'empty-variable',
        level: 'warn',
        message: `${variable.origin} is set but holds only whitespace; Claude Code treats it as unset. Unset it to avoid confusion.`,
        variables: [name],
      });
    } else if (variable && value === '' && variable.from.kind === 'environment') {
      warnings.push({
        code: 'empty-variable',
        level: 'warn',
        message: `${variable.origin} is set but empty; Claude Code ignores it. Unset it to avoid confusion.`,
        variables: [name],
      });
    }
  }
  if (input.provider.method) {
    const unused = CREDENTIAL_VARIABLES.filter(
      (n) => sentValue(input.view.text(n) ?? '') && !(input.provider.kind === 'gateway' && n === 'ANTHROPIC_AUTH_TOKEN'),
    );
    if (unused.length > 0) {
      warnings.push({
        code: 'provider-ignores',
        level: 'info',
        message: `${unused.join(', ')} ${unused.length > 1 ? 'are' : 'is'} set but not used: Claude Code talks to ${input.provider.label}, selected by ${input.provider.selectedBy ?? 'its settings'}, with that provider's own credentials.`,
        variables: [...unused],
      });
    }
  }
  const oauthEnvUsed =
    decisions.interactive.kind === 'oauth-token-env' && decisions.interactive.sends.authorization?.source === 'CLAUDE_CODE_OAUTH_TOKEN';
  if (oauthEnvUsed && input.account.hasCompletedOnboarding !== true) {
    warnings.push({
      code: 'onboarding',
      level: 'info',
      message:
        'Interactive `claude` runs its first-start setup (theme, security notes) before using CLAUDE_CODE_OAUTH_TOKEN, because ~/.claude.json has no "hasCompletedOnboarding": true. `claude -p` is not affected; finish the setup once, or set that key.',
      variables: ['CLAUDE_CODE_OAUTH_TOKEN'],
    });
  }
  return warnings;
}

/** Which credential Claude Code sends, by its own two chains, in interactive and in `-p` use. Pure. */
export function resolveAuthMethod(input: PrecedenceInput): AuthMethod {
  const provider = resolveProvider((name) => {
    const variable = input.view.get(name);
    return variable ? { value: input.view.text(name) ?? '', origin: variable.origin } : null;
  }, input.storedGatewaySignIn);
  const chains: Context & ChainInput = { ...input, provider };
  const interactive = decideMode(chains, 'interactive');
  const print = decideMode(chains, 'print');
  const decisions = { interactive, print };
  const primary = primaryOf(interactive, print);
  const chosen = decisions[primary];
  const sent = [interactive.sends.xApiKey, interactive.sends.authorization, print.sends.xApiKey, print.sends.authorization].filter(
    (c, i, all): c is AnyChosen => c !== null && all.findIndex((o) => o?.origin === c.origin) === i,
  );
  const warnings = [
    ...otherWarnings(chains, decisions),
    ...valueWarnings(input.view, sent, Boolean(sentValue(input.view.text('ANTHROPIC_BASE_URL') ?? ''))),
    ...shadowWarnings(chains, decisions),
  ];
  const { source, ...check } = checkOf(chosen);
  const differs = interactive.label !== print.label && print.kind !== 'none' && interactive.kind !== 'none';
  const label = differs
    ? `${interactive.label}; \`claude -p\`: ${print.label}`
    : primary === 'print'
      ? `${print.label} (\`claude -p\` only)`
      : chosen.label;
  return { provider, interactive, print, primary, method: chosen.kind, source, label, warnings, ...check };
}

export { AUTH_VARIABLES } from './auth-variables.js';
