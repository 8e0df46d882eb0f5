/**
 * The import graph of src/, read from the sources (static, type-only, re-exports and dynamic
 * imports alike), for the architecture test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface SourceGraph {
  /** Repository-relative paths of every .ts file under src/. */
  readonly files: readonly string[];
  /** file → the src files it imports (relative imports only; packages are not part of the graph). */
  readonly edges: ReadonlyMap<string, readonly string[]>;
}

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The relative specifiers one source file imports, in order. */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const spec = match[1] ?? match[2];
    if (spec?.startsWith('.')) found.push(spec);
  }
  return found;
}

export function readSourceGraph(root: string): SourceGraph {
  const files = walk(join(root, 'src')).map((p) => relative(root, p));
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets = importsOf(readFileSync(join(root, file), 'utf8')).map((spec) =>
      relative(root, resolve(root, dirname(file), spec)).replace(/\.js$/, '.ts'),
    );
    edges.set(
      file,
      targets.filter((t) => known.has(t)),
    );
  }
  return { files, edges };
}

/** Every cycle's members (strongly connected components of more than one file, or a file importing itself). */
export function cycles(graph: SourceGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.edges.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const file of graph.files) if (!indices.has(file)) visit(file);
  return found;
}
