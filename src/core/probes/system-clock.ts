import type { ClockFacts, ReportFacts } from '../../shared/report.js';
import { formatRemaining } from '../io/time.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import { fetchStatusSummary, responseHeader } from './status-fetch.js';

/** Beyond this, sign-in codes and certificates start to look expired or not yet valid. */
export const CLOCK_WARN_MS = 2 * 60_000;
/** Beyond this, TLS fails on recently issued certificates ("certificate is not yet valid") and tokens look expired. */
export const CLOCK_FAIL_MS = 60 * 60_000;

const FIX_HINT: Readonly<Record<'darwin' | 'linux' | 'win32', string>> = {
  darwin: 'System Settings → General → Date & Time → "Set time and date automatically"',
  linux: "`sudo timedatectl set-ntp true` (or your distribution's NTP service)",
  win32: 'Settings → Time & language → Date & time → "Set time automatically", then "Sync now"',
};

function facts(skewMs: number | null, against: string | null): ReportFacts {
  const clock: ClockFacts = { skewMs, against };
  return { clock };
}

/**
 * system.clock: this machine's clock against the `Date` header of the status page's answer (the
 * same request service.status makes; one GET when run alone). Seconds of resolution, which is
 * plenty: minutes of skew are what break TLS and OAuth.
 */
export const systemClockProbe: Probe = {
  id: 'system.clock',
  title: 'Clock',
  touches:
    "Reads the Date header of the status page's answer (the request service.status makes; one GET of the public summary when run alone).",
  offline: 'skip',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const sentAt = ctx.clock.now();
    const fetched = await fetchStatusSummary(ctx);
    const date = fetched?.result.kind === 'response' ? responseHeader(fetched.result, 'date') : null;
    const serverTime = date ? Date.parse(date) : Number.NaN;
    const host = fetched ? new URL(fetched.url).host : null;
    if (!fetched || !Number.isFinite(serverTime)) {
      return {
        status: 'unknown',
        summary: fetched?.result.kind === 'response' ? 'The status page sent no usable Date header' : 'No answer to compare the clock with',
        cause: null,
        evidence: { against: host, date },
        facts: facts(null, host),
      };
    }
    // The server stamped its Date somewhere between sending and receiving: compare with the midpoint.
    const local = Math.round((Math.min(sentAt, fetched.receivedAt) + fetched.receivedAt) / 2);
    const skewMs = local - serverTime;
    const size = Math.abs(skewMs);
    const evidence = { against: host, date, skewMs, localTime: new Date(local).toISOString() };
    const way = skewMs > 0 ? 'ahead of' : 'behind';
    const off = `This machine's clock is ${formatRemaining(size)} ${way} Anthropic's`;
    if (size < CLOCK_WARN_MS)
      return { status: 'ok', summary: 'Clock agrees with Anthropic', cause: null, evidence, facts: facts(skewMs, host) };
    const cause = `${off} (compared with the Date header of ${host}). A wrong clock makes TLS certificates look "not yet valid" or expired and sign-ins fail. Turn on network time: ${FIX_HINT[ctx.platform.os]}.`;
    return {
      status: size >= CLOCK_FAIL_MS ? 'fail' : 'warn',
      summary: off,
      cause,
      fixes: ['fix-clock'],
      evidence,
      facts: facts(skewMs, host),
    };
  },
};
