import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, userAction } from './common.js';

export const fixClock: FixDefinition = {
  id: 'fix-clock',
  title: FIX_TITLES['fix-clock'],
  why: 'This machine\'s clock disagrees with Anthropic\'s by minutes or more: TLS certificates then look "not yet valid" or expired, and sign-ins and token expiries go wrong.',
  verifies: ['system.clock', 'network.tls'],
  async steps(ctx) {
    const skew = ctx.report.facts.clock?.skewMs;
    const steps: FixStep[] = [
      info(
        'How far off',
        skew === null || skew === undefined
          ? 'The clock could not be compared this time; the TLS check may still report certificates as not yet valid or expired.'
          : `This machine is ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'ahead of' : 'behind'} Anthropic's servers.`,
      ),
    ];
    if (ctx.os === 'darwin') {
      steps.push(
        userAction(
          'Turn on network time',
          'System Settings → General → Date & Time → "Set time and date automatically". Or in a terminal:',
          'sudo sntp -sS time.apple.com',
        ),
      );
    } else if (ctx.os === 'win32') {
      steps.push(
        userAction(
          'Turn on network time',
          'Settings → Time & language → Date & time → "Set time automatically", then "Sync now". Or in an administrator terminal:',
          'w32tm /resync',
        ),
      );
    } else {
      steps.push(
        userAction(
          'Turn on network time',
          "systemd machines keep the clock with timedatectl; others use chrony or ntpd. Inside a container or VM, the host's clock is the one to fix.",
          'sudo timedatectl set-ntp true',
        ),
      );
    }
    steps.push(
      info('Then check again', 'Certificates and the sign-in work again as soon as the clock is right; nothing else needs to change.'),
    );
    return steps;
  },
};
