import { credentialShape, headerProblem, quoted, sentValue } from './credential-value.js';
import type { ApiKeySource, BearerSource, Chosen } from './credential-chains.js';
import type { EnvView } from './env-view.js';

/** What precedence.ts can say about how a credential is set, by code. */
export type AuthWarningCode =
  | 'overrides-login'
  | 'unapproved-api-key'
  | 'conflicting-sources'
  | 'empty-variable'
  | 'value-rejected'
  | 'value-quotes'
  | 'key-shape'
  | 'settings-problem'
  | 'both-headers'
  | 'onboarding'
  | 'provider-ignores';

export interface AuthWarning {
  readonly code: AuthWarningCode;
  /** fail: Claude Code refuses to send it; warn: it works, not as the user likely means; info: worth knowing. */
  readonly level: 'fail' | 'warn' | 'info';
  readonly message: string;
  /** The variables it is about, so the probe can say where each is set. */
  readonly variables: readonly string[];
}

export type AnyChosen = Chosen<ApiKeySource> | Chosen<BearerSource>;

const HEADER_NAMES: Readonly<Record<string, { readonly what: string; readonly header: string }>> = {
  ANTHROPIC_API_KEY: { what: 'Invalid API key · Fix external API key', header: 'X-Api-Key' },
  ANTHROPIC_AUTH_TOKEN: { what: 'Invalid auth token · Fix external auth token', header: 'Authorization' },
  CLAUDE_CODE_OAUTH_TOKEN: { what: 'Invalid auth token · Fix external auth token', header: 'Authorization' },
};

/** Values Claude Code would refuse, or that the server will, for every env credential one of the modes sends. */
export function valueWarnings(view: EnvView, sent: readonly AnyChosen[], gateway: boolean): AuthWarning[] {
  const warnings: AuthWarning[] = [];
  for (const chosen of sent) {
    const variable = chosen.variable;
    const value = variable ? sentValue(view.text(variable.name) ?? '') : null;
    const names = HEADER_NAMES[chosen.source];
    if (!variable || !value || !names) continue;
    const problem = headerProblem(value);
    if (problem) {
      warnings.push({
        code: 'value-rejected',
        level: 'fail',
        message: `Claude Code refuses to send ${variable.origin}: "${names.what} · Invalid ${names.header} header value from ${variable.name}: ${problem}." Set it again on one line, copied from its source.`,
        variables: [variable.name],
      });
      continue;
    }
    if (quoted(value)) {
      warnings.push({
        code: 'value-quotes',
        level: 'warn',
        message: `${variable.origin} has literal quote marks around the value; Claude Code sends them as part of it and the server rejects it. Set it again without the quotes.`,
        variables: [variable.name],
      });
    }
    const shape = credentialShape(value);
    if (variable.name === 'ANTHROPIC_API_KEY' && shape === 'oauth-token') {
      warnings.push({
        code: 'key-shape',
        level: 'warn',
        message: `${variable.origin} holds an OAuth token (sk-ant-oat…), not an API key. Put it in CLAUDE_CODE_OAUTH_TOKEN instead, or use an API key (sk-ant-api03-…).`,
        variables: [variable.name],
      });
    } else if (variable.name === 'ANTHROPIC_API_KEY' && shape !== 'api-key' && !gateway) {
      warnings.push({
        code: 'key-shape',
        level: 'warn',
        message: `${variable.origin} does not look like an Anthropic API key (they start with sk-ant-api03-). Check what was pasted.`,
        variables: [variable.name],
      });
    } else if (variable.name === 'CLAUDE_CODE_OAUTH_TOKEN' && shape === 'api-key') {
      warnings.push({
        code: 'key-shape',
        level: 'warn',
        message: `${variable.origin} holds an API key (sk-ant-api…), not an OAuth token. Put it in ANTHROPIC_API_KEY instead, or run \`claude setup-token\` for a token.`,
        variables: [variable.name],
      });
    } else if (variable.name === 'CLAUDE_CODE_OAUTH_TOKEN' && shape !== 'oauth-token') {
      warnings.push({
        code: 'key-shape',
        level: 'warn',
        message: `${variable.origin} does not look like a token from \`claude setup-token\` (they start with sk-ant-oat01-). Check what was pasted.`,
        variables: [variable.name],
      });
    }
  }
  return warnings;
}
