// Which of an installed Claude Code's auth, account, network and TLS messages `explain` does not
// recognise, so each new release can be caught up in minutes.
//
//   node build/claude-code-messages.mjs [path] [--json] [--limit N]
//
// `path` is a Claude Code install: its native binary (the JS is embedded in it), a package dir with
// cli.js (npm releases up to 2.1.197), or a .js bundle. Default: the first `claude` on PATH. Needs a
// build (`npm run build`): it runs the catalogue from dist/. The benchmark job runs it against the
// pinned Claude Code (bench/sections/messages.mjs). Exit code 0; it reports, it does not judge.
import { closeSync, existsSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHUNK = 16 * 1024 * 1024;
const OVERLAP = 4096;
const MIN = 14;
const MAX = 420;

/** Words that put a message in scope: sign-in, account, credentials, providers, the network, TLS. */
const TOPIC =
  /\b(log ?in|logged|log out|sign(?:ed)?[ -]?in|sign-in|auth\w*|oauth|token|api key|x-api-key|keychain|credential\w*|proxy|certificate|ssl|tls|connect\w*|network|dns|internet|vpn|organi[sz]ation|subscription|billing|payment|credit|gateway|bedrock|vertex|foundry|aws|google cloud|gcp|azure|refresh\w*|expired|revoked|unauthori[sz]ed|forbidden|overloaded|rate limit|disk|quota|account)\b/i;
/** …and it says something went wrong, or what to do. */
const TROUBLE =
  /\b(error|fail\w*|couldn't|could not|can't|cannot|unable|invalid|expired|expires|not logged|not signed|please run|run \/login|refused|rejected|denied|blocked|missing|too low|on hold|disabled|not allowed|timed out|time limit|warning|not trusted|is full|lost|required|past due|not available)\b/i;
/** Code, prompts and telemetry, not messages. */
// NUL and other control bytes mark binary data, not a message.
const NOT_A_MESSAGE =
  // eslint-disable-next-line no-control-regex
  /=>|\bfunction\b|\breturn\b|\bconst\b|\bvar\b|\.prototype|&&|\|\||tengu_|\bYou are\b|\bthe user\b|\bClaude should\b|<\/?[a-z]+>|^[a-z_]+$|[\u0000-\u0008\uFFFD]/;
/**
 * Features of Claude Code outside signing in and reaching the API (connectors, sandboxes, cloud
 * sessions, plugins, git…) and the messages of libraries it bundles (MSAL, the AWS SDK internals).
 */
const OTHER_FEATURE =
  /\b(connectors?|worktree|sandbox\w*|artifacts?|plugins?|hooks?|mcp|skills?|marketplace|cloud sessions?|remote control|teleport|transcript|sub-?agents?|git|repository|commit|upload|download\w*|notebook|PublicClientApplication|msal|oidc|managed identity|authority|sigv4|egress|runner|tunnel to be|webfetch|scheduled tasks?|routines?)\b/i;

function resolveSource(arg) {
  if (arg) {
    if (!existsSync(arg)) throw new Error(`${arg} does not exist`);
    if (statSync(arg).isDirectory()) {
      for (const name of ['cli.js', 'bin/claude.exe', 'bin/claude']) if (existsSync(join(arg, name))) return realpathSync(join(arg, name));
      throw new Error(`${arg} holds neither cli.js nor bin/claude(.exe)`);
    }
    return realpathSync(arg);
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['claude', 'claude.exe']) if (dir && existsSync(join(dir, name))) return realpathSync(join(dir, name));
  }
  throw new Error('no `claude` on PATH; pass the path of an install');
}

/** Every string literal of the embedded JS, read in overlapping chunks (the native binary is ~400 MB). */
function* literals(file) {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK + OVERLAP);
  const literal = /"((?:[^"\\\n]|\\.){14,420})"|'((?:[^'\\\n]|\\.){14,420})'|`((?:[^`\\]|\\.){14,420})`/g;
  try {
    for (let position = 0; ; position += CHUNK) {
      const read = readSync(fd, buffer, 0, CHUNK + OVERLAP, position);
      if (read <= 0) break;
      const text = buffer.subarray(0, read).toString('utf8');
      for (const match of text.matchAll(literal)) yield match[1] ?? match[2] ?? match[3] ?? '';
      if (read < CHUNK + OVERLAP) break;
    }
  } finally {
    closeSync(fd);
  }
}

/** A literal as a person would see it printed: escapes resolved, ${…} shown as a placeholder. */
function asShown(raw) {
  return raw
    .replace(/\$\{[^}]{0,200}\}/g, '…')
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/\\n/g, ' ')
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function candidateMessages(file) {
  const found = new Set();
  for (const raw of literals(file)) {
    const text = asShown(raw);
    if (text.length < MIN || text.length > MAX || found.has(text)) continue;
    if (!/^[A-Z⚠·…{]/.test(text) || text.split(' ').length < 4) continue;
    if (!TOPIC.test(text) || !TROUBLE.test(text) || NOT_A_MESSAGE.test(text) || OTHER_FEATURE.test(text)) continue;
    found.add(text);
  }
  return [...found].sort();
}

/** The messages `explain` matches and those it does not; with the version's fixture, the right-first-fix rate too. */
export async function auditMessages(source, { root = new URL('..', import.meta.url).pathname } = {}) {
  const match = join(root, 'dist/src/core/explain/match.js');
  if (!existsSync(match)) throw new Error('build first (npm run build): dist/src/core/explain/match.js is missing');
  const { explain } = await import(pathToFileURL(match).href);
  const file = resolveSource(source);
  const started = performance.now();
  const messages = candidateMessages(file);
  const unmatched = messages.filter((text) => explain(text).length === 0);
  const version = /\b2\.\d+\.\d+\b/.exec(JSON.stringify(readVersionNear(file)))?.[0] ?? null;
  const fixturePath = version ? join(root, `test/fixtures/claude-code/messages-${version}.json`) : null;
  let fixture = null;
  if (fixturePath && existsSync(fixturePath)) {
    const rows = JSON.parse(readFileSync(fixturePath, 'utf8')).messages.filter((r) => r.fix);
    const right = rows.filter((r) => explain(r.text)[0]?.fixes[0] === r.fix).length;
    fixture = { file: fixturePath.slice(root.length), right, total: rows.length };
  }
  return { file, version, seconds: (performance.now() - started) / 1000, candidates: messages.length, unmatched, fixture };
}

/** The package.json next to the binary (or one up), for the version; null when there is none. */
function readVersionNear(file) {
  for (const dir of [join(file, '..'), join(file, '..', '..')]) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      try {
        return JSON.parse(readFileSync(path, 'utf8')).version ?? null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const limitAt = args.indexOf('--limit');
  const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;
  const path = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--limit');
  const audit = await auditMessages(path);
  if (json) {
    process.stdout.write(JSON.stringify(audit, null, 2) + '\n');
  } else {
    const rate = audit.candidates ? (100 * (audit.candidates - audit.unmatched.length)) / audit.candidates : 0;
    console.log(`${audit.file} (Claude Code ${audit.version ?? 'version unknown'}), read in ${audit.seconds.toFixed(1)} s`);
    console.log(
      `${audit.candidates} auth/account/network/TLS messages found; explain matches ${audit.candidates - audit.unmatched.length} (${rate.toFixed(1)} %).`,
    );
    if (audit.fixture) console.log(`Right first fix on ${audit.fixture.file}: ${audit.fixture.right}/${audit.fixture.total}.`);
    console.log(`\nNot matched (${audit.unmatched.length}):`);
    for (const text of audit.unmatched.slice(0, limit)) console.log(`  ${text}`);
  }
}
