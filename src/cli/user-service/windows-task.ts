import { win32 } from 'node:path';
import { COMMAND_TIMEOUT_MS, type ServiceBackend, type ServiceCommand, type WatchServiceSpec } from './types.js';

export const TASK_FOLDER = '\\Claude Auth Doctor\\';
export const TASK_NAME = `${TASK_FOLDER}watch`;

export const taskXmlPath = (spec: WatchServiceSpec): string => win32.join(spec.dataDir, 'watch-task.xml');
/** wscript runs the watch with no console window (a task at logon would otherwise open one). */
export const taskLauncherPath = (spec: WatchServiceSpec): string => win32.join(spec.dataDir, 'watch-hidden.vbs');

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One argument as CommandLineToArgvW reads it back (the rules of the Microsoft C runtime). */
export function windowsQuote(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let slashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      slashes += 1;
      continue;
    }
    out += ch === '"' ? '\\'.repeat(slashes * 2 + 1) + '"' : '\\'.repeat(slashes) + ch;
    slashes = 0;
  }
  return `${out}${'\\'.repeat(slashes * 2)}"`;
}

const vbsString = (text: string): string => `"${text.replace(/"/g, '""')}"`;

export function renderTaskLauncher(spec: WatchServiceSpec): string {
  return [
    "' Written by `claude-auth-doctor service install`: runs the watch without a console window.",
    'Option Explicit',
    'Dim shell, env',
    'Set shell = CreateObject("WScript.Shell")',
    'Set env = shell.Environment("Process")',
    ...Object.entries(spec.env).map(([name, value]) => `env(${vbsString(name)}) = ${vbsString(value)}`),
    `WScript.Quit shell.Run(${vbsString(spec.argv.map(windowsQuote).join(' '))}, 0, True)`,
    '',
  ].join('\r\n');
}

function userId(spec: WatchServiceSpec): string {
  const domain = spec.hostEnv['USERDOMAIN']?.trim();
  return domain ? `${domain}\\${spec.user}` : spec.user;
}

/** A task at the user's logon, no time limit, restarted after a failure; it runs the launcher. */
export function renderTaskXml(spec: WatchServiceSpec): string {
  const user = xml(userId(spec));
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    `    <Description>Claude Auth Doctor: watches Claude Code's sign-in. Written by claude-auth-doctor service install.</Description>`,
    `    <URI>${xml(TASK_NAME)}</URI>`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    '    <LogonTrigger>',
    '      <Enabled>true</Enabled>',
    `      <UserId>${user}</UserId>`,
    '    </LogonTrigger>',
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    `      <UserId>${user}</UserId>`,
    '      <LogonType>InteractiveToken</LogonType>',
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <AllowStartOnDemand>true</AllowStartOnDemand>',
    '    <Enabled>true</Enabled>',
    '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>',
    '    <RestartOnFailure>',
    '      <Interval>PT1M</Interval>',
    '      <Count>5</Count>',
    '    </RestartOnFailure>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    '      <Command>%SystemRoot%\\System32\\wscript.exe</Command>',
    `      <Arguments>${xml(`//B //Nologo ${windowsQuote(taskLauncherPath(spec))}`)}</Arguments>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}

const schtasks = (title: string, ...args: string[]): ServiceCommand => ({ title, file: 'schtasks', args });
const QUERY = `(Get-ScheduledTask -TaskPath '${TASK_FOLDER}' -TaskName 'watch' -ErrorAction Stop).State`;

export const windowsTaskBackend: ServiceBackend = {
  kind: 'scheduled task',
  files: (spec) => [
    { path: taskLauncherPath(spec), content: renderTaskLauncher(spec), encoding: 'utf16le-bom', mode: 0o644, what: 'task launcher' },
    { path: taskXmlPath(spec), content: renderTaskXml(spec), encoding: 'utf16le-bom', mode: 0o644, what: 'scheduled task definition' },
  ],

  async state(spec, { runner, fs }) {
    const installed = (await fs.exists(taskXmlPath(spec))) && (await fs.exists(taskLauncherPath(spec)));
    const query = await runner.run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', QUERY], {
      timeoutMs: COMMAND_TIMEOUT_MS,
    });
    if (query.spawnError)
      return {
        installed,
        manager: { reachable: true },
        loaded: installed,
        running: null,
        details: ['PowerShell could not be started to ask Task Scheduler'],
        hints: [],
      };
    if (query.code !== 0)
      return {
        installed,
        manager: { reachable: true },
        loaded: false,
        running: false,
        details: ['not registered with Task Scheduler'],
        hints: [],
      };
    const state = query.stdout.trim();
    return {
      installed,
      manager: { reachable: true },
      loaded: true,
      running: state === 'Running',
      details: [`registered as ${TASK_NAME}; ${state}`],
      hints: [],
    };
  },

  installCommands: (spec, state) => [
    schtasks('Register the task', '/Create', '/TN', TASK_NAME, '/XML', taskXmlPath(spec), '/F'),
    ...(state.running ? [schtasks('Stop the old watch', '/End', '/TN', TASK_NAME)] : []),
    schtasks('Start the watch now', '/Run', '/TN', TASK_NAME),
  ],
  uninstallCommands: (_spec, state) => [
    ...(state.running ? [schtasks('Stop the watch', '/End', '/TN', TASK_NAME)] : []),
    ...(state.loaded ? [schtasks('Remove the task', '/Delete', '/TN', TASK_NAME, '/F')] : []),
  ],
  afterUninstall: () => [],
};
