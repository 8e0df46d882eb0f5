import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The wizard's page as the web host serves it: three files from dist/bundle, read once at start. */
export const STATIC: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/renderer.js': { file: 'renderer.js', type: 'text/javascript; charset=utf-8' },
  '/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
};

/** Reads the page's files; a clear error when the bundle was not built. */
export async function loadBundle(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const { file } of Object.values(STATIC)) {
    if (files.has(file)) continue;
    try {
      files.set(file, await readFile(join(dir, file)));
    } catch {
      throw new Error(`The wizard's page is missing (${join(dir, file)}). Build it with "npm run build".`);
    }
  }
  return files;
}
