import { posix } from 'node:path';
import { COMMAND_TIMEOUT_MS, type ServiceBackend, type ServiceCommand, type WatchServiceSpec } from './types.js';

export const LAUNCHD_LABEL = 'com.claude-auth-doctor.watch';

export function launchdPlistPath(spec: WatchServiceSpec): string {
  return posix.join(spec.homeDir, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
}

/** ~/Library/Logs always exists on macOS; launchd would not create a folder for the log. */
export function launchdLogPath(spec: WatchServiceSpec): string {
  return posix.join(spec.homeDir, 'Library', 'Logs', 'claude-auth-doctor-watch.log');
}

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A launchd agent: started at login (RunAtLoad), started again when it exits with an error (KeepAlive SuccessfulExit=false). */
export function renderLaunchdPlist(spec: WatchServiceSpec): string {
  const string = (text: string, indent: string): string => `${indent}<string>${xml(text)}</string>`;
  const env = Object.entries(spec.env).flatMap(([name, value]) => [`\t\t<key>${xml(name)}</key>`, string(value, '\t\t')]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<!-- Written by `claude-auth-doctor service install`; `claude-auth-doctor service uninstall` removes it. -->',
    '<plist version="1.0">',
    '<dict>',
    '\t<key>Label</key>',
    string(LAUNCHD_LABEL, '\t'),
    '\t<key>ProgramArguments</key>',
    '\t<array>',
    ...spec.argv.map((arg) => string(arg, '\t\t')),
    '\t</array>',
    ...(env.length > 0 ? ['\t<key>EnvironmentVariables</key>', '\t<dict>', ...env, '\t</dict>'] : []),
    '\t<key>RunAtLoad</key>',
    '\t<true/>',
    '\t<key>KeepAlive</key>',
    '\t<dict>',
    '\t\t<key>SuccessfulExit</key>',
    '\t\t<false/>',
    '\t</dict>',
    '\t<key>ThrottleInterval</key>',
    '\t<integer>30</integer>',
    '\t<key>StandardOutPath</key>',
    string(launchdLogPath(spec), '\t'),
    '\t<key>StandardErrorPath</key>',
    string(launchdLogPath(spec), '\t'),
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

const domain = (spec: WatchServiceSpec): string => `gui/${spec.uid ?? 0}`;
const launchctl = (title: string, ...args: string[]): ServiceCommand => ({ title, file: 'launchctl', args });

export const launchdBackend: ServiceBackend = {
  kind: 'launchd agent',
  files: (spec) => [
    { path: launchdPlistPath(spec), content: renderLaunchdPlist(spec), encoding: 'utf8', mode: 0o644, what: 'launchd agent' },
  ],

  async state(spec, { runner, fs }) {
    const installed = await fs.exists(launchdPlistPath(spec));
    const gui = await runner.run('launchctl', ['print', domain(spec)], { timeoutMs: COMMAND_TIMEOUT_MS, maxBytes: 64 * 1024 });
    if (gui.code !== 0) {
      const why = gui.spawnError
        ? 'launchctl is not available'
        : `there is no GUI login session for ${spec.user} (launchd's ${domain(spec)} domain); log in at the Mac once`;
      return { installed, manager: { reachable: false, why }, loaded: false, running: null, details: [], hints: [] };
    }
    const job = await runner.run('launchctl', ['print', `${domain(spec)}/${LAUNCHD_LABEL}`], { timeoutMs: COMMAND_TIMEOUT_MS });
    if (job.code !== 0)
      return { installed, manager: { reachable: true }, loaded: false, running: false, details: ['not loaded'], hints: [] };
    const field = (name: string): string | undefined => new RegExp(`^\\s*${name} = (.+)$`, 'm').exec(job.stdout)?.[1]?.trim();
    const state = field('state') ?? 'unknown';
    const pid = field('pid');
    const lastExit = field('last exit code');
    return {
      installed,
      manager: { reachable: true },
      loaded: true,
      running: state === 'running',
      details: [
        `loaded; ${state}${pid ? `, pid ${pid}` : ''}${lastExit ? `; last exit: ${lastExit}` : ''}`,
        `log: ${launchdLogPath(spec)}`,
      ],
      hints: [],
    };
  },

  installCommands: (spec, state) => [
    ...(state.loaded ? [launchctl('Unload the old agent', 'bootout', `${domain(spec)}/${LAUNCHD_LABEL}`)] : []),
    launchctl('Load and start the agent', 'bootstrap', domain(spec), launchdPlistPath(spec)),
  ],
  uninstallCommands: (spec, state) =>
    state.loaded ? [launchctl('Stop and unload the agent', 'bootout', `${domain(spec)}/${LAUNCHD_LABEL}`)] : [],
  afterUninstall: () => [],
};
