/**
 * The CLI as a person meets it in an 80×24 terminal (a real tmux pane): --help on one screen,
 * check wrapped to the width, report written to a file, and `fix` owning the terminal (one key
 * acts, the sign-in runs right there with the terminal handed over, then it is checked again).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FIX_TITLES } from '../../src/shared/fix-titles.js';
import { fileURLToPath } from 'node:url';
import { cliCommand } from '../helpers/cli.js';
import { keepScreen, openPane, TMUX_SKIP, type Pane } from '../helpers/tmux.js';
import { makeSignInClaude } from '../helpers/stub-claude.js';
import { CANARY, makeWorld, oauthCredentials, POSIX_ONLY, type TempWorld } from '../core/fixes/helpers.js';

let world: TempWorld;
const panes: Pane[] = [];
const HERE = dirname(fileURLToPath(import.meta.url));

/** Keeps a screen as text under test-results/ (tmux/<name>, or cli-<world>-<n> for a world's walk), to read as a user would. */
async function keep(name: string, screen: string): Promise<void> {
  await keepScreen(HERE, name.startsWith('cli-') ? name : `tmux/${name}`, screen);
}

async function pane(args: string[], cwd?: string): Promise<Pane> {
  const { file, args: prefix } = cliCommand();
  const opened = await openPane([file, ...prefix, ...args], { env: world.env, cwd });
  panes.push(opened);
  return opened;
}

describe('the CLI in an 80×24 terminal (tmux)', { skip: POSIX_ONLY || TMUX_SKIP }, () => {
  before(async () => {
    world = await makeWorld();
    const creds = join(world.configDir, '.credentials.json');
    await writeFile(creds, '{"claudeAiOauth": {"accessToken": "sk-ant-oat01-FAKE-trunc');
    await chmod(creds, 0o600);
    await makeSignInClaude(world.bin, { credentialsPath: creds, login: oauthCredentials() });
  });

  after(async () => {
    for (const p of panes) await p.close();
    await world.cleanup();
  });

  test('--help fits one screen and says where to start', async () => {
    const p = await pane(['--help']);
    const screen = await p.waitFor(/\[exit 0\]/);
    await keep('help', screen);
    const lines = screen.split('\n');
    assert.equal(lines[0], 'claude-auth-doctor — keeps Claude Code signed in', 'the first line is still on screen');
    assert.match(screen, /^Start here: +claude-auth-doctor fix$/m);
    assert.ok(lines.length <= 24, `${lines.length} lines`);
  });

  test('check fits one screen, in the wizard’s words', async () => {
    const p = await pane(['check', '--offline']);
    const screen = await p.waitFor(/\[exit \d\]/);
    await keep('check', screen);
    assert.match(screen, /^Your saved login file is damaged$/m);
    assert.match(screen, /^Run `claude-auth-doctor fix`: it moves the file aside/m, 'what next names the command to type');
    assert.doesNotMatch(screen, /\bthe app\b/i);
    assert.doesNotMatch(screen, /auth\.credentials/, 'titles, not ids');
    assert.match(screen, /^✓ \d+ more pass · \d+ skipped/m);
    assert.ok(screen.split('\n').length <= 24, 'the headline is still on screen');
  });

  test('report on a terminal writes a file and says where, instead of 300 lines of JSON', async () => {
    const p = await pane(['report', '--offline'], world.root);
    const screen = await p.waitFor(/\[exit 0\]/);
    await keep('report', screen);
    const [name] = (await readdir(world.root)).filter((f) => /^claude-auth-doctor-report-\d{8}-\d{6}\.json$/.test(f));
    assert.ok(name, screen);
    assert.match(screen.replace(/\n/g, ''), new RegExp(`Diagnostic report written to ${join(world.root, name)}`));
    assert.ok(screen.split('\n').length < 6, screen);
    const bundle = await readFile(join(world.root, name), 'utf8');
    assert.doesNotMatch(bundle, /CANARY|FAKE-trunc/);
  });

  test('explain - on a terminal says to paste the error, then Ctrl-D', async () => {
    const p = await pane(['explain', '-']);
    await p.waitFor(/^Paste the error, then press Ctrl-D on a new line:$/m);
    p.send('API Error: 401 OAuth token has expired.', true);
    p.send('Enter');
    p.send('C-d');
    const screen = await p.waitFor(/\[exit \d\]/);
    await keep('explain', screen);
    assert.match(screen, /expired/i);
  });

  test('fix: q quits on one key, nothing changed', async () => {
    const creds = join(world.configDir, '.credentials.json');
    const before = await readFile(creds, 'utf8');
    const p = await pane(['fix', 'reset-credentials', '--offline']);
    await p.waitFor(/\[Enter\] run · s skip · q quit ›/);
    p.send('q', true);
    await p.waitFor(/\[exit \d\]/, 30_000);
    assert.equal(await readFile(creds, 'utf8'), before);
  });

  test('fix: Enter moves the damaged file aside, Enter runs the sign-in right there (a wrong code, then retry), verified', async () => {
    const p = await pane(['fix', '--offline']);
    const first = await p.waitFor(/Move ~\/\.claude\/\.credentials\.json aside\n[\s\S]*\[Enter\] run · s skip · q quit ›/);
    await keep('cli-damaged-login-1', first);
    assert.match(first.split('\n')[0] ?? '', /^Your saved login file is damaged$/, 'the headline names the cause');
    assert.match(
      first,
      new RegExp(`^Fix 1/\\d: ${FIX_TITLES['reset-credentials']}$`, 'm'),
      'the first fix is the one the finding calls for',
    );
    p.send('Enter');
    await p.waitFor(/\[Enter\] run `claude auth login` here · s skip · q quit/, 30_000);
    await keep('cli-damaged-login-2', p.screen());
    assert.match(p.screen(), /· done: Moved ~\/\.claude\/\.credentials\.json/, 'no green done: not fixed yet');
    p.send('Enter');
    await p.waitFor(/Paste code here if prompted >$/m);
    p.send('WRONG', true);
    p.send('Enter');
    await p.waitFor(/Not signed in yet\. \[Enter\] try again · s skip · q quit ›/, 30_000);
    p.send('Enter');
    await p.waitFor(/Paste code here if prompted >$/m);
    p.send('FAKE-CODE', true);
    p.send('Enter');
    const screen = await p.waitFor(/\[exit \d\]/, 30_000);
    await keep('cli-damaged-login-3', screen);
    assert.match(screen, /Login successful\./);
    assert.match(screen, /Verified: the checks pass\./);
    assert.match(screen, /Fixed: Claude Code will work/, 'the ending: success');
    assert.doesNotMatch(screen, new RegExp(CANARY.access));
  });
});
