// Validates electron-builder.yml without building (CI here cannot download Electron's binary):
//  1. against electron-builder's own JSON schema (node_modules/app-builder-lib/scheme.json), with
//     ajv as electron-builder uses it, minus type coercion (a quoted "true" is reported, not fixed),
//     and then through electron-builder's own validateConfiguration (its deprecations included);
//  2. against what would break `npm run dist` or weaken the package: the output directory is not
//     tsc's `dist/`, `files` ships package.json's `main`, keytar's .node is unpacked from the asar,
//     the entitlements files exist, parse, and do not switch hardened-runtime protections off, the
//     fuses that keep the signed app from being used as a Node or inspected are set;
//  3. against what electron-builder rejects or silently degrades only while building a target, by
//     its own rules: the deb target's homepage (package.json, or a GitHub repository) and
//     maintainer e-mail; the app icon each platform would pick (electron-builder's own candidate
//     order: a build/icons/ folder beats build/icon.png), which must not fall back to Electron's.
// Step 3's findings are warnings; `--strict` (CI) makes them errors.
//
// Usage: node build/validate-builder-config.mjs [--config file] [--package file] [--json] [--strict]
// Exit: 0 valid, 1 invalid, 2 could not run (missing file, unreadable YAML).
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { minimatch } from 'minimatch';
import plist from 'plist';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Entitlements that undo what the hardened runtime is for.
const FORBIDDEN_ENTITLEMENTS = {
  'com.apple.security.cs.disable-library-validation': 'lets any dylib, signed by anyone, load into the app',
  'com.apple.security.cs.allow-dyld-environment-variables': 'lets DYLD_INSERT_LIBRARIES inject code',
  'com.apple.security.cs.disable-executable-page-protection': 'turns off W^X for all memory',
  'com.apple.security.get-task-allow': 'lets other processes attach a debugger (development builds only)',
};
const KEYTAR_NODE = 'node_modules/keytar/build/Release/keytar.node';

/** Fuses the app relies on (README "Trying it on a desktop"): the value each must have. */
const REQUIRED_FUSES = {
  runAsNode: [false, 'ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node'],
  enableNodeOptionsEnvironmentVariable: [false, 'NODE_OPTIONS would inject code into the signed app'],
  enableNodeCliInspectArguments: [false, '--inspect would let any local process drive the signed app'],
  onlyLoadAppFromAsar: [true, 'the app could be loaded from a folder next to the asar'],
  enableEmbeddedAsarIntegrityValidation: [true, 'a modified app.asar would still load'],
  enableCookieEncryption: [true, 'cookies would be stored in clear text'],
};

function fail(message) {
  console.error(`validate-builder-config: ${message}`);
  process.exit(2);
}

function readText(path, what) {
  if (!existsSync(path)) fail(`${what} not found: ${path}`);
  return readFileSync(path, 'utf8');
}

const label = (instancePath) =>
  instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '') || '(root)';

function levenshtein(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function describeError(error) {
  const where = label(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = error.params.additionalProperty;
      const known = Object.keys(error.parentSchema?.properties ?? {});
      const near = known.map((k) => [k, levenshtein(name, k)]).sort((x, y) => x[1] - y[1])[0];
      const hint = near && near[1] <= Math.max(2, Math.floor(name.length / 4)) ? ` Did you mean "${near[0]}"?` : '';
      return { path: where, message: `unknown option "${name}" in ${where}.${hint}` };
    }
    case 'enum':
      return {
        path: where,
        message: `${where} must be one of: ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(error.data)}).`,
      };
    case 'type':
      return { path: where, message: `${where} must be ${[].concat(error.params.type).join(' or ')} (got ${JSON.stringify(error.data)}).` };
    case 'required':
      return { path: where, message: `${where} is missing "${error.params.missingProperty}".` };
    default:
      return { path: where, message: `${where} ${error.message}.` };
  }
}

/** ajv reports every failed anyOf branch; keep the errors that say what to change. */
function relevantErrors(errors) {
  const composite = new Set(['anyOf', 'oneOf', 'if']);
  const specific = errors.filter((e) => !composite.has(e.keyword));
  if (specific.length === 0) return errors;
  const deeper = (e) => specific.some((o) => o.instancePath.startsWith(`${e.instancePath}/`));
  const scalar = new Set(['type', 'enum', 'const']);
  const kept = specific.filter((e) => {
    if (!scalar.has(e.keyword)) return true;
    // The value is a container with errors inside: the branches that wanted a scalar do not matter.
    if (deeper(e)) return false;
    return e.keyword !== 'type' || !specific.some((o) => o !== e && o.keyword !== 'type' && o.instancePath === e.instancePath);
  });
  // Several `type` errors at one path (one per branch) become one message listing every type.
  const merged = new Map();
  for (const e of kept) {
    const key = `${e.instancePath}|${e.keyword}|${e.keyword === 'additionalProperties' ? e.params.additionalProperty : ''}`;
    const seen = merged.get(key);
    if (seen && e.keyword === 'type') seen.params = { type: [...new Set([].concat(seen.params.type, e.params.type))] };
    else if (!seen) merged.set(key, { ...e, params: { ...e.params } });
  }
  return [...merged.values()];
}

const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));

function validateSchema(config) {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  const validate = ajv.compile(scheme);
  if (validate(config)) return [];
  const seen = new Set();
  return relevantErrors(validate.errors ?? [])
    .map(describeError)
    .filter((e) => !seen.has(e.message) && seen.add(e.message));
}

function patterns(value) {
  if (value == null) return [];
  return [].concat(value).flatMap((entry) => (typeof entry === 'string' ? [entry] : [].concat(entry.filter ?? '**/*')));
}

/** electron-builder's reading of `files`: included by a positive pattern, not excluded by a later `!` one. */
function shipped(path, list) {
  let included = false;
  for (const pattern of list) {
    if (pattern.startsWith('!')) {
      if (minimatch(path, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(path, pattern, { dot: true })) included = true;
  }
  return included;
}

/** `target: deb`, `target: [AppImage, {target: deb, arch: [x64]}]` → ['deb'] / ['AppImage', 'deb']. */
function targetNames(value) {
  if (value == null) return [];
  return []
    .concat(value)
    .map((entry) => (typeof entry === 'string' ? entry : entry?.target))
    .filter((name) => typeof name === 'string');
}

/**
 * The schema types `{target: "..."}` as any string; the names a platform accepts are the mac
 * enum, or for Windows and Linux the backticked list in the schema's own description.
 */
function knownTargets(definition) {
  const schema = scheme.definitions[definition]?.properties?.target;
  const enumerated = JSON.stringify(schema ?? {}).match(/"enum":\[([^\]]*)\]/);
  if (enumerated) return JSON.parse(`[${enumerated[1]}]`);
  const list = (schema?.description ?? '').split(/\.\s/)[0];
  return [...list.matchAll(/`([\w.-]+)`/g)].map((m) => m[1]);
}

function checkTargets(config, errors) {
  const platforms = { mac: 'MacConfiguration', win: 'WindowsConfiguration', linux: 'LinuxConfiguration' };
  for (const [platform, definition] of Object.entries(platforms)) {
    const known = knownTargets(definition);
    if (known.length === 0) continue;
    [].concat(config[platform]?.target ?? []).forEach((entry, i) => {
      const name = typeof entry === 'string' ? entry : entry?.target;
      const where = `${platform}.target${Array.isArray(config[platform].target) ? `[${i}]` : ''}${typeof entry === 'string' ? '' : '.target'}`;
      // electron-builder lower-cases target names (targetFactory), so "appimage" is fine.
      if (typeof name === 'string' && !known.some((k) => k.toLowerCase() === name.trim().toLowerCase())) {
        errors.push({ path: where, message: `${where} "${name}" is not a ${platform} target; one of: ${known.join(', ')}.` });
      }
    });
  }
}

function readEntitlements(projectDir, path, errors) {
  const full = resolve(projectDir, path);
  if (!existsSync(full)) {
    errors.push({ path: 'mac.entitlements', message: `entitlements file ${path} does not exist.` });
    return null;
  }
  let parsed;
  try {
    parsed = plist.parse(readFileSync(full, 'utf8'));
  } catch (error) {
    errors.push({ path: 'mac.entitlements', message: `${path} is not a valid property list: ${error.message}` });
    return null;
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (FORBIDDEN_ENTITLEMENTS[key] && value === true) {
      errors.push({ path: 'mac.entitlements', message: `${path} grants ${key}, which ${FORBIDDEN_ENTITLEMENTS[key]}; remove it.` });
    }
  }
  return parsed;
}

function checkConfig(config, pkg, projectDir) {
  const errors = [];
  const warnings = [];
  checkTargets(config, errors);
  const output = config.directories?.output ?? 'dist';
  if (output.replace(/\/+$/, '') === 'dist') {
    errors.push({
      path: 'directories.output',
      message: 'directories.output is "dist" (the default), where tsc writes the app; use "release".',
    });
  }
  const files = patterns(config.files);
  if (pkg.main && files.length > 0 && !shipped(pkg.main, files)) {
    errors.push({ path: 'files', message: `files does not include package.json's main (${pkg.main}); the packaged app would not start.` });
  }
  if (!patterns(config.asarUnpack).some((p) => minimatch(KEYTAR_NODE, p, { dot: true }))) {
    errors.push({
      path: 'asarUnpack',
      message: `asarUnpack does not cover ${KEYTAR_NODE}; a native module cannot load from inside app.asar.`,
    });
  }
  if (config.npmRebuild === false) {
    errors.push({ path: 'npmRebuild', message: 'npmRebuild is false: keytar would stay built for Node, not for Electron.' });
  }
  const entitlements = {};
  for (const key of ['entitlements', 'entitlementsInherit']) {
    const path = config.mac?.[key];
    if (typeof path === 'string' && !(path in entitlements)) entitlements[path] = readEntitlements(projectDir, path, errors);
  }
  const fuses = config.electronFuses ?? {};
  for (const [fuse, [wanted, why]] of Object.entries(REQUIRED_FUSES)) {
    if (fuses[fuse] !== wanted)
      errors.push({ path: `electronFuses.${fuse}`, message: `electronFuses.${fuse} must be ${wanted}: otherwise ${why}.` });
  }
  return { errors, warnings, entitlements };
}

/** Step 3 for the deb target: electron-builder's FpmTarget.computeFpmMetaInfoOptions, by its own AppInfo rules. */
async function checkDeb(config, pkg, projectDir, warnings) {
  if (!targetNames(config.linux?.target).includes('deb')) return;
  // AppInfo.computePackageUrl: the homepage, else a GitHub repository (from package.json or the git remote).
  const { getRepositoryInfo } = require('app-builder-lib/out/util/repositoryInfo');
  const repository = await getRepositoryInfo(projectDir, pkg, null).catch(() => null);
  if (!pkg.homepage && repository?.type !== 'github')
    warnings.push({
      path: 'package.json',
      message: 'the deb target needs "homepage" in package.json (or a GitHub "repository"); `npm run dist` stops without it.',
    });
  const author = typeof pkg.author === 'string' ? { email: /<([^>]+@[^>]+)>/.exec(pkg.author)?.[1] } : pkg.author;
  if (!config.linux?.maintainer && !config.deb?.maintainer && !author?.email) {
    warnings.push({
      path: 'package.json',
      message: 'the deb target needs a maintainer e-mail: "author": {"name", "email"} in package.json or linux.maintainer here.',
    });
  }
}

function pngSize(path) {
  const bytes = readFileSync(path);
  return bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 ? Math.max(bytes.readUInt32BE(16), bytes.readUInt32BE(20)) : 0;
}

/**
 * Step 3 for icons: the source each platform's packager would take, found with electron-builder's
 * own candidate list (iconConverter.buildSourceCandidates) in its roots (build resources, then the
 * project), and whether it yields an icon or falls back to Electron's default.
 */
function checkIcons(config, projectDir, warnings) {
  const { buildSourceCandidates } = require('app-builder-lib/out/util/iconConverter');
  const resources = resolve(projectDir, config.directories?.buildResources ?? 'build');
  const platforms = [
    ['mac', 'icns', [config.mac?.icon ?? config.icon], 512],
    ['win', 'ico', [config.win?.icon ?? config.icon], 256],
    // LinuxTargetHelper: linux.icon, then mac.icon or icon.
    ['linux', 'set', [config.linux?.icon, config.mac?.icon ?? config.icon], 256],
  ];
  const picks = {};
  for (const [platform, format, sources, minimum] of platforms) {
    const candidates = buildSourceCandidates(
      sources.filter((s) => typeof s === 'string' && s && !s.endsWith('.icon')),
      format,
    );
    let found = null;
    for (const candidate of candidates) {
      found = [resources, projectDir].map((root) => resolve(root, candidate)).find((path) => existsSync(path)) ?? null;
      if (found) break;
    }
    const shown = found ? found.slice(projectDir.length + 1) : null;
    picks[platform] = shown;
    const fallback = (why) =>
      warnings.push({ path: `${platform}.icon`, message: `${platform} packages would get Electron's default icon: ${why}` });
    if (!found) {
      fallback(`no icon found (set "icon: build/icon.png" at least ${minimum} px).`);
      continue;
    }
    if (statSync(found).isDirectory()) {
      const names = readdirSync(found);
      if (!names.some((name) => /^\d+(x\d+)?\.png$/i.test(name) || /^icon\.png$/i.test(name)))
        fallback(
          `electron-builder takes the folder ${shown} before any icon file, and it holds no <size>.png or icon.png (move what lives there, or set "icon" explicitly).`,
        );
    } else if (found.toLowerCase().endsWith('.png') && pngSize(found) < minimum) {
      fallback(`${shown} is ${pngSize(found)} px; electron-builder needs at least ${minimum} px for ${format}.`);
    }
  }
  return picks;
}

/** electron-builder's own validateConfiguration (schema plus its deprecations); its message on failure. */
async function builderValidates(config) {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  try {
    await validateConfiguration(structuredClone(config), new DebugLogger(false));
    return null;
  } catch (error) {
    return String(error.message).split('\n')[0];
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: resolve(root, 'electron-builder.yml') },
      package: { type: 'string', default: resolve(root, 'package.json') },
      json: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
    },
  });
  let config;
  try {
    config = yaml.load(readText(values.config, 'configuration'));
  } catch (error) {
    fail(`${values.config} is not valid YAML: ${error.message}`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) fail(`${values.config} must hold a mapping of options.`);
  const pkg = JSON.parse(readText(values.package, 'package.json'));
  const version = JSON.parse(readFileSync(require.resolve('app-builder-lib/package.json'), 'utf8')).version;

  const projectDir = dirname(resolve(values.package));
  const schemaErrors = validateSchema(config);
  if (schemaErrors.length === 0) {
    const refused = await builderValidates(config);
    if (refused) schemaErrors.push({ path: '(root)', message: `electron-builder refuses the configuration: ${refused}` });
  }
  const { errors: checkErrors, warnings, entitlements } = checkConfig(config, pkg, projectDir);
  await checkDeb(config, pkg, projectDir, warnings);
  const icons = checkIcons(config, projectDir, warnings);
  const errors = [...schemaErrors, ...checkErrors, ...(values.strict ? warnings : [])];
  const ok = errors.length === 0;

  if (values.json) {
    process.stdout.write(JSON.stringify({ ok, electronBuilder: version, errors, warnings, config, entitlements, icons }, null, 2) + '\n');
  } else {
    const name = values.config.startsWith(root) ? values.config.slice(root.length + 1) : values.config;
    for (const warning of warnings) console.log(`warning: ${warning.message}`);
    if (ok) console.log(`${name} is valid for electron-builder ${version}.`);
    else {
      console.error(`${name} is not valid for electron-builder ${version}:`);
      for (const error of errors) console.error(`  - ${error.message}`);
    }
  }
  process.exit(ok ? 0 : 1);
}

await main();
