import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { wizardWindowOptions } from '../../src/main/window-options.js';
import { externalLinkDecision, isAllowedNavigation, isTrustedSender } from '../../src/main/security.js';
import { WIZARD_CSP } from '../../src/shared/csp.js';

const PAGE = 'file:///Applications/Claude%20Auth%20Doctor.app/Contents/Resources/app.asar/dist/bundle/index.html';

describe('wizardWindowOptions', () => {
  for (const packaged of [true, false]) {
    test(`hardened (${packaged ? 'packaged' : 'development'})`, () => {
      const web = wizardWindowOptions('/app/preload.cjs', packaged).webPreferences ?? {};
      assert.equal(web.contextIsolation, true);
      assert.equal(web.sandbox, true);
      assert.equal(web.nodeIntegration, false);
      assert.equal(web.nodeIntegrationInWorker, false);
      assert.equal(web.nodeIntegrationInSubFrames, false);
      assert.equal(web.webSecurity, true);
      assert.equal(web.allowRunningInsecureContent, false);
      assert.equal(web.webviewTag, false);
      assert.equal(web.disableBlinkFeatures, 'Auxclick');
      assert.equal(web.preload, '/app/preload.cjs');
      assert.equal(web.devTools, !packaged, 'devtools off when packaged');
    });
  }
  test('fits the small wizard size', () => {
    const options = wizardWindowOptions('/p', true);
    assert.deepEqual([options.width, options.height], [420, 560]);
  });
});

describe('security', () => {
  test('CSP: nothing remote, no inline code, no framing', () => {
    for (const part of ["default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"])
      assert.ok(WIZARD_CSP.includes(part), part);
    assert.ok(!WIZARD_CSP.includes('unsafe'));
  });

  const senders: [string | undefined, boolean, boolean][] = [
    [PAGE, true, true],
    [`${PAGE}#fix=reauthenticate`, true, true],
    [PAGE, false, false],
    ['file:///tmp/evil.html', true, false],
    ['https://status.claude.com/', true, false],
    [undefined, true, false],
    ['not a url', true, false],
  ];
  for (const [url, top, expected] of senders) {
    test(`sender ${url ?? '(none)'} top=${top} → ${expected ? 'trusted' : 'refused'}`, () =>
      assert.equal(isTrustedSender(url, PAGE, top), expected));
  }

  test('navigation stays on the page', () => {
    assert.equal(isAllowedNavigation(`${PAGE}#explain`, PAGE), true);
    assert.equal(isAllowedNavigation('https://claude.ai/', PAGE), false);
    assert.equal(isAllowedNavigation('file:///etc/passwd', PAGE), false);
  });

  test('external links only to the allowlist, https only', () => {
    assert.equal(externalLinkDecision('https://status.claude.com/incidents/x'), 'open-in-browser');
    assert.equal(externalLinkDecision('http://status.claude.com/'), 'deny');
    assert.equal(externalLinkDecision('https://status.claude.com.evil.example/'), 'deny');
    assert.equal(externalLinkDecision('file:///etc/passwd'), 'deny');
    assert.equal(externalLinkDecision('javascript:alert(1)'), 'deny');
  });
});
