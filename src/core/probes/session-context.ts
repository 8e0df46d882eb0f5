import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import { describeSession, detectSession } from '../platform/session.js';

/** session.context: informational; tells the fix plan whether a browser login can work here. */
export const sessionContextProbe: Probe = {
  id: 'session.context',
  title: 'Session',
  touches: 'Reads environment variables (SSH_CONNECTION, DISPLAY, WSL) and /proc and container marker files.',
  offline: 'run',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const info = await ctx.memo('session', () => detectSession(ctx.env, ctx.fs, ctx.platform.os));
    return {
      status: 'ok',
      summary: describeSession(info),
      cause: null,
      evidence: {
        session: info.session,
        ssh: info.ssh,
        display: info.display,
        wsl: info.wsl,
        container: info.container,
        ...info.evidence,
      },
    };
  },
};
