// Electron security scan: runs @doyensec/electronegativity over the app's main, preload and
// renderer code and fails on any HIGH or MEDIUM finding, whatever its confidence.
//
// What it scans: the tsc output (dist/src/{main,preload,renderer}/**/*.js) plus the HTML pages in
// src/{main,preload,renderer} (the CSP lives in a <meta>). The compiled JavaScript, not the
// TypeScript: electronegativity parses TypeScript, but its scope analysis does not follow
// variables there, so `const options = {...}; new BrowserWindow(options)` is only understood
// in JavaScript. Findings are mapped back to the .ts lines through tsc's source maps. The script
// refuses to scan output older than its sources (run `tsc -b` first).
//
// A finding reviewed and accepted is silenced in the source, next to the code, with
// electronegativity's own comment, which tsc keeps in the output:
//     `// eng-disable PRELOAD_JS_CHECK -- the preload exposes four intent-named functions`
// Every such comment is listed in this script's output so a reviewer sees it.
//
// The scanner normally fetches translations and Electron's release list from the internet; the
// first is replaced by an offline stub and the second check (AvailableSecurityFixesGlobalCheck,
// "is this Electron the newest") is skipped, so the scan is hermetic and gives the same answer
// with or without a network.
//
// The scan is told the project's Electron version (electronegativity's `-e/--electron-version`,
// programmatically `electronVersionOverride`): without it the scanner assumes Electron 0.1.0, whose
// insecure defaults (nodeIntegration on…) turn every window that relies on today's secure defaults
// into a HIGH or MEDIUM false positive.
//
// Usage: node build/security-scan.mjs [--app DIR] [--electron-version V] [--json] [--verbose]
//   --app DIR               scan DIR/main, DIR/preload, DIR/renderer as they are (used by the tests)
//   --electron-version V    judge against Electron V instead of the installed one (tests show the difference)
// Exit: 0 no high/medium finding, 1 findings, 2 the scan could not run.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire, SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const PARTS = ['main', 'preload', 'renderer'];
const SCANNED = /\.(c|m)?js$|\.html?$|\.tsx?$/;
const FAILING = new Set(['HIGH', 'MEDIUM']);

function stop(message) {
  console.error(`security-scan: ${message}`);
  process.exit(2);
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** [original file, path inside the scan directory] pairs. */
function appInputs() {
  const inputs = [];
  for (const part of PARTS) {
    const sourceDir = join(root, 'src', part);
    const outDir = join(root, 'dist', 'src', part);
    const sources = walk(sourceDir);
    for (const ts of sources.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
      const js = join(outDir, relative(sourceDir, ts)).replace(/\.ts$/, '.js');
      if (!existsSync(js)) stop(`${relative(root, js)} is missing: run \`npx tsc -b\` before scanning.`);
      if (statSync(js).mtimeMs < statSync(ts).mtimeMs)
        stop(`${relative(root, js)} is older than its source: run \`npx tsc -b\` before scanning.`);
      inputs.push([js, join(part, relative(sourceDir, ts)).replace(/\.ts$/, '.js')]);
    }
    for (const html of sources.filter((f) => /\.html?$/.test(f))) inputs.push([html, join(part, relative(sourceDir, html))]);
  }
  return inputs;
}

function dirInputs(app) {
  const inputs = [];
  for (const part of PARTS) {
    for (const file of walk(join(app, part)).filter((f) => SCANNED.test(f) && !f.endsWith('.d.ts'))) {
      inputs.push([file, join(part, relative(join(app, part), file))]);
    }
  }
  return inputs;
}

/** electronegativity's i18n asks an S3 bucket for translations on every run; answer "offline". */
function stubNetwork(scannerDir) {
  const gotPath = createRequire(join(scannerDir, 'dist', 'locales', 'i18n.js')).resolve('got');
  const offline = () => Promise.reject(new Error('offline: security-scan does not use the network'));
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = Object.assign(offline, { default: offline, get: offline, extend: () => offline });
  require.cache[gotPath] = stub;
}

/** Repository-relative inside the repository, absolute outside it. */
function shown(path) {
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
}

function sourceLocation(original, line, column) {
  const mapFile = `${original}.map`;
  if (!existsSync(mapFile) || line < 1) return { file: shown(original), line, column };
  try {
    const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
    const entry = map.findEntry(line - 1, column);
    if (!entry || !entry.originalSource) return { file: shown(original), line, column };
    const source = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : resolve(dirname(original), entry.originalSource);
    return { file: shown(source), line: entry.originalLine + 1, column: entry.originalColumn };
  } catch {
    return { file: shown(original), line, column };
  }
}

function suppressions(inputs) {
  const found = [];
  for (const [original] of inputs) {
    if (original.endsWith('.map')) continue;
    readFileSync(original, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const match = /(?:\/\/|\/\*|<!--)\s*eng-disable\s+(.*?)\s*(?:\*\/|-->)?\s*$/.exec(text);
        if (match) found.push({ ...sourceLocation(original, i + 1, text.indexOf('eng-disable')), comment: match[1] });
      });
  }
  return found;
}

async function main() {
  const { values } = parseArgs({
    options: {
      app: { type: 'string' },
      'electron-version': { type: 'string', short: 'e' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const inputs = values.app ? dirInputs(resolve(values.app)) : appInputs();
  if (inputs.length === 0) stop(`nothing to scan in ${values.app ? resolve(values.app) : 'src/main, src/preload, src/renderer'}.`);

  let scannerDir;
  try {
    scannerDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  } catch {
    stop('@doyensec/electronegativity is not installed (npm install -D @doyensec/electronegativity).');
  }
  const electronVersion = values['electron-version'] ?? JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  if (!/^\d+\.\d+\.\d+/.test(electronVersion)) stop(`--electron-version takes a version like 45.4.1 (got "${electronVersion}").`);

  const scanDir = mkdtempSync(join(tmpdir(), 'cad-security-scan-'));
  const byScanPath = new Map();
  for (const [original, inside] of inputs) {
    mkdirSync(dirname(join(scanDir, inside)), { recursive: true });
    cpSync(original, join(scanDir, inside));
    byScanPath.set(inside.split(sep).join('/'), original);
  }

  stubNetwork(scannerDir);
  const run = require(join(scannerDir, 'dist', 'runner.js'));
  const chatter = [];
  const log = console.log;
  console.log = (...args) => chatter.push(args.join(' '));
  let result;
  try {
    result = await run({
      input: scanDir,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
  } catch (error) {
    console.log = log;
    rmSync(scanDir, { recursive: true, force: true });
    stop(`electronegativity failed: ${error.message}`);
  }
  console.log = log;
  rmSync(scanDir, { recursive: true, force: true });
  if (values.verbose) for (const line of chatter) console.error(line);

  const findings = result.issues.map((issue) => {
    const original = byScanPath.get(String(issue.file).split(sep).join('/'));
    const where = original
      ? sourceLocation(original, issue.location.line, issue.location.column)
      : { file: issue.file, line: 0, column: 0 };
    return {
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      ...where,
      manualReview: issue.manualReview,
      description: issue.description,
      url: issue.shortenedURL,
    };
  });
  const failing = findings.filter((f) => FAILING.has(f.severity));
  const unparsed = result.errors.filter((e) => !e.tolerable).map((e) => ({ file: relative(scanDir, e.file), message: e.message }));
  const suppressed = suppressions(inputs);

  if (values.json) {
    process.stdout.write(
      JSON.stringify(
        {
          ok: failing.length === 0 && unparsed.length === 0,
          electronVersion,
          scanned: inputs.length,
          failing,
          findings,
          unparsed,
          suppressed,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    const where = (f) => (f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file === 'N/A' ? '(whole app)' : f.file);
    console.log(
      `electronegativity over ${inputs.length} files (Electron ${electronVersion}): ${failing.length} high/medium, ${findings.length - failing.length} low/informational.`,
    );
    for (const f of failing)
      console.log(
        `  ${f.severity} ${f.id} (${f.confidence}${f.manualReview ? ', review' : ''}) at ${where(f)}\n    ${f.description} ${f.url}`,
      );
    for (const f of findings.filter((x) => !FAILING.has(x.severity))) console.log(`  (${f.severity.toLowerCase()}) ${f.id} at ${where(f)}`);
    for (const s of suppressed) console.log(`  suppressed in source: ${s.file}:${s.line}: eng-disable ${s.comment}`);
    for (const u of unparsed) console.error(`  could not parse ${u.file}: ${u.message}`);
  }
  if (unparsed.length > 0) process.exit(2);
  process.exit(failing.length === 0 ? 0 : 1);
}

await main();
