import type { AuthMethodKind } from '../../shared/report.js';

/** The API provider Claude Code talks to; its own names (`claude auth status` apiProvider). */
export type ProviderKind = 'gateway' | 'bedrock' | 'foundry' | 'anthropicAws' | 'anthropicGoogleCloud' | 'mantle' | 'vertex' | 'firstParty';

export interface Provider {
  readonly kind: ProviderKind;
  /** As Claude Code shows it: "Amazon Bedrock", "Anthropic API". */
  readonly label: string;
  /** What selected it: the variable (with its origin) or the stored gateway sign-in; null for first party. */
  readonly selectedBy: string | null;
  /** The report's method kind for it; null for first party (the credential chains decide). */
  readonly method: Exclude<
    AuthMethodKind,
    'auth-token' | 'api-key' | 'api-key-helper' | 'oauth-token-env' | 'subscription' | 'none'
  > | null;
}

/** The switches Claude Code looks at when any of them is defined, in its order (Foundry before Vertex). */
const SWITCHES = [
  { name: 'CLAUDE_CODE_USE_BEDROCK', kind: 'bedrock', label: 'Amazon Bedrock', method: 'bedrock' },
  { name: 'CLAUDE_CODE_USE_FOUNDRY', kind: 'foundry', label: 'Microsoft Foundry', method: 'foundry' },
  { name: 'CLAUDE_CODE_USE_ANTHROPIC_AWS', kind: 'anthropicAws', label: 'Claude Platform on AWS', method: 'anthropic-aws' },
  {
    name: 'CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD',
    kind: 'anthropicGoogleCloud',
    label: 'Claude Platform on Google Cloud',
    method: 'anthropic-google-cloud',
  },
  { name: 'CLAUDE_CODE_USE_MANTLE', kind: 'mantle', label: 'Amazon Bedrock (Mantle)', method: 'mantle' },
  { name: 'CLAUDE_CODE_USE_VERTEX', kind: 'vertex', label: 'Google Vertex AI', method: 'vertex' },
] as const;

export const PROVIDER_SWITCHES: readonly string[] = SWITCHES.map((s) => s.name);

/** Claude Code's isEnvTruthy: 1, true, yes, on (any case, trimmed); anything else is off. */
export function truthy(value: string | undefined | null): boolean {
  return typeof value === 'string' && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/** A variable's value and how to name where it came from. */
export type Lookup = (name: string) => { readonly value: string; readonly origin: string } | null;

const FIRST_PARTY: Provider = { kind: 'firstParty', label: 'Anthropic API', selectedBy: null, method: null };

/**
 * Which provider Claude Code uses, in its order: a Cloud gateway (a held gateway sign-in, or
 * CLAUDE_CODE_USE_GATEWAY with ANTHROPIC_BASE_URL), then the first truthy switch of Bedrock,
 * Foundry, Claude Platform on AWS, on Google Cloud, Mantle, Vertex; otherwise the Anthropic API. Pure.
 */
export function resolveProvider(lookup: Lookup, storedGatewaySignIn: boolean): Provider {
  if (storedGatewaySignIn)
    return { kind: 'gateway', label: 'Cloud gateway', selectedBy: 'the stored Cloud gateway sign-in', method: 'gateway' };
  const gateway = lookup('CLAUDE_CODE_USE_GATEWAY');
  if (gateway && truthy(gateway.value) && lookup('ANTHROPIC_BASE_URL')) {
    return { kind: 'gateway', label: 'Cloud gateway', selectedBy: gateway.origin, method: 'gateway' };
  }
  for (const s of SWITCHES) {
    const found = lookup(s.name);
    if (found && truthy(found.value)) {
      const mantle = s.kind === 'bedrock' && truthy(lookup('CLAUDE_CODE_USE_MANTLE')?.value);
      return { kind: s.kind, label: mantle ? 'Amazon Bedrock + Mantle' : s.label, selectedBy: found.origin, method: s.method };
    }
  }
  return FIRST_PARTY;
}

/** What refreshes a provider's credentials, for the summary and the fix (never a Claude re-login). */
export function providerRemedy(kind: ProviderKind): string {
  switch (kind) {
    case 'bedrock':
    case 'mantle':
    case 'anthropicAws':
      return 'refresh your AWS credentials (`aws sso login`, new access keys, or your awsAuthRefresh command)';
    case 'vertex':
    case 'anthropicGoogleCloud':
      return 'refresh your Google Cloud credentials (`gcloud auth application-default login`, or the key file in GOOGLE_APPLICATION_CREDENTIALS)';
    case 'foundry':
      return 'refresh your Foundry credential (ANTHROPIC_FOUNDRY_API_KEY, or `az login` for Azure sign-in)';
    case 'gateway':
      return "sign in to the gateway again with /login, or ask your gateway's administrator";
    case 'firstParty':
      return 'sign in to Claude Code again';
  }
}
