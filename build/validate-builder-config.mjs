// Validates electron-builder.yml without building (CI cannot download Electron's binary):
//  1. against electron-builder's own JSON schema (node_modules/app-builder-lib/scheme.json), with
//     ajv as electron-builder uses it, minus type coercion (a quoted "true" is reported, not fixed);
//  2. against what would break `npm run dist` or weaken the package: the output directory is not
//     tsc's `dist/`, `files` ships package.json's `main`, keytar's .node is unpacked from the asar,
//     the entitlements files exist, parse, and do not switch hardened-runtime protections off.
// Things electron-builder needs only for some targets (a homepage and a maintainer e-mail for
// deb, icons) are warnings; `--strict` makes them errors.
//
// Usage: node build/validate-builder-config.mjs [--config file] [--package file] [--json] [--strict]
// Exit: 0 valid, 1 invalid, 2 could not run (missing file, unreadable YAML).
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { minimatch } from 'minimatch';
import plist from 'plist';
import { existsSync, readFileSync } from 'node:fs';
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
  if (targetNames(config.linux?.target).includes('deb')) {
    if (!pkg.homepage && !pkg.repository)
      warnings.push({
        path: 'package.json',
        message: 'the deb target needs "homepage" (or "repository") in package.json; `npm run dist` stops without it.',
      });
    const email = typeof pkg.author === 'object' ? pkg.author?.email : /<[^>]+@[^>]+>/.test(pkg.author ?? '');
    if (!config.linux?.maintainer && !config.deb?.maintainer && !email) {
      warnings.push({
        path: 'package.json',
        message: 'the deb target needs a maintainer e-mail: "author": {"name", "email"} in package.json or linux.maintainer here.',
      });
    }
  }
  const resources = config.directories?.buildResources ?? 'build';
  const icons = [
    config.mac?.icon ?? `${resources}/icon.icns`,
    config.win?.icon ?? `${resources}/icon.ico`,
    config.linux?.icon ?? `${resources}/icons`,
  ];
  const exists = (path) => existsSync(resolve(projectDir, path));
  const missing = exists(`${resources}/icon.png`) ? [] : icons.filter((icon) => !exists(icon));
  if (missing.length > 0)
    warnings.push({
      path: 'icons',
      message: `no app icon at ${missing.join(', ')} (or ${resources}/icon.png): packages get Electron's default icon.`,
    });
  return { errors, warnings, entitlements };
}

function main() {
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

  const schemaErrors = validateSchema(config);
  const { errors: checkErrors, warnings, entitlements } = checkConfig(config, pkg, dirname(resolve(values.package)));
  const errors = [...schemaErrors, ...checkErrors, ...(values.strict ? warnings : [])];
  const ok = errors.length === 0;

  if (values.json) {
    process.stdout.write(JSON.stringify({ ok, electronBuilder: version, errors, warnings, config, entitlements }, null, 2) + '\n');
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

main();
