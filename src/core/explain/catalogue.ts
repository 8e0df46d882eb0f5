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
      strong: ['not logged in', 'you are not logged in', 'not currently logged in'],
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
    meaning: 'The stored login ran out and Claude Code could not renew it in the background, so a fresh sign-in is needed.',
    severity: 'medium',
    fixes: ['reauthenticate', 'reset-credentials'],
    patterns: {
      strong: ['login expired', 'login has expired', 'login expired please run login'],
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
      "Claude Code's call to Anthropic's sign-in server got no answer within 15 seconds, so the login could not finish. A slow or filtered network, a proxy, or an incident at Anthropic is the usual reason.",
    severity: 'medium',
    fixes: ['fix-proxy', 'fix-dns', 'wait-for-service', 'reauthenticate'],
    patterns: {
      strong: [
        'oauth error timeout of',
        'timeout of 15000ms exceeded',
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
      'The login Claude Code has stored was refused as a whole, which usually means the stored entry is stale or damaged rather than merely expired.',
    severity: 'high',
    fixes: ['reset-credentials', 'reauthenticate', 'unset-conflicting-env', 'clear-cache'],
    patterns: {
      strong: [
        'invalid credentials',
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
      strong: ['sign in required', 'signin required', 'login required', 'please sign in', 'please log in', 'please login'],
    },
  },
  {
    id: 'oauth-callback-timeout',
    title: 'OAuth callback timeout',
    meaning:
      'Claude Code stopped waiting for the browser to hand the login back (it listens for about a minute). Many open tabs, a slow redirect, or the browser not returning in time are the usual reasons.',
    severity: 'medium',
    fixes: ['reauthenticate', 'use-oauth-token', 'use-api-key'],
    patterns: {
      strong: [
        'oauth callback timeout',
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
      strong: ['rate limit error', 'rate limit exceeded', 'rate limited', 'too many requests', { status: 429 }],
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
        { near: ['limit', 'reached', 'reset*'], within: 8 },
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
      'The connection to Anthropic never got an answer. A firewall silently dropping traffic, a dead VPN route, or a proxy that is required but not set are typical.',
    severity: 'medium',
    fixes: ['fix-proxy', 'fix-dns', 'wait-for-service'],
    patterns: {
      strong: ['unable to connect to api etimedout', 'etimedout', 'connection timed out', 'connect timeout', 'und err connect timeout'],
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
        'self signed cert in chain',
        'self signed certificate',
        'depth zero self signed cert',
        'unable to get issuer cert locally',
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
