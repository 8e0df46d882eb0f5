import { diagnose } from '../../core/diagnosis/diagnose.js';
import { boundSystemResolver } from '../../core/io/dns.js';
import { exitCodeFor } from '../exit-codes.js';
import { renderHuman } from '../render-human.js';
import { makePaint, wantsColor } from '../style.js';
import { parseCheckFlags } from '../check-flags.js';
import { writeOut } from '../output.js';
import { toolVersion } from '../version.js';

export async function runCheck(args: string[]): Promise<number> {
  const flags = parseCheckFlags(args);
  boundSystemResolver(process.env, flags.timeoutMs);
  const report = await diagnose({ offline: flags.offline, timeoutMs: flags.timeoutMs, only: flags.only, version: toolVersion() });
  if (flags.json) await writeOut(JSON.stringify(report, null, 2) + '\n');
  else await writeOut(renderHuman(report, makePaint(wantsColor(process.stdout, process.env, flags.color))));
  return exitCodeFor(report.overall);
}
