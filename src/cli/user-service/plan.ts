import type { Os } from '../../core/io/os.js';
import { shellJoin } from '../../core/fixes/shell-quote.js';
import { changeStep } from '../../core/fixes/defs/common.js';
import type { ChangeId, PlannedChange, RunStep } from '../../core/fixes/types.js';
import { launchdBackend } from './launchd.js';
import { systemdBackend } from './systemd.js';
import {
  COMMAND_TIMEOUT_MS,
  type ServiceBackend,
  type ServiceCommand,
  type ServiceFile,
  type ServiceState,
  type WatchServiceSpec,
} from './types.js';
import { windowsTaskBackend } from './windows-task.js';

/** Each OS's service manager, chosen once. */
export const SERVICE_BACKENDS: Readonly<Record<Os, ServiceBackend>> = {
  linux: systemdBackend,
  darwin: launchdBackend,
  win32: windowsTaskBackend,
};

export interface ServicePlan {
  readonly change: PlannedChange;
  /** Service-manager commands the user runs, when the manager cannot be reached from here. */
  readonly manual: readonly string[];
}

export const commandLine = (command: ServiceCommand, os: Os): string => shellJoin([command.file, ...command.args], os);

const writeStep = (file: ServiceFile): RunStep =>
  changeStep(
    `Write the ${file.what}`,
    file.path,
    { type: 'write-file', ...file },
    'claude-auth-doctor undo puts back what was there before',
  );

const commandStep = (command: ServiceCommand, os: Os, undo: string): RunStep =>
  changeStep(
    command.title,
    commandLine(command, os),
    { type: 'command', file: command.file, args: command.args, timeoutMs: COMMAND_TIMEOUT_MS, backup: [] },
    undo,
  );

/** Files first, then the manager loads and starts them; printed instead when the manager is out of reach. */
export function installPlan(spec: WatchServiceSpec, state: ServiceState): ServicePlan {
  const backend = SERVICE_BACKENDS[spec.os];
  const commands = backend.installCommands(spec, state);
  const steps = backend.files(spec).map(writeStep);
  if (state.manager.reachable) steps.push(...commands.map((c) => commandStep(c, spec.os, 'claude-auth-doctor service uninstall')));
  return { change: plan('service-install', steps), manual: state.manager.reachable ? [] : commands.map((c) => commandLine(c, spec.os)) };
}

/** Stop and unload, move the files into a backup (undo brings them back), reload. */
export function uninstallPlan(spec: WatchServiceSpec, state: ServiceState): ServicePlan {
  const backend = SERVICE_BACKENDS[spec.os];
  const reinstall = 'claude-auth-doctor service install';
  const steps: RunStep[] = [];
  if (state.manager.reachable) steps.push(...backend.uninstallCommands(spec, state).map((c) => commandStep(c, spec.os, reinstall)));
  for (const file of backend.files(spec))
    steps.push(
      changeStep(
        `Move the ${file.what} into a backup`,
        file.path,
        { type: 'move-aside', path: file.path, what: file.what },
        'claude-auth-doctor undo moves it back',
      ),
    );
  if (state.manager.reachable) steps.push(...backend.afterUninstall(spec, state).map((c) => commandStep(c, spec.os, reinstall)));
  const assumed: ServiceState = { ...state, loaded: true, running: true };
  const manual = state.manager.reachable ? [] : backend.uninstallCommands(spec, assumed).map((c) => commandLine(c, spec.os));
  return { change: plan('service-uninstall', steps), manual };
}

const plan = (id: ChangeId, steps: readonly RunStep[]): PlannedChange => ({ id, steps });
