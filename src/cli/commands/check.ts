import { diagnose } from '../../core/diagnosis/diagnose.js';
import { boundSystemResolver } from '../../core/io/dns.js';
import { exitCodeFor } from '../exit-codes.js';
import { renderHuman } from '../render-human.js';
import { terminalWidth } from '../wrap.js';
import { makePaint, wantsColor } from '../style.js';
import { parseCheckFlags } from '../check-flags.js';
import { writeOut } from '../output.js';
import { saveForStatus } from '../snapshot-place.js';
import { toolVersion } from '../version.js';

export async function runCheck(args: string[]): Promise<number> {
  const flags = parseCheckFlags(args);
  boundSystemResolver(process.env, flags.timeoutMs);
  const report = await diagnose({ offline: flags.offline, timeoutMs: flags.timeoutMs, only: flags.only, version: toolVersion() });
  // A full check is what `status` shows next (a --only run is skipped by the saver).
  await saveForStatus('check')(report);
  switch (flags.format) {
    case 'json':
      await writeOut(JSON.stringify(report, null, 2) + '\n');
      break;
    case 'human':
      await writeOut(renderHuman(report, makePaint(wantsColor(process.stdout, process.env, flags.color)), terminalWidth()));
      break;
    case 'prometheus':
      // Loaded only here: prom-client stays out of every other command's start-up.
      await (await import('../metrics-output.js')).writeExposition(report, flags);
      break;
  }
  return exitCodeFor(report.overall);
}
