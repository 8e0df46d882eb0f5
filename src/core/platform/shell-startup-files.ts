import { posix } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The files a shell reads when it starts as an interactive login shell (what the doctor asks, see
 * login-shell-env.ts), so an edit to any of them can make the app ask again. Per-user files only:
 * system files change with packages, not with the user's setup.
 */
export function shellStartupFiles(shell: string, env: Env, homeDir: string): string[] {
  const name = posix.basename(shell).replace(/^-/, '');
  const home = (...parts: string[]): string => posix.join(homeDir, ...parts);
  switch (name) {
    case 'bash':
      return [home('.bash_profile'), home('.bash_login'), home('.profile'), home('.bashrc')];
    case 'zsh': {
      const dir = env['ZDOTDIR']?.trim() || homeDir;
      return ['.zshenv', '.zprofile', '.zshrc', '.zlogin'].map((file) => posix.join(dir, file));
    }
    case 'fish': {
      const xdg = env['XDG_CONFIG_HOME']?.trim();
      const config = xdg && xdg.startsWith('/') ? xdg : home('.config');
      // fish_variables holds universal variables (`set -Ux`), which fish exports like any other.
      return [posix.join(config, 'fish', 'config.fish'), posix.join(config, 'fish', 'fish_variables')];
    }
    case 'tcsh':
    case 'csh':
      return [home('.tcshrc'), home('.cshrc'), home('.login')];
    default: {
      const extra = env['ENV']?.trim();
      return [home('.profile'), ...(extra && extra.startsWith('/') ? [extra] : [])];
    }
  }
}
