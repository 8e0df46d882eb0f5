import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const repo = resolve(dirname(here), here.endsWith('.ts') ? '../..' : '../../..');
const validator = join(repo, 'build', 'validate-builder-config.mjs');

/** The parts of electron-builder.yml the tests read (as the validator printed them). */
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  mac: {
    extendInfo: Record<string, unknown>;
    hardenedRuntime: boolean;
    category: string;
    entitlements: string;
    target: unknown;
    files: string[];
  };
  linux: { target: unknown; category: string; files: string[] };
  deb: { depends: string[] };
  win: { target: unknown; files: string[] };
}

interface Report {
  ok: boolean;
  icons: Record<'mac' | 'win' | 'linux', string | null>;
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
  config: BuilderConfig;
  entitlements: Record<string, Record<string, unknown> | null>;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [validator, ...args], { cwd: repo, timeout: 60_000 }, (error, stdout, stderr) => {
      resolvePromise({ code: error ? Number((error as NodeJS.ErrnoException & { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function report(args: string[] = []): Promise<Report> {
  const { stdout } = await run(['--json', ...args]);
  return JSON.parse(stdout) as Report;
}

const targets = (value: unknown): string[] => [value].flat().map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));

describe('electron-builder.yml', () => {
  let result: Report;
  before(async () => {
    result = await report();
  });

  test("is valid against electron-builder's own schema (the plain CLI run exits 0)", async () => {
    const plain = await run([]);
    assert.equal(plain.code, 0, plain.stdout + plain.stderr);
    assert.match(plain.stdout, /electron-builder\.yml is valid for electron-builder \d+\.\d+\.\d+\./);
    assert.deepEqual(result.errors, []);
    assert.equal(result.ok, true);
  });

  test('--strict passes too: nothing electron-builder rejects only at build time (deb homepage and maintainer, icons)', async () => {
    const strict = await run(['--strict']);
    assert.equal(strict.code, 0, strict.stdout + strict.stderr);
    assert.deepEqual(result.warnings, []);
  });

  test("every platform's packager picks build/icon.png, by electron-builder's own lookup order", () => {
    assert.deepEqual(result.icons, { mac: 'build/icon.png', win: 'build/icon.png', linux: 'build/icon.png' });
  });

  test('the fuses that keep the signed app from running as Node or being inspected are set', () => {
    assert.deepEqual(result.config.electronFuses, {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: true,
    });
  });

  test('each platform ships only its own notification helper; the CLI the launcher runs is outside the asar', () => {
    const { config } = result;
    assert.deepEqual(config.linux.files, ['!node_modules/node-notifier/vendor/**']);
    assert.ok(config.mac.files.includes('!node_modules/node-notifier/vendor/snoreToast/**'));
    assert.ok(!config.mac.files.some((f) => f.includes('mac.noindex')));
    assert.ok(config.win.files.includes('!node_modules/node-notifier/vendor/mac.noindex/**'));
    assert.ok(!config.win.files.some((f) => f.includes('snoreToast')));
    for (const path of ['dist/cli/**', 'node_modules/undici/**', 'node_modules/keytar/**'])
      assert.ok(config.asarUnpack.includes(path), path);
    assert.equal(config.mac.extendInfo.NSUserNotificationAlertStyle, 'alert', 'notification buttons need the alert style');
  });

  test('identity and packaging', () => {
    const { config } = result;
    assert.equal(config.appId, 'com.claudeauthdoctor.app');
    assert.equal(config.productName, 'Claude Auth Doctor');
    assert.equal(config.directories.output, 'release');
    assert.deepEqual(config.files.slice(0, 6), [
      'dist/src/**',
      'dist/bundle/**',
      'dist/cli/**',
      'dist/remote/**',
      'assets/**',
      'package.json',
    ]);
    assert.ok(config.asarUnpack.includes('node_modules/keytar/**'), 'keytar (native) unpacked');
    assert.ok(
      config.asarUnpack.some((p) => p.startsWith('node_modules/node-notifier/vendor')),
      'notifier helpers unpacked',
    );
    assert.equal(config.npmRebuild, true);
  });

  test('macOS: menu-bar only (LSUIElement), hardened runtime with entitlements, dmg + zip', () => {
    const mac = result.config.mac;
    assert.equal(mac.extendInfo.LSUIElement, true);
    assert.equal(mac.hardenedRuntime, true);
    assert.equal(mac.category, 'public.app-category.developer-tools');
    assert.equal(mac.entitlements, 'build/entitlements.mac.plist');
    assert.deepEqual(targets(mac.target).sort(), ['dmg', 'zip']);
  });

  test("the entitlements allow V8's JIT and nothing that weakens the hardened runtime", () => {
    const plist = result.entitlements['build/entitlements.mac.plist'];
    assert.deepEqual(plist, { 'com.apple.security.cs.allow-jit': true });
  });

  test('Linux: AppImage + deb in Development, deb depends on libsecret; Windows: nsis', () => {
    const { linux, deb, win } = result.config;
    assert.deepEqual(targets(linux.target), ['AppImage', 'deb']);
    assert.equal(linux.category, 'Development');
    assert.ok(deb.depends.includes('libsecret-1-0'));
    assert.deepEqual(targets(win.target), ['nsis']);
  });
});

describe('the validator catches mistakes, with readable messages', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cad-builder-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  test('schema errors: a misspelt option, an unknown target, a wrong type', async () => {
    const original = await readFile(join(repo, 'electron-builder.yml'), 'utf8');
    const broken = original
      .replace('hardenedRuntime: true', 'hardenedRunTime: true')
      .replace('target: dmg', 'target: dmgg')
      .replace('oneClick: true', 'oneClick: "yes"');
    const file = join(dir, 'broken.yml');
    await writeFile(file, broken);
    const plain = await run(['--config', file]);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /unknown option "hardenedRunTime" in mac\. Did you mean "hardenedRuntime"\?/);
    assert.match(plain.stderr, /mac\.target\[0\]\.target "dmgg" is not a mac target; one of: .*\bdmg\b/);
    assert.match(plain.stderr, /nsis\.oneClick must be boolean \(got "yes"\)/);
    assert.equal(plain.stderr.trim().split('\n').length, 4, plain.stderr);
  });

  test('checks beyond the schema: output dir, main not shipped, keytar packed, weak entitlements', async () => {
    const project = join(dir, 'project');
    await rm(project, { recursive: true, force: true });
    await mkdir(join(project, 'build'), { recursive: true });
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'x',
        main: 'dist/src/main/index.js',
        homepage: 'https://example.invalid',
        author: { name: 'A', email: 'a@example.invalid' },
      }),
    );
    await writeFile(
      join(project, 'build', 'ent.plist'),
      '<?xml version="1.0"?><plist version="1.0"><dict><key>com.apple.security.cs.disable-library-validation</key><true/></dict></plist>',
    );
    const config = join(project, 'electron-builder.yml');
    await writeFile(config, 'appId: x.y\nfiles: [dist/bundle/**]\nmac:\n  entitlements: build/ent.plist\nlinux:\n  target: deb\n');
    const out = await report(['--config', config, '--package', join(project, 'package.json')]);
    assert.equal(out.ok, false);
    assert.deepEqual(
      out.errors.map((e) => e.path).filter((path) => !path.startsWith('electronFuses.')),
      ['directories.output', 'files', 'asarUnpack', 'mac.entitlements'],
    );
    assert.ok(
      out.errors.some((e) => e.path === 'electronFuses.runAsNode'),
      'no fuses at all is an error too',
    );
    assert.match(out.errors[3]?.message ?? '', /grants com\.apple\.security\.cs\.disable-library-validation/);
    assert.ok(!out.warnings.some((w) => w.path === 'package.json'), 'homepage and author e-mail are there');
  });

  test('deb needs a homepage and a maintainer e-mail: warnings, errors with --strict', async () => {
    const project = join(dir, 'bare');
    await mkdir(join(project, 'build'), { recursive: true });
    await copyFile(join(repo, 'build', 'entitlements.mac.plist'), join(project, 'build', 'entitlements.mac.plist'));
    const pkg = join(project, 'package.json');
    await writeFile(pkg, JSON.stringify({ name: 'x', main: 'dist/src/main/index.js' }));
    const lenient = await report(['--package', pkg]);
    assert.equal(lenient.ok, true, JSON.stringify(lenient.errors));
    assert.deepEqual(
      lenient.warnings.filter((w) => w.path === 'package.json').map((w) => w.message.slice(0, 40)),
      ['the deb target needs "homepage" in packa', 'the deb target needs a maintainer e-mail'],
    );
    const strict = await run(['--package', pkg, '--strict']);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /needs "homepage"/);
    // A repository that is not on GitHub does not count: electron-builder derives a homepage from GitHub ones only.
    await writeFile(pkg, JSON.stringify({ name: 'x', main: 'dist/src/main/index.js', repository: 'https://gitlab.com/a/b' }));
    assert.ok((await report(['--package', pkg])).warnings.some((w) => /needs "homepage"/.test(w.message)));
    await writeFile(
      pkg,
      JSON.stringify({ name: 'x', main: 'dist/src/main/index.js', repository: 'github:a/b', author: 'A <a@b.invalid>' }),
    );
    assert.deepEqual(
      (await report(['--package', pkg])).warnings.filter((w) => w.path === 'package.json'),
      [],
    );
  });

  test("a build/icons folder without sized PNGs shadows build/icon.png: Electron's default icon, an error with --strict", async () => {
    const project = join(dir, 'icons-trap');
    await mkdir(join(project, 'build', 'icons'), { recursive: true });
    await copyFile(join(repo, 'build', 'entitlements.mac.plist'), join(project, 'build', 'entitlements.mac.plist'));
    await copyFile(join(repo, 'build', 'icon.png'), join(project, 'build', 'icon.png'));
    await writeFile(join(project, 'build', 'icons', 'draw.mjs'), '// a drawing script\n');
    const pkg = join(project, 'package.json');
    await writeFile(
      pkg,
      JSON.stringify({
        name: 'x',
        main: 'dist/src/main/index.js',
        homepage: 'https://x.invalid',
        author: { name: 'a', email: 'a@x.invalid' },
      }),
    );
    const unset = (await readFile(join(repo, 'electron-builder.yml'), 'utf8')).replace(/^\s*icon: build\/icon\.png\n/gm, '');
    const config = join(project, 'electron-builder.yml');
    await writeFile(config, unset);
    const out = await report(['--config', config, '--package', pkg]);
    assert.deepEqual(out.icons, { mac: 'build/icons', win: 'build/icons', linux: 'build/icons' });
    assert.deepEqual(
      out.warnings.map((w) => w.path),
      ['mac.icon', 'win.icon', 'linux.icon'],
    );
    assert.match(out.warnings[0]?.message ?? '', /default icon: electron-builder takes the folder build\/icons before any icon file/);
    assert.equal((await run(['--config', config, '--package', pkg, '--strict'])).code, 1);
    // Set explicitly, the same folder no longer matters.
    await writeFile(config, `icon: build/icon.png\n${unset}`);
    const fixed = await report(['--config', config, '--package', pkg, '--strict']);
    assert.deepEqual(fixed.icons, { mac: 'build/icon.png', win: 'build/icon.png', linux: 'build/icon.png' });
    assert.equal(fixed.ok, true, JSON.stringify(fixed.errors));
  });

  test('a fuse switched back on is an error naming the risk', async () => {
    const original = await readFile(join(repo, 'electron-builder.yml'), 'utf8');
    const file = join(dir, 'fuse.yml');
    await writeFile(file, original.replace('runAsNode: false', 'runAsNode: true'));
    const out = await report(['--config', file]);
    assert.equal(out.ok, false);
    assert.match(out.errors.map((e) => e.message).join('\n'), /electronFuses\.runAsNode must be false: otherwise ELECTRON_RUN_AS_NODE/);
  });
});
