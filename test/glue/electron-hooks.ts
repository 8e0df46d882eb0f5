/**
 * Module loader hooks (node:module register) that resolve the bare specifier `electron` to the
 * recording stand-in, for the app and for electron-store alike. Nothing of the project is replaced.
 */
const STAND_IN = new URL('./electron-stand-in.js', import.meta.url).href;

interface ResolveContext {
  readonly conditions: readonly string[];
  readonly parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string | null; shortCircuit?: boolean }>;

export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<{ url: string; format?: string | null; shortCircuit?: boolean }> {
  if (specifier === 'electron') return { url: STAND_IN, format: 'module', shortCircuit: true };
  return next(specifier, context);
}
