/**
 * Whether argv is one of the hot commands, in the forms the shell hook and the status line call
 * them: `status`, `statusline` (not its install/uninstall), `hook check`. main.ts sends these to
 * hot.ts; everything else (`hook --shell zsh check` too) goes through the router.
 */
export function isHotCommand([command, first]: readonly (string | undefined)[]): boolean {
  if (command === 'status') return true;
  if (command === 'statusline') return first !== 'install' && first !== 'uninstall';
  return isHookCheck([command, first]);
}

/** `hook check`, what every interactive shell start runs: hot.cjs loads a bundle made for it alone (hot-hook.cjs). */
export function isHookCheck([command, first]: readonly (string | undefined)[]): boolean {
  return command === 'hook' && first === 'check';
}
