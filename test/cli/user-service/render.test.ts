/**
 * The service files per OS, read back by real parsers: systemd's own `systemd-analyze verify`,
 * Python's plistlib for the launchd agent, an XML parser for the Windows task, and the Microsoft C
 * runtime's argv rules for the task's command line.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { renderLaunchdPlist } from '../../../src/cli/user-service/launchd.js';
import { installPlan, uninstallPlan } from '../../../src/cli/user-service/plan.js';
import { carriedEnvironment, watchServiceSpec } from '../../../src/cli/user-service/spec.js';
import { renderSystemdUnit, systemdQuote } from '../../../src/cli/user-service/systemd.js';
import type { ServiceState, WatchServiceSpec } from '../../../src/cli/user-service/types.js';
import { renderTaskLauncher, renderTaskXml, windowsQuote } from '../../../src/cli/user-service/windows-task.js';
import type { Os } from '../../../src/core/io/os.js';

const ARGV = [
  process.execPath,
  '/opt/my tools/100% "doctor"/main.js',
  'watch',
  '--metrics',
  '127.0.0.1:9464',
  '--label',
  'role=ci $runner',
];

function spec(os: Os, argv: readonly string[] = ARGV): WatchServiceSpec {
  return {
    os,
    argv,
    env: { CLAUDE_CONFIG_DIR: '/home/jo/claude config', NODE_EXTRA_CA_CERTS: '/etc/ssl/corp & co.pem' },
    homeDir: os === 'win32' ? 'C:\\Users\\jo' : '/home/jo',
    dataDir: os === 'win32' ? 'C:\\Users\\jo\\AppData\\Roaming\\Claude Auth Doctor' : '/home/jo/.local/share/claude-auth-doctor',
    user: 'jo',
    uid: 501,
    metrics: { host: '127.0.0.1', port: 9464 },
    hostEnv: { USERDOMAIN: 'CORP' },
  };
}

function python(script: string, input: string): { ok: boolean; out: string } | null {
  const run = spawnSync('python3', ['-c', script], { input, encoding: 'utf8', timeout: 20_000 });
  if (run.error) return null;
  return { ok: run.status === 0, out: run.stdout + run.stderr };
}
const PYTHON = spawnSync('python3', ['--version']).error
  ? { skip: 'python3 is not installed (its plistlib and XML parser read the files back)' }
  : {};
const SYSTEMD_ANALYZE = spawnSync('systemd-analyze', ['--version']).error
  ? { skip: 'systemd-analyze is not installed (package systemd)' }
  : {};

/** CommandLineToArgvW / the MSVC runtime, as Windows splits a command line. */
function splitWindows(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    for (; i < line.length; i++) {
      const ch = line[i];
      if (!quoted && (ch === ' ' || ch === '\t')) break;
      if (ch === '\\') {
        let n = 0;
        while (line[i] === '\\') {
          n++;
          i++;
        }
        if (line[i] === '"') {
          arg += '\\'.repeat(Math.floor(n / 2));
          if (n % 2 === 1) arg += '"';
          else quoted = !quoted;
        } else {
          arg += '\\'.repeat(n);
          i--;
        }
      } else if (ch === '"') quoted = !quoted;
      else arg += ch;
    }
    out.push(arg);
  }
  return out;
}

describe('systemd user unit', () => {
  test('ExecStart and Environment words survive systemd quoting', () => {
    assert.equal(systemdQuote('/usr/bin/node'), '/usr/bin/node');
    assert.equal(systemdQuote('100%'), '"100%%"');
    assert.equal(systemdQuote('$HOME'), '"$$HOME"');
    assert.equal(systemdQuote('a "b" c\\d'), '"a \\"b\\" c\\\\d"');
    const unit = renderSystemdUnit(spec('linux'));
    assert.match(
      unit,
      /^ExecStart=\S+node "\/opt\/my tools\/100%% \\"doctor\\"\/main\.js" watch --metrics 127\.0\.0\.1:9464 --label "role=ci \$\$runner"$/m,
    );
    assert.match(unit, /^Environment="CLAUDE_CONFIG_DIR=\/home\/jo\/claude config"$/m);
    assert.match(unit, /^Restart=on-failure$/m);
    assert.match(unit, /^WantedBy=default\.target$/m);
  });

  test('systemd-analyze verify accepts the unit', SYSTEMD_ANALYZE, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-unit-'));
    try {
      const path = join(dir, 'claude-auth-doctor.service');
      await writeFile(path, renderSystemdUnit(spec('linux')));
      const run = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr.trim(), '', 'no warning either');
      // The check can fail: a unit whose program is missing is refused.
      await writeFile(path, renderSystemdUnit(spec('linux', ['/nonexistent/node', 'x.js', 'watch'])));
      const bad = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8', timeout: 30_000 });
      assert.notEqual(bad.status, 0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('launchd agent', () => {
  test('plistlib reads back the label, the exact argv, the environment and the keep-alive', PYTHON, () => {
    const read = python(
      'import plistlib,sys,json; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))',
      renderLaunchdPlist(spec('darwin')),
    );
    assert.ok(read?.ok, read?.out);
    const plist = JSON.parse(read.out) as Record<string, unknown>;
    assert.equal(plist['Label'], 'com.claude-auth-doctor.watch');
    assert.deepEqual(plist['ProgramArguments'], ARGV);
    assert.deepEqual(plist['EnvironmentVariables'], spec('darwin').env);
    assert.equal(plist['RunAtLoad'], true);
    assert.deepEqual(plist['KeepAlive'], { SuccessfulExit: false });
    assert.equal(plist['StandardErrorPath'], '/home/jo/Library/Logs/claude-auth-doctor-watch.log');
  });
});

describe('Windows scheduled task', () => {
  test('the task XML is well-formed: at logon, no time limit, restarted on failure, running the hidden launcher', PYTHON, () => {
    const read = python(
      [
        'import sys, json, xml.etree.ElementTree as ET',
        'ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}',
        'root = ET.fromstring(sys.stdin.read().replace(\'encoding="UTF-16"\', ""))',
        'g = lambda p: root.find(p, ns).text',
        'print(json.dumps({"user": g("t:Triggers/t:LogonTrigger/t:UserId"), "limit": g("t:Settings/t:ExecutionTimeLimit"),',
        '  "restart": g("t:Settings/t:RestartOnFailure/t:Count"), "command": g("t:Actions/t:Exec/t:Command"), "args": g("t:Actions/t:Exec/t:Arguments")}))',
      ].join('\n'),
      renderTaskXml(spec('win32')),
    );
    assert.ok(read?.ok, read?.out);
    const task = JSON.parse(read.out) as Record<string, string>;
    assert.equal(task['user'], 'CORP\\jo');
    assert.equal(task['limit'], 'PT0S');
    assert.equal(task['restart'], '5');
    assert.equal(task['command'], '%SystemRoot%\\System32\\wscript.exe');
    assert.deepEqual(splitWindows(task['args'] ?? ''), [
      '//B',
      '//Nologo',
      'C:\\Users\\jo\\AppData\\Roaming\\Claude Auth Doctor\\watch-hidden.vbs',
    ]);
  });

  test('the launcher sets the environment and runs the exact argv hidden', () => {
    const vbs = renderTaskLauncher(spec('win32'));
    assert.match(vbs, /^env\("CLAUDE_CONFIG_DIR"\) = "\/home\/jo\/claude config"\r$/m);
    const run = /^WScript\.Quit shell\.Run\("(.*)", 0, True\)\r$/m.exec(vbs);
    assert.ok(run?.[1]);
    assert.deepEqual(splitWindows(run[1].replace(/""/g, '"')), ARGV);
  });

  test('windowsQuote round-trips any argument through the C runtime rules', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '\t', 'é', '%') }), { minLength: 1, maxLength: 6 }),
        (args) => {
          assert.deepEqual(splitWindows(args.map(windowsQuote).join(' ')), args);
        },
      ),
    );
  });
});

describe('plans and what a service carries', () => {
  const reachable: ServiceState = { installed: false, manager: { reachable: true }, loaded: false, running: false, details: [], hints: [] };
  const away: ServiceState = { ...reachable, manager: { reachable: false, why: 'no user manager' }, running: null };

  const cases: [Os, string[], string[]][] = [
    [
      'linux',
      ['write-file', 'systemctl --user daemon-reload', 'systemctl --user enable --now claude-auth-doctor.service'],
      ['systemctl --user disable --now claude-auth-doctor.service', 'move-aside', 'systemctl --user daemon-reload'],
    ],
    [
      'darwin',
      ['write-file', 'launchctl bootstrap gui/501 /home/jo/Library/LaunchAgents/com.claude-auth-doctor.watch.plist'],
      ['launchctl bootout gui/501/com.claude-auth-doctor.watch', 'move-aside'],
    ],
    [
      'win32',
      [
        'write-file',
        'write-file',
        'schtasks /Create /TN "\\Claude Auth Doctor\\watch" /XML "C:\\Users\\jo\\AppData\\Roaming\\Claude Auth Doctor\\watch-task.xml" /F',
        'schtasks /Run /TN "\\Claude Auth Doctor\\watch"',
      ],
      [
        'schtasks /End /TN "\\Claude Auth Doctor\\watch"',
        'schtasks /Delete /TN "\\Claude Auth Doctor\\watch" /F',
        'move-aside',
        'move-aside',
      ],
    ],
  ];
  const shape = (steps: readonly { display: string; action: { type: string } }[]) =>
    steps.map((s) => (s.action.type === 'command' ? s.display : s.action.type));
  for (const [os, install, uninstall] of cases) {
    test(`${os}: install writes then starts; uninstall stops, moves aside, reloads`, () => {
      assert.deepEqual(shape(installPlan(spec(os), reachable).change.steps), install);
      const running = { ...reachable, installed: true, loaded: true, running: true };
      assert.deepEqual(shape(uninstallPlan(spec(os), running).change.steps), uninstall);
    });
    test(`${os}: without a reachable manager the files are written and the commands printed`, () => {
      const plan = installPlan(spec(os), away);
      assert.ok(plan.change.steps.every((s) => s.action.type === 'write-file'));
      assert.deepEqual(
        plan.manual,
        install.filter((s) => s !== 'write-file'),
      );
    });
  }

  test('only non-secret variables are carried; one holding a credential is named and left out', () => {
    const carried = carriedEnvironment({
      PATH: '/usr/bin',
      CLAUDE_CONFIG_DIR: '/c',
      HTTPS_PROXY: 'http://jo:FAKE-pass@proxy:3128',
      ANTHROPIC_API_KEY: 'sk-ant-api03-FAKE-abcdefghijklmnopqrstuvwxyz',
      CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-FAKE-abcdefghijklmnopqrstuvwxyz',
      NO_PROXY: 'localhost\nx',
    });
    assert.deepEqual(carried.env, { PATH: '/usr/bin', CLAUDE_CONFIG_DIR: '/c' });
    assert.deepEqual(carried.withheld, ['HTTPS_PROXY', 'NO_PROXY']);
    const built = watchServiceSpec({
      os: 'linux',
      cli: ['/usr/bin/node', '/x/main.js'],
      env: { HTTPS_PROXY: 'http://jo:FAKE@p:1' },
      homeDir: '/h',
      dataDir: '/d',
      user: 'jo',
      metrics: { host: '::1', port: 9464 },
      labels: { host: 'vps-1' },
    });
    assert.deepEqual(built.spec.argv, ['/usr/bin/node', '/x/main.js', 'watch', '--metrics', '[::1]:9464', '--label', 'host=vps-1']);
    assert.ok(!renderSystemdUnit(built.spec).includes('FAKE'));
  });
});
