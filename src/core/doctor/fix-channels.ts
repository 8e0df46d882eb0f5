import type { FixRun, FixStepView } from '../../shared/ipc.js';
import type { FixEngine } from '../fixes/fix-engine.js';
import type { StepView } from '../fixes/types.js';
import type { FixChannels, FixTools } from './doctor-service.js';

/**
 * A step that needs a secret typed in (an API key) runs in a terminal: the wizard never asks for
 * a secret, so none crosses IPC or HTTP.
 */
function stepView(fixId: string, step: StepView): FixStepView {
  const base = { kind: step.kind, title: step.title, detail: step.detail };
  if (step.input) {
    return {
      kind: 'user-action',
      title: step.title,
      detail: `${step.detail} It asks for ${step.input.label}, so it runs in a terminal: the wizard never asks for secrets.`,
      copy: `claude-auth-doctor fix ${fixId}`,
    };
  }
  switch (step.kind) {
    case 'run':
      return {
        ...base,
        ...(step.command ? { command: step.command } : {}),
        automatable: step.automatable,
        changes: step.changes,
        effects: step.effects,
        ...(step.undo ? { undo: step.undo } : {}),
        ...(step.leaves ? { leaves: step.leaves } : {}),
      };
    case 'user-action':
      return step.command ? { ...base, copy: step.command } : base;
    case 'link':
      return step.url ? { ...base, url: step.url } : base;
    case 'info':
      return base;
  }
}

/** The wizard's three fix channels over the fix engine, re-checking in the service's own world. */
export function fixChannels(service: FixEngine, tools: FixTools): FixChannels {
  return {
    'fix:start': async (fixId): Promise<FixRun> => {
      const session = await service.start(fixId, await tools.current());
      return {
        runId: session.runId,
        fixId,
        title: session.title,
        why: session.why,
        verifies: session.verifies,
        steps: session.steps.map((s) => stepView(fixId, s)),
      };
    },
    'fix:run-step': async (runId, stepIndex) => {
      const result = await service.runStep(runId, stepIndex);
      return { ok: result.ok, message: result.message, backupId: result.backupId, report: result.report };
    },
    'fix:undo': async (backupId) => {
      const result = await service.undo(backupId);
      return { ok: result.ok, message: result.message };
    },
  };
}
