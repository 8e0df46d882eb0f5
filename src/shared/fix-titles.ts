import type { FixId } from './report.js';

/** Short, human titles for fix ids (the plan lines in the CLI, the tray and the wizard). */
export const FIX_TITLES: Readonly<Record<FixId, string>> = {
  'wait-for-service': 'Wait for Anthropic to resolve the incident',
  'fix-clock': "Set this machine's clock right (turn on network time)",
  'unlock-keychain': 'Unlock the keychain',
  'fix-config-dir': "Free space in, or repair access to, Claude Code's config directory",
  'unset-conflicting-env': 'Remove the variable that overrides your login',
  'fix-provider-credentials': "Refresh your cloud provider's credentials (AWS, Google Cloud, Azure)",
  'contact-admin': 'Ask your administrator (organization policy or gateway)',
  reauthenticate: 'Sign in to Claude Code again',
  'reset-credentials': 'Move the damaged stored login aside and sign in again',
  'clear-cache': 'Clear ~/.claude/cache (rarely the fix)',
  'fix-dns': 'Fix DNS resolution for Anthropic hosts',
  'fix-proxy': 'Fix the proxy / VPN settings',
  'trust-corporate-ca': "Trust your company's TLS inspection certificate",
  'verify-account': 'Check your Anthropic account in the browser',
  'update-claude-code': 'Install or update Claude Code',
  'fix-vscode-extension': 'Repair the VS Code extension',
  'use-oauth-token': 'Use a long-lived token (claude setup-token)',
  'use-api-key': 'Use an API key kept in the OS keychain',
  'contact-support': 'Contact Anthropic support with a diagnostic report',
};
