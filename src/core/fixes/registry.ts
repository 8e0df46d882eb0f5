import type { FixId } from '../../shared/report.js';
import { clearCache } from './defs/clear-cache.js';
import { contactAdmin } from './defs/contact-admin.js';
import { contactSupport } from './defs/contact-support.js';
import { fixClock } from './defs/fix-clock.js';
import { fixConfigDir } from './defs/fix-config-dir.js';
import { fixDns } from './defs/fix-dns.js';
import { fixProviderCredentials } from './defs/fix-provider-credentials.js';
import { fixProxy } from './defs/fix-proxy.js';
import { fixVscodeExtension } from './defs/fix-vscode-extension.js';
import { reauthenticate } from './defs/reauthenticate.js';
import { resetCredentials } from './defs/reset-credentials.js';
import { trustCorporateCa } from './defs/trust-corporate-ca.js';
import { unlockKeychain } from './defs/unlock-keychain.js';
import { unsetConflictingEnv } from './defs/unset-conflicting-env.js';
import { updateClaudeCode } from './defs/update-claude-code.js';
import { useApiKey } from './defs/use-api-key.js';
import { useOauthToken } from './defs/use-oauth-token.js';
import { verifyAccount } from './defs/verify-account.js';
import { waitForService } from './defs/wait-for-service.js';
import type { FixDefinition } from './types.js';

/** Every fix id of DESIGN.md, one definition each; a Record, so a missing id fails to compile. */
export const FIX_DEFINITIONS: Readonly<Record<FixId, FixDefinition>> = {
  'wait-for-service': waitForService,
  'fix-clock': fixClock,
  'unlock-keychain': unlockKeychain,
  'fix-config-dir': fixConfigDir,
  'unset-conflicting-env': unsetConflictingEnv,
  'fix-provider-credentials': fixProviderCredentials,
  'contact-admin': contactAdmin,
  reauthenticate,
  'reset-credentials': resetCredentials,
  'clear-cache': clearCache,
  'fix-dns': fixDns,
  'fix-proxy': fixProxy,
  'trust-corporate-ca': trustCorporateCa,
  'verify-account': verifyAccount,
  'update-claude-code': updateClaudeCode,
  'fix-vscode-extension': fixVscodeExtension,
  'use-oauth-token': useOauthToken,
  'use-api-key': useApiKey,
  'contact-support': contactSupport,
};
