import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixTarget, FixDefinition, FixStep } from '../types.js';
import { info, remote, run, userAction } from './common.js';

const MAC_UNLOCK = 'security unlock-keychain ~/Library/Keychains/login.keychain-db';
/** Password typed into the user's own shell, never echoed, never in history or argv. */
export const GNOME_UNLOCK =
  "printf 'Keyring password: '; stty -echo 2>/dev/null; read -r pw; stty echo 2>/dev/null; echo; printf '%s' \"$pw\" | gnome-keyring-daemon --replace --unlock --daemonize >/dev/null; unset pw";
const UNLOCK_DISPLAY = 'D-Bus: org.freedesktop.Secret.Service.Unlock (default keyring), then Prompt';

function darwinSteps(ctx: FixTarget): FixStep[] {
  const steps: FixStep[] = [
    info(
      'Why it is locked',
      'The macOS login keychain locks after sleep or its idle timeout, and a session over SSH starts with it locked. Claude Code keeps its login there, so while it is locked Claude Code says "Not logged in · Please run /login" or "User interaction is not allowed".',
    ),
  ];
  if (ctx.machine.ssh) {
    steps.push(
      userAction(
        'Unlock the login keychain in this terminal',
        'It asks for your macOS login password right in the terminal. The doctor never asks for your password and never sees it. The keychain then stays unlocked until the Mac sleeps or the idle timeout passes.',
        MAC_UNLOCK,
      ),
      info(
        'Working over SSH every day?',
        'A token from `claude setup-token`, set as CLAUDE_CODE_OAUTH_TOKEN on this Mac, needs no keychain at all (see the fix "use-oauth-token").',
      ),
    );
  } else {
    steps.push(
      userAction(
        'Unlock the login keychain',
        'Run this in Terminal: it asks for your macOS login password there (the doctor never sees it). Or open Keychain Access, select "login" and click the lock. Unlocking the screen after sleep usually unlocks it too.',
        MAC_UNLOCK,
      ),
    );
  }
  return steps;
}

function linuxSteps(ctx: FixTarget): FixStep[] {
  const steps: FixStep[] = [
    info(
      'What is locked',
      'The Secret Service keyring (GNOME Keyring, KWallet) is locked. Claude Code keeps its login in ~/.claude/.credentials.json on Linux, so it is not signed out by this; the doctor\'s own stored API key ("use-api-key") and other tools need the keyring.',
    ),
  ];
  if (!remote(ctx)) {
    steps.push(
      run({
        title: 'Ask the keyring to unlock',
        detail:
          "Your desktop shows the keyring's own password prompt; type the password there (the doctor waits up to two minutes). The doctor never sees the password.",
        display: UNLOCK_DISPLAY,
        automatable: true,
        changes: false,
        effects: ["Shows the desktop keyring's unlock prompt; changes no file"],
        undo: null,
        action: { type: 'secret-service-unlock' },
      }),
      userAction(
        'Or unlock it by hand',
        'Open "Passwords and Keys" (Seahorse), right-click the "Login" keyring and choose Unlock.',
        'seahorse',
      ),
    );
  } else {
    steps.push(
      userAction(
        'Unlock GNOME Keyring from this terminal',
        'Reads your keyring password in your own shell without echoing it and starts GNOME Keyring again with the login keyring unlocked (it replaces the running keyring daemon; programs using it reconnect). The doctor never sees the password. Other keyrings (KWallet, KeePassXC) unlock from their own app on the desktop.',
        GNOME_UNLOCK,
      ),
    );
  }
  return steps;
}

export const unlockKeychain: FixDefinition = {
  id: 'unlock-keychain',
  title: FIX_TITLES['unlock-keychain'],
  why: 'The OS keychain that holds the login is locked: after sleep, after an idle timeout, or because this is an SSH session.',
  verifies: ['keychain', 'auth.credentials'],
  async steps(ctx) {
    switch (ctx.os) {
      case 'darwin':
        return darwinSteps(ctx);
      case 'linux':
        return linuxSteps(ctx);
      case 'win32':
        return [
          info(
            'Nothing to unlock',
            'Windows Credential Manager does not lock while you are signed in to Windows, so there is nothing to do here.',
          ),
        ];
    }
  },
};
