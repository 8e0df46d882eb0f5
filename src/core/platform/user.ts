import { userInfo } from 'node:os';

type Env = Readonly<Record<string, string | undefined>>;

/** The user this process runs as: the OS's account name, or USER/USERNAME when the OS cannot say. */
export function currentUser(env: Env): string {
  try {
    return userInfo().username;
  } catch {
    return env['USER'] ?? env['USERNAME'] ?? '';
  }
}
