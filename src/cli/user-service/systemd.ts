import { posix } from 'node:path';
import type { CommandRunner } from '../../core/io/ports.js';
import { COMMAND_TIMEOUT_MS, type ServiceBackend, type ServiceCommand, type WatchServiceSpec } from './types.js';

export const SYSTEMD_UNIT = 'claude-auth-doctor.service';

/** `$XDG_CONFIG_HOME/systemd/user/claude-auth-doctor.service` (default ~/.config). */
export function systemdUnitPath(spec: WatchServiceSpec): string {
  const xdg = spec.hostEnv['XDG_CONFIG_HOME']?.trim();
  const base = xdg && xdg.startsWith('/') ? xdg : posix.join(spec.homeDir, '.config');
  return posix.join(base, 'systemd', 'user', SYSTEMD_UNIT);
}

/**
 * One word of a unit file's command line or Environment= assignment: systemd splits on spaces,
 * reads C escapes inside double quotes, expands `%` specifiers and (in ExecStart) `$VARIABLES`.
 */
export function systemdQuote(word: string): string {
  const escaped = word.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  if (/^[A-Za-z0-9_@+=:,./-]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t')}"`;
}

export function renderSystemdUnit(spec: WatchServiceSpec): string {
  const env = Object.entries(spec.env).map(([name, value]) => `Environment=${systemdQuote(`${name}=${value}`)}`);
  return [
    '# Written by `claude-auth-doctor service install`; `claude-auth-doctor service uninstall` removes it.',
    '[Unit]',
    "Description=Claude Auth Doctor: watches Claude Code's sign-in",
    'StartLimitIntervalSec=600',
    'StartLimitBurst=5',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${spec.argv.map(systemdQuote).join(' ')}`,
    ...env,
    'Restart=on-failure',
    'RestartSec=30',
    'TimeoutStopSec=15',
    'UMask=0077',
    'NoNewPrivileges=yes',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

const systemctl = (title: string, ...args: string[]): ServiceCommand => ({ title, file: 'systemctl', args: ['--user', ...args] });

/** `systemctl show` output (Key=Value lines) as a record. */
function properties(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.split(/=(.*)/s, 2))
      .filter((kv): kv is [string, string] => kv.length === 2),
  );
}

async function lingering(spec: WatchServiceSpec, runner: CommandRunner): Promise<string | null> {
  const result = await runner.run('loginctl', ['show-user', spec.user, '--property=Linger', '--value'], { timeoutMs: COMMAND_TIMEOUT_MS });
  return result.code === 0 ? result.stdout.trim() : null;
}

export const systemdBackend: ServiceBackend = {
  kind: 'systemd user unit',
  files: (spec) => [
    { path: systemdUnitPath(spec), content: renderSystemdUnit(spec), encoding: 'utf8', mode: 0o644, what: 'systemd user unit' },
  ],

  async state(spec, { runner, fs }) {
    const installed = await fs.exists(systemdUnitPath(spec));
    const probe = await runner.run('systemctl', ['--user', 'show-environment'], { timeoutMs: COMMAND_TIMEOUT_MS });
    if (probe.code !== 0) {
      const why = probe.spawnError
        ? 'systemctl is not installed (no systemd here)'
        : `no systemd user manager answers (${(probe.stderr.trim().split('\n')[0] ?? '').slice(0, 120) || `exit ${probe.code}`})`;
      return { installed, manager: { reachable: false, why }, loaded: false, running: null, details: [], hints: [] };
    }
    const show = await runner.run(
      'systemctl',
      ['--user', 'show', SYSTEMD_UNIT, '--property=LoadState,UnitFileState,ActiveState,SubState,MainPID,NRestarts,ActiveEnterTimestamp'],
      { timeoutMs: COMMAND_TIMEOUT_MS },
    );
    const p = properties(show.stdout);
    const running = p['ActiveState'] === 'active';
    const details = [
      `${p['UnitFileState'] || 'not enabled'}; ${p['ActiveState'] ?? 'unknown'} (${p['SubState'] ?? '?'})` +
        (running && p['MainPID'] && p['MainPID'] !== '0' ? `, pid ${p['MainPID']}` : '') +
        (running && p['ActiveEnterTimestamp'] ? ` since ${p['ActiveEnterTimestamp']}` : ''),
      ...(p['NRestarts'] && p['NRestarts'] !== '0' ? [`restarted ${p['NRestarts']} times after failures`] : []),
    ];
    const linger = await lingering(spec, runner);
    const hints =
      linger === 'no'
        ? [`Lingering is off: the service runs only while ${spec.user} is logged in. On a server: loginctl enable-linger ${spec.user}`]
        : [];
    return {
      installed,
      manager: { reachable: true },
      loaded: p['UnitFileState'] === 'enabled' || p['LoadState'] === 'loaded',
      running,
      details,
      hints,
    };
  },

  installCommands: (_spec, state) => [
    systemctl('Reload systemd user units', 'daemon-reload'),
    systemctl('Enable and start the watch', 'enable', '--now', SYSTEMD_UNIT),
    ...(state.running ? [systemctl('Restart it with the new unit', 'restart', SYSTEMD_UNIT)] : []),
  ],
  uninstallCommands: (_spec, state) =>
    state.loaded || state.running ? [systemctl('Stop and disable the watch', 'disable', '--now', SYSTEMD_UNIT)] : [],
  afterUninstall: (_spec, state) => (state.manager.reachable ? [systemctl('Reload systemd user units', 'daemon-reload')] : []),
};
