import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, userAction } from './common.js';

/** What each provider's own sign-in looks like; Claude Code only uses what these leave behind. */
const BY_PROVIDER: Readonly<Record<string, { readonly title: string; readonly detail: string; readonly copy: string }>> = {
  aws: {
    title: 'Refresh your AWS credentials',
    detail:
      "Bedrock, Mantle and Claude Platform on AWS use the AWS credential chain: an SSO session, access keys, or the awsAuthRefresh / awsCredentialExport command in Claude Code's settings. SSO sessions expire (often after 8–12 hours).",
    copy: 'aws sso login',
  },
  google: {
    title: 'Refresh your Google Cloud credentials',
    detail:
      'Vertex AI and Claude Platform on Google Cloud use Application Default Credentials (or the key file in GOOGLE_APPLICATION_CREDENTIALS).',
    copy: 'gcloud auth application-default login',
  },
  azure: {
    title: 'Refresh your Foundry credential',
    detail: 'Microsoft Foundry uses ANTHROPIC_FOUNDRY_API_KEY (or ANTHROPIC_FOUNDRY_AUTH_TOKEN), or your Azure sign-in.',
    copy: 'az login',
  },
};

const FAMILY: Readonly<Record<string, keyof typeof BY_PROVIDER>> = {
  bedrock: 'aws',
  mantle: 'aws',
  anthropicAws: 'aws',
  vertex: 'google',
  anthropicGoogleCloud: 'google',
  foundry: 'azure',
};

export const fixProviderCredentials: FixDefinition = {
  id: 'fix-provider-credentials',
  title: FIX_TITLES['fix-provider-credentials'],
  why: 'Claude Code talks to a cloud provider (Bedrock, Vertex AI, Foundry, Claude Platform on AWS or Google Cloud), a gateway, or gets its key from an apiKeyHelper: each authenticates with its own credentials, which signing in to Claude again does not touch.',
  verifies: ['auth.method'],
  async steps(ctx) {
    const provider = ctx.report.facts.method?.provider ?? 'firstParty';
    const family = FAMILY[provider];
    const steps: FixStep[] = [
      info(
        'Which provider',
        family
          ? `Claude Code uses ${provider} (a CLAUDE_CODE_USE_* switch). Its errors ("AWS credentials expired or invalid", "Could not load Google Cloud credentials") are fixed at the provider.`
          : 'No cloud provider is selected now; if Claude Code printed a provider error, it runs with a CLAUDE_CODE_USE_* switch set elsewhere (an IDE, a service, CI).',
      ),
    ];
    const families = family ? [family] : (['aws', 'google', 'azure'] as const);
    for (const f of families) {
      const entry = BY_PROVIDER[f];
      if (entry) steps.push(userAction(entry.title, entry.detail, entry.copy));
    }
    steps.push(
      info(
        'If the key comes from an apiKeyHelper',
        'Claude Code runs the apiKeyHelper command from its settings.json to get a key. Run that command yourself: it must print only the key. When it fails, it usually needs you to sign in again to whatever it reads the key from (a vault, SSO).',
      ),
    );
    if (provider === 'gateway') {
      steps.push(
        userAction(
          'Sign in to the gateway again',
          "A Cloud gateway sign-in is renewed inside Claude Code; if it is refused, ask the gateway's administrator.",
          '/login',
        ),
      );
    }
    steps.push(
      info(
        'Then retry in Claude Code',
        'Claude Code picks up refreshed provider credentials on the next request; no restart is needed for SSO or ADC.',
      ),
    );
    return steps;
  },
};
