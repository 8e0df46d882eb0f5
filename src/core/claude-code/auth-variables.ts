import { PROVIDER_SWITCHES } from './providers.js';

/** The variables that carry a credential Claude Code sends. */
export const CREDENTIAL_VARIABLES = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN'] as const;

/**
 * Provider switches and credential variables: the names whose origin the probe looks up, and
 * the names whose presence keys a saved report to the environment it was taken in. Apart from
 * precedence.ts so that reading a snapshot does not load the credential chains.
 */
export const AUTH_VARIABLES: readonly string[] = [
  ...CREDENTIAL_VARIABLES,
  'CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR',
  'CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR',
  'ANTHROPIC_BASE_URL',
  'CLAUDE_CODE_USE_GATEWAY',
  ...PROVIDER_SWITCHES,
];
