// 7  `explain` against the pinned Claude Code's own messages: how many of the auth, account,
//    network and TLS messages in its bundle the catalogue recognises, the right-first-fix rate on
//    the curated fixture of that version, and the first of those it does not match (the list to
//    catch up on a new release: build/claude-code-messages.mjs prints it in full).
import { auditMessages } from '../../build/claude-code-messages.mjs';
import { findClaudeCode } from '../lib/claude-code.mjs';

const SHOWN = 15;

export async function benchMessages({ log }) {
  const claude = await findClaudeCode(log);
  const out = ["## 7. `explain` and the pinned Claude Code's own messages", ''];
  if (!claude.bin) return { out: [...out, `_Skipped: ${claude.why}._`, ''] };
  log(`reading the messages of ${claude.bin}…`);
  const audit = await auditMessages(claude.bin);
  const matched = audit.candidates - audit.unmatched.length;
  out.push(
    `${claude.version}: ${audit.candidates} auth/account/network/TLS message strings read out of the binary in ${audit.seconds.toFixed(1)} s; \`explain\` matches ${matched} (${((100 * matched) / Math.max(1, audit.candidates)).toFixed(1)} %). The strings are found by keywords, so the rest includes messages of other features; the curated fixture is the measure.`,
    '',
    audit.fixture
      ? `Right first fix on \`${audit.fixture.file}\`: **${audit.fixture.right}/${audit.fixture.total}** (${((100 * audit.fixture.right) / audit.fixture.total).toFixed(1)} %).`
      : `_No curated fixture for ${audit.version ?? 'this version'} yet: add test/fixtures/claude-code/messages-<version>.json._`,
    '',
    `First ${Math.min(SHOWN, audit.unmatched.length)} not matched (\`node build/claude-code-messages.mjs ${claude.bin.replace(process.cwd() + '/', '')}\` lists all ${audit.unmatched.length}):`,
    '',
    ...audit.unmatched.slice(0, SHOWN).map((text) => `- ${text.slice(0, 160)}`),
    '',
  );
  return { out };
}
