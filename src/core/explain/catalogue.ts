import type { FixId } from '../../shared/report.js';

/**
 * What `claude-auth-doctor explain` knows: the messages Claude Code, the Anthropic API, Node and
 * macOS print when signing in goes wrong, plus the symptoms people describe in their own words.
 * Ids are a public contract (CLI JSON, wizard, tests): add entries, never rename one.
 */

export type Severity = 'low' | 'medium' | 'high';

/**
 * One piece of evidence for an entry. Text is compared as lower-case words, punctuation ignored.
 * - a string: the words appear together, in order ("oauth token has expired");
 * - `near`: every element appears within `within` words (default 6) in any order; an element may
 *   list alternatives with `|` and end a word with `*` to accept any ending ("expir*");
 * - `status`: that HTTP status appears in a status-like position ("API Error: 401").
 */
export type Signal = string | { readonly near: readonly string[]; readonly within?: number } | { readonly status: number };

export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
  /** Plain words for the user; never contains anything from the pasted text. */
  readonly meaning: string;
  readonly severity: Severity;
  /** Best first. */
  readonly fixes: readonly FixId[];
  readonly patterns: {
    /** At least one must be present for the entry to match at all. */
    readonly strong: readonly Signal[];
    /** Only raise the score of an entry that already matched. */
    readonly weak?: readonly Signal[];
  };
}

const ENTRIES: readonly CatalogueEntry[] = [
  // --- Messages Claude Code itself prints -------------------------------------------------
  {
    id: 'oauth-token-expired',
    title: 'OAuth token has expired',
    meaning:
      'The access token Claude Code sent is past its lifetime and was not renewed. A token given through CLAUDE_CODE_OAUTH_TOKEN or ANTHROPIC_AUTH_TOKEN is never renewed for you.',
    severity: 'medium',
    fixes: ['reauthenticate', 'unset-conflicting-env', 'reset-credentials'],
    patterns: {
      strong: [
        'oauth token has expired',
        'please obtain a new token or refresh your existing token',
        { near: ['oauth', 'token', 'expir*'], within: 4 },
      ],
      weak: [{ status: 401 }, 'authentication error', 'failed to authenticate'],
    },
  },
  {
    id: 'not-logged-in',
    title: 'Not logged in',
    meaning: 'Claude Code found no login it could use: none is stored, the stored one could not be read, or a logout removed it.',
    severity: 'medium',
    fixes: ['reauthenticate', 'unlock-keychain', 'reset-credentials'],
    patterns: {
      strong: [
        'not logged in',
        'you are not logged in',
        'not currently logged in',
        'not authenticated run login',
        'not signed in to claude ai',
      ],
      weak: ['please run login', 'loggedin false'],
    },
  },
  {
    id: 'keychain-locked',
    title: 'Login keychain is locked',
    meaning:
      'On macOS Claude Code keeps its login in the login keychain. While that keychain is locked (after sleep, or in an SSH session) the login cannot be read, so Claude Code reports you as logged out.',
    severity: 'high',
    fixes: ['unlock-keychain', 'use-oauth-token', 'reauthenticate'],
    patterns: {
      strong: [
        'run in another terminal security unlock keychain',
        'security unlock keychain',
        'login keychain is locked',
        'keychain is locked',
        { near: ['keychain', 'locked'], within: 4 },
      ],
      weak: ['not logged in', 'please run login', 'ssh'],
    },
  },
  {
    id: 'invalid-api-key',
    title: 'Invalid API key',
    meaning:
      'An API key is in effect (ANTHROPIC_API_KEY, an apiKeyHelper, or a key Claude Code saved) and Anthropic rejects it as mistyped, revoked or unknown. Such a key also takes precedence over a subscription login.',
    severity: 'high',
    fixes: ['unset-conflicting-env', 'use-api-key', 'reauthenticate'],
    patterns: {
      strong: [
        'invalid api key',
        'invalid or missing api key',
        'fix external api key',
        'invalid x api key',
        { near: ['api', 'key', 'invalid|revoked|incorrect|disabled'], within: 4 },
      ],
      weak: [{ status: 401 }, 'authentication error', 'anthropic api key'],
    },
  },
  {
    id: 'oauth-token-revoked',
    title: 'OAuth token revoked',
    meaning:
      'Anthropic no longer accepts this login: it was signed out elsewhere, replaced by a newer login, or cancelled after an account change.',
    severity: 'high',
    fixes: ['reauthenticate', 'reset-credentials', 'unset-conflicting-env'],
    patterns: {
      strong: ['oauth token revoked', 'token has been revoked', { near: ['token', 'revoked'], within: 4 }],
      weak: ['please run login', { status: 401 }, { status: 403 }],
    },
  },
  {
    id: 'login-expired',
    title: 'Login expired',
    meaning:
      'The stored login ran out and Claude Code could not renew it in the background, so a fresh sign-in is needed. With an Anthropic profile (ANTHROPIC_PROFILE), sign in to that profile again (`ant auth login --profile <name>`).',
    severity: 'medium',
    fixes: ['reauthenticate', 'reset-credentials'],
    patterns: {
      strong: [
        'login expired',
        'login has expired',
        'login expired please run login',
        'login expired log in again',
        'oauth session expired and could not be refreshed',
        'anthropic profile login expired',
        'session is not fresh enough',
        'the login this session is using was refused',
        'session stale relogin',
      ],
      weak: ['please run login'],
    },
  },
  {
    id: 'credit-balance-too-low',
    title: 'Credit balance is too low',
    meaning:
      'Requests are billed to an Anthropic Console (API) account that has no prepaid credit left. If you meant to use a Pro or Max subscription, an API key in your environment is taking precedence over it.',
    severity: 'high',
    fixes: ['verify-account', 'unset-conflicting-env', 'use-oauth-token'],
    patterns: {
      strong: ['credit balance is too low', 'credit balance too low', { near: ['credit', 'balance', 'low'], within: 5 }],
      weak: [{ status: 400 }, 'invalid request error', 'billing'],
    },
  },
  {
    id: 'api-overloaded',
    title: 'API overloaded (529)',
    meaning:
      "Anthropic's servers are at capacity and turned the request away; your login is fine. These spells are usually short and often do not appear on the status page.",
    severity: 'medium',
    fixes: ['wait-for-service'],
    patterns: {
      strong: ['overloaded error', 'overloaded', { status: 529 }],
      weak: ['repeated', 'retrying'],
    },
  },
  {
    id: 'ssl-verification-failed',
    title: 'SSL certificate verification failed',
    meaning:
      'The secure connection to the API was not trusted. Usually a corporate proxy or security product inspects TLS traffic and re-signs it with its own certificate, which Node does not trust unless told to.',
    severity: 'high',
    fixes: ['trust-corporate-ca', 'fix-proxy', 'update-claude-code'],
    patterns: {
      strong: [
        'unable to connect to api ssl certificate verification failed',
        'ssl certificate verification failed',
        'certificate verification failed',
        { near: ['ssl|tls|certificate|cert', 'verif*'], within: 4 },
      ],
      weak: ['unable to connect to api', 'proxy', 'vpn'],
    },
  },
  {
    id: 'oauth-request-timeout',
    title: 'OAuth request timed out (timeout of 15000ms exceeded)',
    meaning:
      "Claude Code's call to Anthropic's sign-in server got no answer in time (15 s in older versions, 30 s since), so the login could not finish. These bursts have mostly been incidents at Anthropic; otherwise a slow or filtered network or a proxy is the reason.",
    severity: 'medium',
    fixes: ['wait-for-service', 'fix-proxy', 'fix-dns', 'reauthenticate'],
    patterns: {
      strong: [
        'oauth error timeout of',
        'timeout of 15000ms exceeded',
        'timeout of 30000ms exceeded',
        { near: ['timeout', 'exceeded'], within: 4 },
        { near: ['oauth', 'timeout|timed'], within: 4 },
      ],
      weak: ['oauth', 'oauth error', '15000ms'],
    },
  },
  {
    id: 'invalid-login-code',
    title: 'Invalid login code',
    meaning:
      'The code pasted back into Claude Code after signing in was cut short, mistyped, already used, or belongs to an earlier login attempt.',
    severity: 'low',
    fixes: ['reauthenticate'],
    patterns: {
      strong: [
        'make sure the full code was copied',
        'invalid code',
        'invalid authorization code',
        'that doesn t look like the full code',
        'including the in the middle',
        'that s a web address not the code',
        'that address only works in a browser on this machine',
        'that looks like a verification code',
        'input ended before a code was pasted',
        'that code wasn t accepted',
        'token exchange failed',
        { near: ['code', 'invalid|expired|incomplete', 'login|paste*|authori*|copied'], within: 8 },
      ],
      weak: ['paste code', 'authorization code'],
    },
  },
  {
    id: 'keychain-interaction-not-allowed',
    title: 'Keychain: user interaction is not allowed',
    meaning:
      'macOS needed to ask for your keychain password but could not show a prompt, as happens over SSH or in other sessions without a desktop while the login keychain is locked.',
    severity: 'high',
    fixes: ['unlock-keychain', 'use-oauth-token', 'use-api-key'],
    patterns: {
      strong: [
        'user interaction is not allowed',
        'errsecinteractionnotallowed',
        { near: ['25308', 'keychain|security|osstatus|interaction'], within: 12 },
      ],
      weak: ['keychain', 'ssh', 'security'],
    },
  },
  {
    id: 'keychain-duplicate-item',
    title: 'Keychain item already exists (-25299)',
    meaning:
      'macOS would not save the login because an item with the same name is already in the keychain, usually a stray duplicate left by an earlier install, account or config directory.',
    severity: 'medium',
    fixes: ['reset-credentials', 'unlock-keychain', 'reauthenticate'],
    patterns: {
      strong: [
        'seckeychainitemcreatefromcontent',
        { near: ['25299', 'keychain|security|osstatus|duplicate|item'], within: 12 },
        'errsecduplicateitem',
        'already exists in the keychain',
        { near: ['keychain', 'item', 'already', 'exists'], within: 8 },
      ],
      weak: ['keychain', 'security'],
    },
  },
  {
    id: 'keychain-item-not-found',
    title: 'Item not found in the keychain',
    meaning:
      'No Claude Code login is stored in the keychain under the expected name and account, so there is nothing to read. This follows a logout, a new machine, or a changed CLAUDE_CONFIG_DIR.',
    severity: 'medium',
    fixes: ['reauthenticate', 'reset-credentials'],
    patterns: {
      strong: [
        'could not be found in the keychain',
        'errsecitemnotfound',
        { near: ['25300', 'keychain|security|osstatus|item'], within: 12 },
        { near: ['item', 'not', 'found', 'keychain'], within: 8 },
      ],
      weak: ['keychain', 'security'],
    },
  },

  // --- Claude Code 2.1.332's own account, storage, provider and network messages -----------------
  {
    id: 'login-time-limit',
    title: 'Login reached its time limit',
    meaning:
      'Every claude.ai sign-in has a fixed end about a month after you signed in (refreshTokenExpiresAt), which renewing the access token never moves: from three days before it the login may end at any time, and after it only signing in again helps. Background jobs are better off with a one-year token from `claude setup-token`.',
    severity: 'high',
    fixes: ['reauthenticate', 'use-oauth-token'],
    patterns: {
      strong: [
        'login reached its time limit',
        'this login reached its time limit',
        'your login expires in',
        'this sign in ends between',
        'this sign in can end at any time',
        'this sign in may have ended',
        'sign in ends any day now',
        'sign in may have ended',
        'renewing it does not move',
        'refresh token expired',
      ],
      weak: ['please run login', 'claude setup token'],
    },
  },
  {
    id: 'login-expired-console-fallback',
    title: 'Login expired; the Console key tried instead has no credit',
    meaning:
      'Your claude.ai login expired, so Claude Code fell back to an API key a Console login saved on this machine, whose organization has no credit. Sign in again to use your subscription; add Console credit only if you meant to use the API.',
    severity: 'high',
    fixes: ['reauthenticate', 'verify-account'],
    patterns: {
      strong: ['instead but it doesn t have enough credit', { near: ['claude', 'code', 'tried', 'instead', 'credit'], within: 14 }],
      weak: ['login expired', 'add funds'],
    },
  },
  {
    id: 'console-signin-after-logout',
    title: 'Log out to use the saved Console sign-in',
    meaning:
      'A claude.ai login is stored next to a Console (API billing) sign-in, and Claude Code uses the claude.ai one. Logging out (which also signs you out of MCP servers and plugins) makes it use the Console sign-in; signing in again restores the claude.ai login.',
    severity: 'low',
    fixes: ['reauthenticate'],
    patterns: { strong: ['to use your saved claude console sign in'] },
  },
  {
    id: 'keychain-save-failed',
    title: "Claude Code can't save its login to the keychain",
    meaning:
      'Claude Code could not write its login to the macOS keychain (locked after sleep or over SSH, or blocked by a sandbox), and signing in again fails the same way until it is unlocked. Unlock it first, or run claude outside the sandbox; on a server use a token from `claude setup-token`.',
    severity: 'high',
    fixes: ['unlock-keychain', 'use-oauth-token'],
    patterns: {
      strong: [
        'can t save to the keychain',
        'can t save to the macos keychain',
        'couldn t save your login',
        'couldn t remove your expired login',
        'failed to save api key to macos keychain',
        'credential store could not be read',
        'secure storage could not be fully read or changed',
        'keychain is not writable',
        'could not save the refreshed claude ai credentials',
        'couldn t save the sign in to secure storage',
        'could not save your sign in to secure storage',
        'your new credentials could not be saved',
        'failed to remove api key from macos keychain',
        'the login keychain may be locked',
      ],
      weak: ['security unlock keychain', 'keychain'],
    },
  },
  {
    id: 'missing-api-key-over-ssh',
    title: '"Missing API key" only over SSH (macOS)',
    meaning:
      'Over SSH the macOS login keychain starts locked, so Claude Code cannot read the login it stored there and reports no key at all. Unlock the keychain in that session, or use a token from `claude setup-token` there.',
    severity: 'high',
    fixes: ['unlock-keychain', 'use-oauth-token'],
    patterns: { strong: [{ near: ['ssh|ssh ing|sshing', 'missing', 'api', 'key'], within: 14 }] },
  },
  {
    id: 'config-dir-full',
    title: "Claude Code's config directory is full or not writable",
    meaning:
      "The disk (or your quota) that holds Claude Code's config directory is full, or the directory cannot be written, so Claude Code cannot take its refresh lock or save renewed tokens and a renewal the server already made is lost. Free space or repair the directory; signing in again won't help until then.",
    severity: 'high',
    fixes: ['fix-config-dir', 'reauthenticate'],
    patterns: {
      strong: [
        'the disk that holds the claude code config directory',
        { near: ['disk|quota', 'full'], within: 8 },
        'your disk quota on it is full',
        'because the disk is full',
        'disk is full',
        'enospc',
        'edquot',
        'failed to save oauth tokens',
        'make sure claude code can write to its config directory',
        'claude config dir is set but empty',
        'eacces permission denied open',
        'eperm operation not permitted open',
      ],
      weak: ['signing in again won t help'],
    },
  },
  {
    id: 'refresh-lock-busy',
    title: 'Another Claude Code process is refreshing the login',
    meaning:
      'Several Claude Code processes share one login and another one holds the refresh lock (or died holding it); this usually clears within a minute. If it keeps happening, close idle sessions and give background jobs and tmux fleets their own long-lived token from `claude setup-token`.',
    severity: 'medium',
    fixes: ['use-oauth-token', 'reauthenticate'],
    patterns: {
      strong: [
        'another claude code process is refreshing it',
        'could not acquire refresh lock',
        'failed to acquire refresh lock',
        { near: ['another', 'process', 'refreshing'], within: 6 },
        'exited mid refresh',
      ],
    },
  },
  {
    id: 'subscription-payment-past-due',
    title: "Claude Code can't use your subscription (payment past due)",
    meaning:
      'Anthropic refuses Claude Code on this Pro or Max subscription, usually because a payment is past due, and signing in again does not help. Pay or renew in your claude.ai billing settings (if you just paid, wait a moment), or use an API key.',
    severity: 'high',
    fixes: ['verify-account', 'use-api-key'],
    patterns: {
      strong: ['payment is past due', 'can t use your claude subscription', 'claude ai settings billing'],
      weak: ['pay or renew'],
    },
  },
  {
    id: 'oauth-org-not-allowed',
    title: 'OAuth authentication is not allowed for this organization',
    meaning:
      "Anthropic refuses subscription logins for this organization (oauth_org_not_allowed), and signing in again gives the same answer. On a personal Pro or Max plan the subscription usually lapsed or a payment is past due (check billing); on a Team or Enterprise plan your admin switched Claude Code's subscription access off.",
    severity: 'high',
    fixes: ['verify-account', 'contact-admin', 'use-api-key'],
    patterns: {
      strong: [
        'oauth authentication is currently not allowed for this organization',
        'oauth org not allowed',
        { near: ['oauth', 'not', 'allowed', 'organization'], within: 8 },
      ],
      weak: [{ status: 403 }, 'permission error'],
    },
  },
  {
    id: 'org-disabled-subscription',
    title: 'Your organization disabled subscription access for Claude Code',
    meaning:
      "Your organization's admin has turned off Claude subscription access for Claude Code; signing in again does not help. Ask them to enable it, or use an Anthropic API key.",
    severity: 'high',
    fixes: ['contact-admin', 'use-api-key'],
    patterns: {
      strong: [
        'organization has disabled claude subscription access',
        { near: ['disabled', 'subscription', 'access', 'claude', 'code'], within: 8 },
      ],
    },
  },
  {
    id: 'org-disabled-api-key-env',
    title: 'Your organization disabled API key authentication (key from the environment)',
    meaning:
      'The organization this API key belongs to does not allow API keys in Claude Code. The key comes from ANTHROPIC_API_KEY or an apiKeyHelper setting: remove it, then sign in with your claude.ai account.',
    severity: 'high',
    fixes: ['unset-conflicting-env', 'reauthenticate'],
    patterns: {
      strong: [
        'has disabled api key authentication',
        'disabled api key authentication unset anthropic api key',
        'unset the apikeyhelper setting',
        'api key authentication is disabled',
      ],
    },
  },
  {
    id: 'org-disabled-api-key-login',
    title: 'Your organization disabled API key authentication (key from a Console login)',
    meaning:
      'The API key a Console login saved belongs to an organization that no longer allows API keys in Claude Code. No variable is involved: sign in again with your claude.ai account.',
    severity: 'high',
    fixes: ['reauthenticate'],
    patterns: {
      strong: [
        'disabled api key authentication run login to sign in with your claude ai account',
        'disabled api key authentication sign in again with your claude ai account',
      ],
    },
  },
  {
    id: 'api-key-disabled-org',
    title: 'ANTHROPIC_API_KEY belongs to a disabled organization',
    meaning:
      'The API key in ANTHROPIC_API_KEY belongs to an organization that is disabled. Replace it, or unset it to use your subscription.',
    severity: 'high',
    fixes: ['unset-conflicting-env', 'use-api-key'],
    patterns: { strong: ['belongs to a disabled organization'] },
  },
  {
    id: 'organization-disabled',
    title: 'This organization has been disabled',
    meaning:
      'Anthropic has disabled the organization behind this login or key, for example after an automated review. Nothing on this machine fixes it: check the account on claude.ai or in the Console for a notice or an appeal, or contact support.',
    severity: 'high',
    fixes: ['verify-account', 'contact-support'],
    patterns: { strong: ['organization has been disabled', 'this organization has been disabled'], weak: [{ status: 400 }] },
  },
  {
    id: 'account-on-hold',
    title: 'Your account is on hold',
    meaning:
      'Anthropic has put the account on hold; Claude Code cannot be used until it is released. The message links to the details and an appeal.',
    severity: 'high',
    fixes: ['verify-account', 'contact-support'],
    patterns: { strong: ['your account is on hold', 'account on hold', 'claude ai restricted'] },
  },
  {
    id: 'console-login-not-console',
    title: "The saved Console sign-in isn't a Console account",
    meaning:
      'Claude Code found a Console (API billing) sign-in that is not for a Console account. Run /login and choose the account you mean: your Claude subscription, or a Console account.',
    severity: 'medium',
    fixes: ['reauthenticate'],
    patterns: { strong: ['can t use the anthropic console sign in saved on this computer', 'isn t for a console account'] },
  },
  {
    id: 'network-region-blocked',
    title: "Request blocked before it reached Anthropic's API",
    meaning:
      "The network this request came from is not allowed: usually an unsupported region, or a VPN, proxy or hosting network Anthropic does not accept. Signing in again won't change it; switch network or VPN.",
    severity: 'high',
    fixes: ['fix-proxy', 'verify-account'],
    patterns: {
      strong: [
        'request blocked before it reached anthropic s api',
        'the network this request came from isn t allowed',
        'unsupported region',
        'supported countries',
        'might not be available in your country',
      ],
    },
  },
  {
    id: 'gateway-refused',
    title: 'The gateway refused the request',
    meaning:
      "Requests go through a gateway (ANTHROPIC_BASE_URL or a Cloud gateway) and the gateway refused this one, or could not authenticate with its upstream provider. Its administrator decides, and signing in to Claude again won't change it; if the gateway token itself expired, renew it.",
    severity: 'high',
    fixes: ['contact-admin', 'unset-conflicting-env'],
    patterns: {
      strong: [
        'gateway refused the request',
        'your organization s gateway refused the request',
        'could not authenticate with its upstream provider',
        'check with your gateway administrator',
        'check your access with your gateway administrator',
      ],
    },
  },
  {
    id: 'cloud-gateway-signin',
    title: 'Cloud gateway sign-in needed',
    meaning:
      'Claude Code talks to your organization through a Cloud gateway, and its sign-in is missing, expired, untrusted or ended. Run /login inside claude to reconnect; if it is refused, ask your administrator which version to use.',
    severity: 'medium',
    fixes: ['reauthenticate', 'contact-admin'],
    patterns: {
      strong: [
        'not signed in to the cloud gateway',
        'cloud gateway session expired',
        'is not trusted on this machine run login to reconnect',
        'tls certificate changed since you connected',
        'not connected to cloud gateway',
        'configure a cloud gateway sign in',
        'this session uses a cloud gateway',
      ],
      weak: ['cloud gateway'],
    },
  },
  {
    id: 'aws-credentials',
    title: 'AWS credentials expired or invalid (Bedrock, Claude Platform on AWS)',
    meaning:
      'Claude Code uses Amazon Bedrock (or Claude Platform on AWS, or Mantle) with AWS credentials, and AWS refused or could not find them. Refresh them at AWS (`aws sso login`, new access keys, or your awsAuthRefresh command); signing in to Claude does not touch them.',
    severity: 'high',
    fixes: ['fix-provider-credentials'],
    patterns: {
      strong: [
        'aws authentication failed',
        'aws credentials expired or invalid',
        'the security token included in the request is',
        'security token expired',
        'expiredtokenexception',
        'unrecognizedclientexception',
        'could not load aws credentials',
        'could not load credentials from any providers',
        'aws auth refresh timed out',
        'awsauthrefresh',
        'awscredentialexport',
        'aws sso login',
        'please re authenticate using aws login',
        'could not be found in shared credentials file',
        'credential process returned expired credentials',
        'failed to refresh aws credential cache',
        'your iam policy may be missing',
        'enable this model for your account and region in the amazon bedrock console',
        'refresh credentials or run',
      ],
      weak: ['bedrock', 'aws'],
    },
  },
  {
    id: 'google-cloud-credentials',
    title: 'Google Cloud credentials expired or invalid (Vertex AI)',
    meaning:
      'Claude Code uses Vertex AI (or Claude Platform on Google Cloud) with Google Cloud credentials, and they are missing or refused. Refresh them: `gcloud auth application-default login`, or fix the key file in GOOGLE_APPLICATION_CREDENTIALS.',
    severity: 'high',
    fixes: ['fix-provider-credentials'],
    patterns: {
      strong: [
        'google cloud authentication failed',
        'google cloud credentials expired or invalid',
        'could not load the default credentials',
        'could not load google cloud credentials',
        'default credentials were not found',
        'could not automatically determine credentials',
        'gcp auth refresh timed out',
        'error running gcpauthrefresh',
        'request had invalid authentication credentials',
        'refresh the gateway token provided via',
        'service account credentials have been revoked or expired',
      ],
      weak: ['vertex', 'google application credentials', 'gcloud'],
    },
  },
  {
    id: 'foundry-credentials',
    title: 'Microsoft Foundry credential refused',
    meaning:
      'Claude Code uses Microsoft Foundry and its credential (ANTHROPIC_FOUNDRY_API_KEY, ANTHROPIC_FOUNDRY_AUTH_TOKEN or your Azure sign-in) is missing or refused. Refresh it, for example with `az login`.',
    severity: 'high',
    fixes: ['fix-provider-credentials'],
    patterns: {
      strong: [
        'microsoft foundry authentication failed',
        'refresh your foundry credential',
        'could not load azure credentials',
        'connect azaccount',
      ],
      weak: ['foundry', 'azure'],
    },
  },
  {
    id: 'provider-managed-by-admin',
    title: 'Provider credentials are managed for you',
    meaning:
      'Your organization or the environment manages how Claude Code reaches its provider; the fix is theirs. Retry, then ask your administrator how credentials are refreshed.',
    severity: 'medium',
    fixes: ['contact-admin'],
    patterns: {
      strong: [
        'credentials are managed by this environment',
        'your organization manages how you reach amazon bedrock',
        'forcelogin orguuid in managed settings',
        'forceloginorguuid in managed settings',
        'unable to read managed policy settings',
        'gateway login is required by your organization s policy',
        'can t read this computer s managed settings',
      ],
    },
  },
  {
    id: 'api-key-helper-failing',
    title: 'Your apiKeyHelper script is failing',
    meaning:
      'Claude Code runs the apiKeyHelper command from its settings to get a key, and the command failed or printed something that is not a key (it must print only the key). Run it by hand: usually it needs you to sign in again with whatever it reads the key from.',
    severity: 'high',
    fixes: ['fix-provider-credentials', 'unset-conflicting-env'],
    patterns: {
      strong: [
        'your apikeyhelper script is failing',
        'apikeyhelper failed',
        'returned output that cannot be used as an api key',
        'the script must print only the key',
        'apikeyhelper is not run',
      ],
    },
  },
  {
    id: 'header-value-rejected',
    title: 'A key or token holds a character Claude Code cannot send',
    meaning:
      'The key or token in a variable (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN or ANTHROPIC_CUSTOM_HEADERS) contains a line break, a zero-width or no-break space, a typographic quote or another character that cannot go into an HTTP header; Claude Code trims spaces at the ends but refuses these. Set it again on one line, copied from its source.',
    severity: 'high',
    fixes: ['unset-conflicting-env', 'use-oauth-token'],
    patterns: {
      strong: [
        'header value from',
        'it contains a line break at character',
        'it contains a nul byte at character',
        'it contains a zero width character',
        'it contains a byte order mark',
        'it contains a no break space',
        'it contains a typographic quote',
        'it contains a typographic dash',
        'a character the http runtime does not accept',
        'invalid anthropic custom headers',
        'invalid request header from the environment',
        'fix external auth token',
        'invalid auth token',
      ],
    },
  },
  {
    id: 'api-key-unapproved',
    title: 'ANTHROPIC_API_KEY is set but not used here',
    meaning:
      'Interactive Claude Code ignores an ANTHROPIC_API_KEY you never approved (claude -p and scripts still use it, billed to the API), and a key set anywhere switches off claude.ai connectors. Unset it unless you mean to pay with it; approve it in /config if you do.',
    severity: 'medium',
    fixes: ['unset-conflicting-env'],
    patterns: {
      strong: [
        'anthropic api key not used here',
        'unused api key anthropic api key',
        'turn on use custom api key in config',
        'claude ai connectors are disabled because',
      ],
    },
  },
  {
    id: 'env-credential-required',
    title: 'No credential in the environment (bare or SDK mode)',
    meaning:
      'This mode reads credentials only from the environment and found none: set ANTHROPIC_API_KEY, or CLAUDE_CODE_OAUTH_TOKEN from `claude setup-token`.',
    severity: 'medium',
    fixes: ['use-api-key', 'use-oauth-token'],
    patterns: { strong: ['or wif env vars', 'anthropic api key anthropic auth token claude code oauth token'] },
  },
  {
    id: 'auth-temporary-network',
    title: 'Authentication error that may be a temporary network issue',
    meaning: 'A remote session could not authenticate, most likely because of a brief network problem. Retry before changing your login.',
    severity: 'low',
    fixes: ['wait-for-service', 'fix-proxy'],
    patterns: { strong: ['this may be a temporary network issue'] },
  },
  {
    id: 'oauth-token-env-refused',
    title: 'CLAUDE_CODE_OAUTH_TOKEN was refused',
    meaning:
      'The token in CLAUDE_CODE_OAUTH_TOKEN was refused (expired, revoked, or for another organization). Make a new one with `claude setup-token`, or unset the variable and run /login.',
    severity: 'high',
    fixes: ['use-oauth-token', 'unset-conflicting-env'],
    patterns: {
      strong: [
        'keeping the user supplied claude code oauth token',
        'claude code oauth token environment variable provides a token for a different organization',
      ],
    },
  },
  {
    id: 'managed-org-mismatch',
    title: 'Signed in to an organization this machine does not allow',
    meaning:
      "This machine's managed settings require a particular organization, and the login (or token) is for another one, or could not be checked. Sign in with a permitted organization.",
    severity: 'medium',
    fixes: ['reauthenticate', 'contact-admin'],
    patterns: {
      strong: [
        'but this machine requires',
        'unable to verify organization for the current authentication token',
        'a stored claude ai login belongs to organization',
      ],
    },
  },
  {
    id: 'model-not-in-plan',
    title: 'Model not available with your plan',
    meaning: 'The model you picked is not in your plan. If you just upgraded, sign out and in again so Claude Code picks up the new plan.',
    severity: 'low',
    fixes: ['reauthenticate', 'verify-account'],
    patterns: { strong: ['is not available with the claude pro plan', 'for the plan to take effect'] },
  },
  {
    id: 'api-key-format-invalid',
    title: 'Invalid API key format (Console login)',
    meaning:
      'A Console login produced a key Claude Code would not save (only letters, digits, dashes and underscores are allowed). Sign in again.',
    severity: 'low',
    fixes: ['reauthenticate'],
    patterns: { strong: ['invalid api key format', 'api key must contain only alphanumeric characters'] },
  },
  {
    id: 'invalid-api-key-run-login',
    title: 'Invalid API key · Please run /login',
    meaning:
      'Older Claude Code versions (and the VS Code extension) say this when no usable login is found at all; no variable is involved. Sign in again.',
    severity: 'medium',
    fixes: ['reauthenticate', 'fix-vscode-extension'],
    patterns: { strong: ['invalid api key please run login', 'invalid api key please run'] },
  },
  {
    id: 'login-flow-failed',
    title: 'The sign-in did not complete',
    meaning:
      "Claude Code's sign-in was interrupted, cancelled, or could not start its local listener for the browser. Sign in again; if the browser cannot reach it, paste the code the browser shows.",
    severity: 'medium',
    fixes: ['reauthenticate'],
    patterns: {
      strong: [
        'couldn t start the local listener',
        'failed to start oauth callback server',
        'sign in was canceled or failed',
        'sign in was denied in the browser',
        'the sign in came back without a refresh token',
        'couldn t log in',
        'login interrupted',
        'couldn t log out',
        'sign in again to take your previous account',
        'may still be in the config file',
      ],
    },
  },
  {
    id: 'logout-not-revoked',
    title: "Logged out, but the login wasn't confirmed revoked",
    meaning:
      'Claude Code removed the login here, but Anthropic did not confirm it was revoked; it may keep working elsewhere until you revoke it in your claude.ai settings.',
    severity: 'low',
    fixes: ['verify-account'],
    patterns: { strong: ['didn t confirm the login was revoked', 'revoke it at'] },
  },
  {
    id: 'console-key-not-created',
    title: 'The server did not create an API key',
    meaning: 'A Console login could not create its API key and the server gave no reason. If it keeps happening, contact support.',
    severity: 'medium',
    fixes: ['contact-support'],
    patterns: { strong: ['the server did not create an api key'] },
  },
  {
    id: 'usage-credits-required',
    title: 'Usage credits required',
    meaning:
      'The request needs usage credits (for example the 1M-token context). Turn them on in your account, or use the standard context.',
    severity: 'low',
    fixes: ['verify-account'],
    patterns: { strong: ['usage credits required'] },
  },
  {
    id: 'proxy-tunnel-refused',
    title: 'The proxy refused the tunnel (ERR_PROXY_TUNNEL)',
    meaning:
      "Claude Code's traffic goes through the proxy in HTTPS_PROXY, and that proxy refused to open a tunnel to Anthropic: wrong or missing proxy credentials, or a proxy that does not allow this host. Or a captive portal wants you to sign in to the network first.",
    severity: 'high',
    fixes: ['fix-proxy'],
    patterns: {
      strong: [
        'couldn t connect through your proxy',
        'err proxy tunnel',
        'the proxy refused the tunnel',
        'sign in to network or proxy',
        'redirectrefused',
        'tunneling socket could not be established',
        'connection to establish proxy tunnel timed out',
        'invalid proxy url',
      ],
    },
  },
  {
    id: 'no-internet-route',
    title: 'No internet route (ENETUNREACH)',
    meaning: 'This machine has no route to the API: the network is down, or a VPN took over routing. Check the connection or the VPN.',
    severity: 'high',
    fixes: ['fix-proxy', 'fix-dns'],
    patterns: { strong: ['no internet route', 'enetunreach', 'ehostunreach', 'enetdown'] },
  },
  {
    id: 'connection-lost',
    title: 'Connection to the API was lost',
    meaning:
      'An established connection to the API dropped, usually for a moment (sleep, a Wi-Fi change): try again. If it keeps happening, a proxy or VPN is cutting long connections.',
    severity: 'low',
    fixes: ['wait-for-service', 'fix-proxy'],
    patterns: { strong: ['connection to the api was lost', 'connection lost while your computer was asleep'] },
  },
  {
    id: 'certificate-time-invalid',
    title: 'Certificate expired or not yet valid',
    meaning:
      "The API's certificate looks expired or not yet valid, which is how every certificate looks when this machine's clock is wrong. Fix the clock first (turn on network time); otherwise a proxy is presenting an old certificate.",
    severity: 'high',
    fixes: ['fix-clock', 'fix-proxy'],
    patterns: {
      strong: [
        'unable to connect to api ssl certificate has expired',
        'unable to connect to api ssl certificate is not yet valid',
        'ssl certificate has expired',
        'certificate has expired',
        'certificate is not yet valid',
        'cert not yet valid',
        'cert has expired',
        'by this computer s clock the token',
      ],
    },
  },
  {
    id: 'certificate-wrong-host',
    title: 'Certificate revoked or for another host',
    meaning:
      'The certificate presented for the API is revoked or belongs to another host: something between you and Anthropic (a proxy, a captive portal, or a wrong ANTHROPIC_BASE_URL) is answering in its place.',
    severity: 'high',
    fixes: ['fix-proxy'],
    patterns: {
      strong: [
        'unable to connect to api ssl certificate has been revoked',
        'unable to connect to api ssl certificate hostname mismatch',
        'ssl certificate has been revoked',
        'ssl certificate hostname mismatch',
        'err tls cert altname invalid',
        'hostname ip does not match certificate',
        'unable to connect to api ssl error',
      ],
    },
  },

  // --- The guide's error table --------------------------------------------------------------
  {
    id: 'session-expired',
    title: 'Session expired',
    meaning:
      'Your sign-in is no longer valid and Claude Code needs a new one. Short-lived access tokens normally renew by themselves; seeing this means the renewal did not happen.',
    severity: 'medium',
    fixes: ['reauthenticate', 'reset-credentials'],
    patterns: {
      strong: ['session expired', 'session has expired', { near: ['session', 'expir*'], within: 3 }],
      weak: [{ status: 401 }],
    },
  },
  {
    id: 'authentication-failed',
    title: 'Authentication failed',
    meaning: 'Claude Code could not prove who you are: the credential it presented was refused.',
    severity: 'high',
    fixes: ['reauthenticate', 'reset-credentials', 'unset-conflicting-env', 'verify-account'],
    patterns: {
      strong: ['authentication failed', 'auth failed', 'failed to authenticate', 'could not authenticate', 'unable to authenticate'],
      weak: [{ status: 401 }, 'authentication error'],
    },
  },
  {
    id: 'invalid-credentials',
    title: 'Invalid credentials',
    meaning:
      'The login Claude Code has stored was refused as a whole (revoked, replaced by a newer login elsewhere, or a stale entry that /login alone does not replace). Move the stored login aside and sign in again.',
    severity: 'high',
    fixes: ['reset-credentials', 'reauthenticate', 'unset-conflicting-env', 'clear-cache'],
    patterns: {
      strong: [
        'invalid credentials',
        'invalid authentication credentials',
        'invalid credential',
        'credentials are invalid',
        { near: ['credential*', 'invalid|rejected|corrupt*|malformed|damaged'], within: 4 },
      ],
      weak: [{ status: 401 }],
    },
  },
  {
    id: 'login-session-expired',
    title: 'Login session expired',
    meaning: 'The sign-in session reached its time limit, as sessions do; signing in again starts a new one.',
    severity: 'medium',
    fixes: ['reauthenticate'],
    patterns: {
      strong: ['login session expired', 'login session has expired', { near: ['login', 'session', 'expir*'], within: 4 }],
    },
  },
  {
    id: 'unauthorized-request',
    title: 'Unauthorized request',
    meaning: 'The API refused a request because the token sent with it is invalid or has expired.',
    severity: 'high',
    fixes: ['reauthenticate', 'reset-credentials', 'unset-conflicting-env'],
    patterns: {
      strong: [
        'unauthorized request',
        'unauthorized error',
        '401 unauthorized',
        'unauthorized',
        { near: ['unauthori*', 'request*'], within: 4 },
      ],
      weak: [{ status: 401 }],
    },
  },
  {
    id: 'failed-authentication',
    title: 'Failed authentication',
    meaning: "Anthropic's sign-in service turned the request down: the account link Claude Code holds is no longer accepted.",
    severity: 'high',
    fixes: ['reauthenticate', 'verify-account', 'reset-credentials'],
    patterns: {
      strong: ['failed authentication', 'auth system rejected', { near: ['authenticat*', 'rejected'], within: 5 }],
      weak: [{ status: 401 }],
    },
  },
  {
    id: 'token-expired',
    title: 'Token expired',
    meaning:
      'The access token is past its lifetime. Claude Code normally renews it quietly with the refresh token; if this keeps coming back, the renewal is failing and a fresh login is needed.',
    severity: 'medium',
    fixes: ['reauthenticate', 'unset-conflicting-env', 'reset-credentials'],
    patterns: {
      strong: ['token expired', 'token has expired', 'expired token', { near: ['token', 'expir*'], within: 3 }],
      weak: [{ status: 401 }],
    },
  },
  {
    id: 'sign-in-required',
    title: 'Sign in required',
    meaning: 'Claude Code has no valid login to use yet.',
    severity: 'low',
    fixes: ['reauthenticate', 'unlock-keychain'],
    patterns: {
      strong: [
        'sign in required',
        'signin required',
        'login required',
        'please sign in',
        'please log in',
        'please login',
        'authentication required sign in again',
        'sign in again to continue',
        'requires a full scope login token',
      ],
    },
  },
  {
    id: 'oauth-callback-timeout',
    title: 'OAuth callback timeout',
    meaning:
      'The browser never handed the login back to Claude Code on localhost: a firewall, VPN or security product blocks the local callback, or the browser is on another machine. Sign in again and paste the code the browser shows instead.',
    severity: 'medium',
    fixes: ['reauthenticate', 'use-oauth-token', 'use-api-key'],
    patterns: {
      strong: [
        'oauth callback timeout',
        'oauth error econnrefused',
        'callback to localhost fails',
        'was there a typo in the url or port',
        { near: ['login|oauth|callback', 'econnrefused'], within: 6 },
        'callback timeout',
        'callback timed out',
        { near: ['callback|redirect', 'timed|timeout|timing'], within: 5 },
        { near: ['browser', 'timed|timeout|timing'], within: 12 },
      ],
      weak: ['browser', 'oauth'],
    },
  },
  {
    id: 'keychain-access-denied',
    title: 'Keychain access denied',
    meaning:
      'macOS refused Claude Code access to its keychain entry, most often because the login keychain is locked (SSH session, after sleep) or an access prompt was declined.',
    severity: 'high',
    fixes: ['unlock-keychain', 'use-oauth-token', 'use-api-key'],
    patterns: {
      strong: ['keychain access denied', { near: ['keychain', 'denied|refused|blocked'], within: 5 }],
      weak: ['macos', 'ssh', 'security unlock keychain'],
    },
  },
  {
    id: 'server-error-during-login',
    title: 'Error 500 during login',
    meaning: "Anthropic's side failed while you were signing in; nothing on your machine causes this.",
    severity: 'high',
    fixes: ['wait-for-service', 'reauthenticate', 'contact-support'],
    patterns: {
      strong: [
        'error 500 during login',
        { near: ['500|internal', 'login*|logging|signin*|signing|sign|oauth|authenticat*'], within: 6 },
        { near: ['500|internal', 'server|error', 'login*|logging|signin*|signing|sign|oauth|authenticat*'], within: 8 },
      ],
      weak: [{ status: 500 }, 'internal server error'],
    },
  },

  // --- The guide's symptom table --------------------------------------------------------------
  {
    id: 'random-logout',
    title: 'Random logout during an active session',
    meaning:
      'Claude Code signed you out mid-session because the access token ran out and renewing it failed, often because another machine or process using the same login renewed it first.',
    severity: 'medium',
    fixes: ['reauthenticate', 'update-claude-code', 'reset-credentials'],
    patterns: {
      strong: [
        'random logout',
        'random logouts',
        'randomly logged out',
        'logged out randomly',
        'keeps logging me out',
        'keeps logging out',
        'logged out during',
        'logged out in the middle',
        { near: ['random*|suddenly|unexpected*', 'logout*|logged|signed'], within: 4 },
      ],
    },
  },
  {
    id: 'login-loop',
    title: 'Stuck in a login loop',
    meaning:
      'Signing in seems to work but Claude Code asks again straight away. That points at a stored login that cannot be read back (damaged entry, duplicate keychain items, wrong file permissions).',
    severity: 'high',
    fixes: ['reset-credentials', 'reauthenticate', 'unlock-keychain', 'clear-cache'],
    patterns: {
      strong: [
        'login loop',
        'keeps asking me to log in',
        'keeps asking me to login',
        'keeps asking to log in',
        'asks me to log in again',
        'asks me to login again',
        { near: ['login|log|sign|signin|auth*|logon', 'loop*'], within: 4 },
      ],
    },
  },
  {
    id: 'google-sso-login-fails',
    title: 'Google SSO completes but login fails',
    meaning:
      'With Google sign-in the browser sometimes finishes the redirect yet the CLI never receives the login. Signing in with email instead usually gets around it.',
    severity: 'medium',
    fixes: ['reauthenticate', 'update-claude-code', 'use-oauth-token'],
    patterns: {
      strong: ['google sso', { near: ['google', 'sso|login|log|sign*|auth*|oauth|account'], within: 6 }],
    },
  },
  {
    id: 'dns-resolution-failure',
    title: 'DNS resolution fails (getaddrinfo ENOTFOUND)',
    meaning:
      "Your machine could not turn Anthropic's host names into addresses, so nothing can connect. DNS filtering on a corporate network, a VPN, or a broken resolver setting is the usual cause.",
    severity: 'high',
    fixes: ['fix-dns', 'fix-proxy'],
    patterns: {
      strong: [
        'getaddrinfo',
        'enotfound',
        'eai again',
        'could not resolve host',
        'temporary failure in name resolution',
        'name or service not known',
        'nodename nor servname',
        'dns resolution',
        'can t reach the api server',
        { near: ['dns', 'fail*|hang*|error|timeout|timed|resolv*|lookup'], within: 5 },
      ],
      weak: ['api anthropic com', 'claude ai'],
    },
  },
  {
    id: 'vscode-only-failure',
    title: 'Works in the CLI but not in VS Code',
    meaning:
      'The VS Code extension keeps its own sign-in state apart from the terminal. When that state is damaged, or another extension interferes, only the editor fails.',
    severity: 'medium',
    fixes: ['fix-vscode-extension', 'update-claude-code', 'reauthenticate'],
    patterns: {
      strong: [
        'vs code extension',
        'vscode extension',
        'not in vs code',
        'not vs code',
        'not in vscode',
        'not vscode',
        'only in vs code',
        'only in vscode',
        { near: ['works|working|fine|ok', 'cli|terminal', 'vs|vscode|cursor|ide|extension'], within: 10 },
      ],
    },
  },
  {
    id: 'corporate-network-block',
    title: 'Works on a hotspot but not on the office network',
    meaning:
      'Something on the office network (a firewall, a proxy, DNS filtering or TLS inspection) blocks or alters traffic to Anthropic.',
    severity: 'high',
    fixes: ['fix-proxy', 'trust-corporate-ca', 'fix-dns'],
    patterns: {
      strong: ['hotspot', 'office network', 'corporate network', 'corporate firewall', 'company network', 'company firewall'],
      weak: ['vpn', 'proxy', 'firewall'],
    },
  },
  {
    id: 'account-changed',
    title: 'Authentication fails after an account change',
    meaning:
      'Changing your password, email, MFA or subscription ends existing sessions, so every place you were signed in needs a fresh login.',
    severity: 'medium',
    fixes: ['reauthenticate', 'verify-account', 'reset-credentials'],
    patterns: {
      strong: [
        'account change',
        {
          near: ['chang*|reset|updat*|switch*|upgrad*|downgrad*|enabl*', 'password|mfa|2fa|email|account|subscription|plan'],
          within: 4,
        },
      ],
      weak: ['authentication fails', 'login fails'],
    },
  },

  // --- Other common API, network and install errors ---------------------------------------------
  {
    id: 'api-authentication-error',
    title: 'API error 401 (authentication_error)',
    meaning:
      "Anthropic's API refused the credential that was sent: expired, revoked, or not valid for this endpoint. The text after the error type says which.",
    severity: 'high',
    fixes: ['reauthenticate', 'unset-conflicting-env', 'reset-credentials'],
    patterns: {
      strong: ['authentication error', { status: 401 }, 'invalid bearer token'],
      weak: ['api error', 'failed to authenticate'],
    },
  },
  {
    id: 'api-permission-error',
    title: 'API error 403 (permission_error)',
    meaning:
      'The credential was recognised but is not allowed to do this: the organisation or plan lacks access, the token lacks a scope, or a network filter answered with 403.',
    severity: 'high',
    fixes: ['verify-account', 'reauthenticate', 'unset-conflicting-env', 'fix-proxy'],
    patterns: {
      strong: ['permission error', { status: 403 }, '403 forbidden', 'request not allowed', 'does not meet scope requirement'],
      weak: ['api error', 'forbidden'],
    },
  },
  {
    id: 'api-rate-limited',
    title: 'API error 429 (rate_limit_error)',
    meaning: 'Too many requests or tokens in a short window for this account; they go through again after a pause.',
    severity: 'low',
    fixes: ['wait-for-service', 'verify-account'],
    patterns: {
      strong: [
        'rate limit error',
        'rate limit exceeded',
        'rate limited',
        'too many requests',
        { status: 429 },
        'server is temporarily limiting requests',
        'request rejected 429',
      ],
      weak: ['api error', 'retry after'],
    },
  },
  {
    id: 'usage-limit-reached',
    title: 'Claude usage limit reached',
    meaning: "Your subscription's allowance for the current window is used up and resets at the time shown. This is not a login problem.",
    severity: 'low',
    fixes: ['wait-for-service', 'verify-account', 'use-api-key'],
    patterns: {
      strong: [
        'usage limit reached',
        'limit will reset',
        'hour limit reached',
        'weekly limit reached',
        'you ve hit your',
        { near: ['limit', 'reached', 'reset*'], within: 8 },
        { near: ['hit', 'limit', 'reset*'], within: 8 },
      ],
      weak: ['claude ai'],
    },
  },
  {
    id: 'api-server-error',
    title: 'API server error (500)',
    meaning: "Anthropic's API hit an internal error. It is on Anthropic's side: retry shortly, and check the status page if it persists.",
    severity: 'medium',
    fixes: ['wait-for-service', 'contact-support'],
    patterns: {
      strong: [
        'internal server error',
        { status: 500 },
        { status: 502 },
        { status: 503 },
        { status: 504 },
        'bad gateway',
        'service unavailable',
        'gateway timeout',
        'this is a server side issue',
      ],
      weak: ['api error'],
    },
  },
  {
    id: 'api-connection-error',
    title: 'Unable to connect to API',
    meaning:
      "Claude Code could not reach Anthropic's API at all: the network dropped, a proxy or VPN is in the way, or the connection was cut.",
    severity: 'medium',
    fixes: ['fix-proxy', 'fix-dns', 'trust-corporate-ca', 'wait-for-service'],
    patterns: {
      strong: [
        'unable to connect to api',
        'api connection error',
        'connection error',
        'econnreset',
        'socket hang up',
        'fetch failed',
        'failedtoopensocket',
        'connectionclosed',
        'connection dropped',
        'the response could not be read',
        'poor internet connection',
        'unable to connect to anthropic services',
        'err socket closed',
      ],
      weak: ['network', 'proxy', 'vpn'],
    },
  },
  {
    id: 'connection-refused',
    title: 'Connection refused (ECONNREFUSED)',
    meaning:
      'Something actively refused the connection. Most often a proxy variable points at a proxy that is not running, or a firewall blocks the address.',
    severity: 'medium',
    fixes: ['fix-proxy', 'fix-dns', 'wait-for-service'],
    patterns: {
      strong: [
        'unable to connect to api econnrefused',
        'unable to connect to api connectionrefused',
        'econnrefused',
        'connectionrefused',
        'connection refused',
      ],
      weak: ['proxy', 'connect'],
    },
  },
  {
    id: 'connection-timed-out',
    title: 'Connection timed out (ETIMEDOUT)',
    meaning:
      'The connection to Anthropic, or an answer on it, never came. A firewall silently dropping traffic, a dead VPN route, a proxy that is required but not set, or a proxy or gateway that holds streamed answers back (then raise API_TIMEOUT_MS) are typical.',
    severity: 'medium',
    fixes: ['fix-proxy', 'fix-dns', 'wait-for-service'],
    patterns: {
      strong: [
        'unable to connect to api etimedout',
        'etimedout',
        'connection timed out',
        'connect timeout',
        'und err connect timeout',
        'request timed out',
        'no response from api',
        'no data arrived for more than',
        'api timeout ms',
      ],
      weak: ['proxy', 'vpn', 'connect'],
    },
  },
  {
    id: 'self-signed-certificate',
    title: 'Self-signed certificate in certificate chain',
    meaning:
      "The certificate chain presented for Anthropic's API ends in a certificate Node does not trust, the mark of a TLS-inspecting proxy or security product on your network.",
    severity: 'high',
    fixes: ['trust-corporate-ca', 'fix-proxy'],
    patterns: {
      strong: [
        'self signed certificate in certificate chain',
        'connect to api anthropic com self signed cert in chain',
        'connect to console anthropic com self signed cert in chain',
        'self signed cert in chain',
        'self signed certificate',
        'self signed certificate detected',
        'unable to connect to api self signed certificate detected',
        'depth zero self signed cert',
        'unable to get issuer cert',
        'unable to get issuer certificate',
        'unable to get issuer cert locally',
        'ignored all of the node extra ca certs file',
        'could read in full from the node extra ca certs file',
        'unable to get local issuer certificate',
        'unable to verify the first certificate',
        'unable to verify leaf signature',
      ],
      weak: ['node extra ca certs', 'proxy'],
    },
  },
  {
    id: 'refresh-token-rejected',
    title: 'Refresh token rejected (invalid_grant)',
    meaning:
      'Renewing the login failed because the refresh token was already used or revoked, for example when another machine or a second Claude Code process renewed first. Claude Code then clears the stored tokens.',
    severity: 'high',
    fixes: ['reauthenticate', 'reset-credentials'],
    patterns: {
      strong: [
        'invalid grant',
        'refresh token not found or invalid',
        'oauth refresh token is no longer valid',
        'invalid refresh token',
        { near: ['refresh', 'token', 'invalid|revoked|rejected'], within: 5 },
      ],
      weak: [{ status: 400 }, 'oauth'],
    },
  },
  {
    id: 'proxy-auth-required',
    title: 'Proxy authentication required (407)',
    meaning: 'Traffic goes through a proxy that wants a username and password, and none (or a wrong one) was given.',
    severity: 'medium',
    fixes: ['fix-proxy'],
    patterns: {
      strong: ['proxy authentication required', { status: 407 }],
      weak: ['https proxy', 'http proxy', 'tunneling socket'],
    },
  },
  {
    id: 'auth-conflict',
    title: 'Auth conflict: API key and login both set',
    meaning:
      'More than one credential is configured (such as ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN next to a claude.ai login) and the environment variable wins, which may not be the account you expect.',
    severity: 'medium',
    fixes: ['unset-conflicting-env', 'reauthenticate'],
    patterns: {
      strong: ['auth conflict', 'detected a custom api key', { near: ['both', 'token', 'api', 'key', 'set'], within: 14 }],
      weak: ['anthropic api key', 'anthropic auth token'],
    },
  },
  {
    id: 'oauth-token-used-as-api-key',
    title: 'OAuth authentication is not supported here',
    meaning:
      'A Claude subscription token (sk-ant-oat…) is being sent as if it were an API key, for example from ANTHROPIC_API_KEY. Such tokens belong in CLAUDE_CODE_OAUTH_TOKEN.',
    severity: 'medium',
    fixes: ['unset-conflicting-env', 'use-oauth-token'],
    patterns: {
      strong: [
        'oauth authentication is currently not supported',
        'oauth authentication is not supported',
        { near: ['oauth', 'not', 'supported'], within: 5 },
      ],
      weak: [{ status: 401 }, 'authentication error'],
    },
  },
  {
    id: 'credential-only-for-claude-code',
    title: 'Credential only authorized for Claude Code',
    meaning:
      'A Claude subscription token was used by another program or SDK; these tokens work only inside Claude Code. Other programs need a Console API key.',
    severity: 'medium',
    fixes: ['use-api-key', 'unset-conflicting-env'],
    patterns: {
      strong: [
        'only authorized for use with claude code',
        'cannot be used for other api requests',
        { near: ['credential', 'only', 'authori*', 'claude', 'code'], within: 8 },
      ],
      weak: [{ status: 400 }],
    },
  },
  {
    id: 'no-credentials-configured',
    title: 'Could not resolve authentication method',
    meaning: 'No API key or token was found at all, so nothing could be sent to Anthropic.',
    severity: 'medium',
    fixes: ['reauthenticate', 'use-api-key', 'use-oauth-token'],
    patterns: {
      strong: [
        'could not resolve authentication method',
        'expected either apikey or authtoken to be set',
        { near: ['missing|no', 'api', 'key|keys'], within: 3 },
      ],
    },
  },
  {
    id: 'browser-cannot-open',
    title: 'Could not open a browser for login',
    meaning:
      'Signing in needs a browser and none can be started here (SSH, a container, a server without a desktop). Open the printed link on another device and paste the code back, or use a long-lived token.',
    severity: 'low',
    fixes: ['use-oauth-token', 'reauthenticate', 'use-api-key'],
    patterns: {
      strong: [
        'could not open browser',
        'failed to open browser',
        'unable to open browser',
        'xdg open',
        'no method available for opening',
        { near: ['could|cannot|unable|failed|fail*', 'open*|launch*', 'browser'], within: 5 },
      ],
      weak: ['ssh', 'headless', 'display'],
    },
  },
  {
    id: 'claude-command-not-found',
    title: 'claude: command not found',
    meaning:
      'The shell cannot find the claude program: it is not installed, or its folder is not on PATH (common after switching Node versions or between npm and native installs).',
    severity: 'medium',
    fixes: ['update-claude-code'],
    patterns: {
      strong: [
        'claude command not found',
        'command not found claude',
        'claude is not recognized',
        'claude not found',
        { near: ['claude', 'command', 'not', 'found'], within: 6 },
      ],
      weak: ['path', 'npm'],
    },
  },
];

export const CATALOGUE: readonly CatalogueEntry[] = Object.freeze(ENTRIES.map((entry) => Object.freeze(entry)));
