import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so a reader sees the old bytes or the new, never a torn mix: a temp file in the
 * same directory, fsync, rename over. The mode is the existing file's when there is one
 * (`keepMode`), else `mode` (0600 by default: assume anything we write may be secret).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: { mode?: number; keepMode?: boolean } = {},
): Promise<void> {
  let mode = options.mode ?? 0o600;
  if (options.keepMode !== false) {
    const existing = await fsp.stat(path).catch(() => null);
    if (existing) mode = existing.mode & 0o777;
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fsp.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}
