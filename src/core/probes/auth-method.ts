import type { FixId, VariableFact } from '../../shared/report.js';
import type { AuthWarning, AuthWarningCode } from '../claude-code/auth-warnings.js';
import type { CredentialSnapshot } from '../claude-code/stored-login.js';
import { redactCommandLine } from '../redact/command-line.js';
import { redactText } from '../redact/redact.js';
import { apiKeyHelperProblems } from '../claude-code/api-key-helper.js';
import { effectiveApiKeyHelper } from '../claude-code/settings-json.js';
import { authStatusFromFiles, loadAuthFacts, methodFacts, type AuthFacts } from './auth-facts.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import { isCleartextRemote } from '../network/endpoints.js';

/** Warnings a user fixes by changing a variable (or a settings "env" block). */
const ENV_WARNINGS: ReadonlySet<AuthWarningCode> = new Set([
  'overrides-login',
  'unapproved-api-key',
  'conflicting-sources',
  'empty-variable',
  'value-rejected',
  'value-quotes',
  'key-shape',
]);

const UNUSABLE_LOGIN = new Set([
  'corrupt-json',
  'not-object',
  'wrong-type',
  'too-large',
  'dangling-link',
  'not-a-file',
  'unreadable',
  'no-oauth',
  'emptied',
  'no-inference-scope',
  'keychain-overflow-unreadable',
]);

function notSignedIn(snapshot: CredentialSnapshot): { cause: string; fixes: FixId[] } {
  const locked = snapshot.problems.find((p) => p.code === 'keychain-locked');
  if (locked) return { cause: locked.message, fixes: ['unlock-keychain', 'reauthenticate'] };
  const credman = snapshot.problems.find((p) => p.code === 'credman');
  if (credman) return { cause: credman.message, fixes: [] };
  const broken = snapshot.problems.find((p) => UNUSABLE_LOGIN.has(p.code));
  if (broken) return { cause: `Claude Code finds no usable login: ${broken.message}`, fixes: ['reset-credentials', 'reauthenticate'] };
  const where = snapshot.keychain === 'n/a' ? snapshot.file.shown : `the macOS keychain or ${snapshot.file.shown}`;
  return {
    cause: `No API key or token is set and no login is stored in ${where}. Sign in with \`claude auth login\` (or /login inside Claude Code); on a machine without a browser, use \`claude setup-token\` and CLAUDE_CODE_OAUTH_TOKEN.`,
    fixes: ['reauthenticate'],
  };
}

/** Where a variable is set, as the end of a sentence about it; '' when nothing can be said. */
export function whereSet(fact: VariableFact): string {
  const places = fact.places.join(', ');
  switch (fact.setIn) {
    case 'settings':
      return `It is set in ${places}, which Claude Code applies over your shell.`;
    case 'shells': {
      const from = places
        ? `It is set in ${places}`
        : 'Your login shell sets it (not in a start-up file the doctor reads: /etc, a plugin manager, direnv?)';
      if (fact.terminal === 'absent-here') return `${from}; this terminal does not have it, but every new terminal does.`;
      if (fact.terminal === 'differs') return `${from}; this terminal still holds a different, older value: open a new terminal.`;
      return `${from}.`;
    }
    case 'this-terminal':
      return 'It is set only in this terminal (no start-up file sets it and a fresh login shell does not have it): `unset` it here, or open a new terminal.';
    case 'unknown':
      return '';
  }
}

/** Each warning, then where its variables are set (each variable's place said once). */
function explainWarnings(warnings: readonly AuthWarning[], facts: AuthFacts, said = new Set<string>()): string {
  return warnings
    .map((w) => {
      const places = w.variables
        .filter((name) => !said.has(name) && said.add(name))
        .map((name) => facts.variables.find((v) => v.name === name))
        .filter((v): v is VariableFact => v !== undefined)
        .map((v) => whereSet(v).replace(/^It /, `${v.name} `))
        .filter(Boolean);
      return [w.message, ...places].join(' ');
    })
    .join(' ');
}

/** auth.method: what Claude Code sends, in interactive and in `-p` use, and where each variable is set. */
export const authMethodProbe: Probe = {
  id: 'auth.method',
  title: 'Sign-in method',
  touches:
    "Reads Claude Code's settings.json files (user, project, local, managed), ~/.claude.json and your shell start-up files; starts your login shell once to read its environment (macOS: `launchctl getenv`). Sends nothing.",
  offline: 'run',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const facts = await loadAuthFacts(ctx);
    const { method, snapshot } = facts;
    const command = effectiveApiKeyHelper(facts.layers)?.command ?? null;
    // The helper Claude Code would run must still be there when it runs it (not inside a mounted AppImage, not the app run as Node).
    const helper = command ? await apiKeyHelperProblems(command, { fs: ctx.fs, env: ctx.env, os: ctx.platform.os }) : [];
    const evidence = {
      method: method.method,
      provider: method.provider.kind,
      source: redactText(method.source),
      interactive: method.interactive.kind,
      print: method.print.kind,
      credential: method.credential?.fingerprint ?? null,
      warnings: method.warnings.map((w) => w.code),
      settingsFiles: facts.layers.layers.map((l) => `${l.scope}: ${l.shown}`),
      settingsEnv: [...facts.view.fromSettings.keys()].sort(),
      apiKeyHelper: command ? redactCommandLine(command) : null,
      storedLogin: snapshot.source,
      loginShell: facts.shell.kind === 'resolved' ? facts.shell.shell : `${facts.shell.kind}: ${facts.shell.reason}`,
      authStatus: authStatusFromFiles(facts),
      ...(helper.length > 0 ? { apiKeyHelperProblems: helper.map((p) => p.code) } : {}),
    };
    const typed = methodFacts(facts);
    const shown = method.warnings.filter((w) => w.level !== 'info');
    const notes = explainWarnings(
      method.warnings.filter((w) => w.level === 'info'),
      facts,
    );
    if (method.method === 'none') {
      const why = notSignedIn(snapshot);
      const cause = [why.cause, explainWarnings(shown, facts)].filter(Boolean).join(' ');
      return { status: 'fail', summary: 'Not signed in', cause, fixes: why.fixes, evidence, facts: typed };
    }
    const fixes: FixId[] = shown.some((w) => ENV_WARNINGS.has(w.code)) ? ['unset-conflicting-env'] : [];
    if (helper.length > 0) fixes.push('use-api-key');
    const gateway = ctx.endpoints.api;
    const cleartext =
      isCleartextRemote(gateway) && method.credential !== null
        ? `${gateway.override ?? 'The API address'} is ${gateway.url}, plain HTTP to another machine: Claude Code sends this credential there unencrypted. Use an https:// address.`
        : null;
    const cause = [explainWarnings(shown, facts), ...helper.map((p) => redactText(p.message)), cleartext, notes].filter(Boolean).join(' ');
    if (shown.some((w) => w.level === 'fail')) {
      const rejected = shown.find((w) => w.level === 'fail');
      return {
        status: 'fail',
        summary: `Claude Code refuses to send ${rejected?.variables[0] ?? 'the credential'}`,
        cause,
        fixes,
        evidence,
        facts: typed,
      };
    }
    if (shown.length > 0 || helper.length > 0 || cleartext)
      return { status: 'warn', summary: method.label, cause, fixes, evidence, facts: typed };
    return { status: 'ok', summary: method.label, cause: notes || null, evidence, facts: typed };
  },
};
