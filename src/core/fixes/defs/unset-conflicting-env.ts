import { join } from 'node:path';
import { FIX_TITLES } from '../../../shared/fix-titles.js';
import { readSettings } from '../../claude-code/settings-json.js';
import { scanShellRc, type RcMatch } from '../rc-files/index.js';
import type { FixTarget, FixDefinition, FixStep } from '../types.js';
import { info, run, shown, userAction } from './common.js';

/** Variables that override a subscription login, in Claude Code's order of precedence. */
export const OVERRIDING_VARIABLES = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'] as const;

const LAUNCHCTL_TIMEOUT_MS = 2000;

interface AgentLine {
  readonly path: string;
  readonly line: number;
  readonly name: string;
  readonly shown: string;
}

function groupByFile(matches: readonly RcMatch[]): Map<string, RcMatch[]> {
  const files = new Map<string, RcMatch[]>();
  for (const match of matches) files.set(match.path, [...(files.get(match.path) ?? []), match]);
  return files;
}

async function launchctlSet(ctx: FixTarget, name: string): Promise<boolean> {
  const result = await ctx.runner.run('/bin/launchctl', ['getenv', name], { timeoutMs: LAUNCHCTL_TIMEOUT_MS, maxBytes: 64 * 1024 });
  return result.code === 0 && result.stdout.trim() !== '';
}

/** LaunchAgents that set the variable for GUI apps (`launchctl setenv` in a plist, or EnvironmentVariables). */
async function launchAgentLines(ctx: FixTarget, name: string): Promise<AgentLine[]> {
  const dir = join(ctx.homeDir, 'Library', 'LaunchAgents');
  const found: AgentLine[] = [];
  for (const file of (await ctx.fs.list(dir)).filter((f) => f.endsWith('.plist')).sort()) {
    const read = await ctx.fs.readText(join(dir, file), 256 * 1024);
    if (read.kind !== 'ok') continue;
    read.text.split('\n').forEach((line, index) => {
      if (line.includes(`<string>${name}</string>`) || line.includes(`<key>${name}</key>`)) {
        found.push({ path: read.path, line: index + 1, name, shown: line.trim() });
      }
    });
  }
  return found;
}

function unsetCommand(ctx: FixTarget, name: string): string {
  if (ctx.os === 'win32')
    return `[Environment]::SetEnvironmentVariable('${name}', $null, 'User'); Remove-Item Env:${name} -ErrorAction SilentlyContinue`;
  return /fish$/.test(ctx.env['SHELL'] ?? '') ? `set -e ${name}` : `unset ${name}`;
}

export const unsetConflictingEnv: FixDefinition = {
  id: 'unset-conflicting-env',
  title: FIX_TITLES['unset-conflicting-env'],
  why: 'A variable (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN) overrides the login, is empty, or holds a mangled value; signing in again cannot help while it is set.',
  verifies: ['auth.method', 'auth.token'],
  async steps(ctx) {
    const settings = await readSettings(ctx.fs, ctx.paths.settings, shown(ctx, ctx.paths.settings));
    const inSettings = OVERRIDING_VARIABLES.filter((name) => settings.env[name] !== undefined);
    const inEnv = OVERRIDING_VARIABLES.filter((name) => ctx.env[name] !== undefined);
    // What a new terminal gets (the report's fresh login shell), not only this process: the app
    // started from the Dock has none of the user's shell exports.
    const inShells = (ctx.report.facts.method?.variables ?? [])
      .map((v) => v.name)
      .filter((name): name is (typeof OVERRIDING_VARIABLES)[number] => (OVERRIDING_VARIABLES as readonly string[]).includes(name));
    const names = [...new Set([...inEnv, ...inShells, ...inSettings])];
    const method = ctx.check('auth.method');
    const steps: FixStep[] = [
      info(
        'What overrides what',
        `Claude Code uses, in order: ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY, apiKeyHelper, CLAUDE_CODE_OAUTH_TOKEN, then your subscription login. Any of these variables wins over the login.${method ? ` Now: ${method.summary}.` : ''}${method?.cause ? ` ${method.cause}` : ''}`,
      ),
    ];
    if (names.length === 0) {
      steps.push(
        info(
          'Nothing set now',
          "None of these variables is set in this environment or in Claude Code's settings.json. If Claude Code still picks one up, it is set where it starts (an IDE, a service unit, CI).",
        ),
      );
      return steps;
    }

    const rc = ctx.os === 'win32' ? [] : await scanShellRc(ctx.fs, ctx.homeDir, names);
    for (const [path, matches] of groupByFile(rc)) {
      const where = matches.map((m) => `${shown(ctx, m.path)}:${m.line}: ${m.shown}`).join('\n');
      const lines = matches.map((m) => m.line);
      const setting = [...new Set(matches.flatMap((m) => m.names))];
      const problem = matches.find((m) => m.problem)?.problem;
      if (problem) {
        steps.push(
          userAction(
            `Remove ${setting.join(', ')} from ${shown(ctx, path)} by hand`,
            `Found:\n${where}\n${shown(ctx, path)} cannot be read safely as a whole (${problem}), so the doctor does not edit it. Open it in an editor and delete or comment out those lines.`,
            null,
          ),
        );
        continue;
      }
      steps.push(
        run({
          title: `Comment out ${setting.join(', ')} in ${shown(ctx, path)}`,
          detail: `Found:\n${where}\nEvery line of ${lines.length > 1 ? 'these statements' : 'this statement'} is kept as a comment, marked with the backup id, so you can see what changed; anything else the same line set stays set. The edited file is checked with the shell's own syntax check before it is written. Takes effect in new terminals.`,
          display: `comment out ${shown(ctx, path)} line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}`,
          // It edits a file the user maintains: always ask, even with --yes.
          automatable: false,
          changes: true,
          effects: [
            `Backs up ${shown(ctx, path)}, then turns the statement${lines.length > 1 ? 's' : ''} at line${lines.length > 1 ? 's' : ''} ${lines.join(', ')} into comments`,
          ],
          undo: `Restores ${shown(ctx, path)} byte for byte`,
          action: {
            type: 'unset-in-rc',
            path,
            dialect: matches[0]?.dialect ?? 'bash',
            names: setting,
            statements: matches.map((m) => m.planned),
          },
        }),
      );
    }

    for (const name of inSettings) {
      steps.push(
        run({
          title: `Remove ${name} from the "env" block of ${settings.shown}`,
          detail: `Claude Code applies the "env" block of ${settings.shown} over your shell's variables, so ${name} set there wins everywhere. Only that entry is removed; every other setting stays.`,
          display: `settings.json: delete env.${name}`,
          automatable: false,
          changes: true,
          effects: [`Backs up ${settings.shown}, then removes only env.${name}`],
          undo: `Restores ${settings.shown} byte for byte`,
          action: { type: 'settings-edit', path: ctx.paths.settings, edit: { op: 'delete-env', name } },
        }),
      );
    }

    if (ctx.os === 'darwin') {
      for (const name of names) {
        const agents = await launchAgentLines(ctx, name);
        if (!(await launchctlSet(ctx, name)) && agents.length === 0) continue;
        const where = agents.map((m) => `${shown(ctx, m.path)}:${m.line}`).join(', ');
        steps.push(
          userAction(
            `Unset ${name} for apps started from the Dock`,
            `${name} is set with launchctl${where ? ` (see ${where})` : ''}, so apps and editors started from the Dock inherit it. Unset it now; if a LaunchAgent sets it, remove that entry too or it comes back at the next login.`,
            `launchctl unsetenv ${name}`,
          ),
        );
      }
    }

    const foundSomewhere = new Set([...rc.flatMap((m) => m.names), ...inSettings]);
    for (const name of inEnv.filter((n) => !foundSomewhere.has(n))) {
      const origin =
        ctx.os === 'win32'
          ? 'It is probably a user or system environment variable (System Properties → Environment Variables).'
          : 'No shell start-up file in your home sets it: it may come from /etc/environment, a direnv .envrc, your terminal or IDE settings, or it was exported in this shell only.';
      steps.push(
        userAction(
          `Unset ${name} where it comes from`,
          `${origin} This unsets it for the current ${ctx.os === 'win32' ? 'user' : 'shell'}.`,
          unsetCommand(ctx, name),
        ),
      );
    }
    steps.push(
      info(
        'Open a new terminal',
        'Shells started before the change still have the variable. Open a new terminal (or restart your editor) before checking again.',
      ),
    );
    return steps;
  },
};
