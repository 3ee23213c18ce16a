// The import graph of the project's own sources (.ts, .svelte under the source folders) and the
// cycles in it. Every import counts — static, dynamic, type-only and re-exports — because a
// cycle of types is still two modules that cannot be understood one without the other.
// `node scripts/import-cycles.ts` prints each cycle and exits 1 when there is one (run by `npm test`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SOURCE_DIRS = ['core', 'electron', 'renderer', 'bench', 'scripts', 'e2e'];
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'test-results', 'public']);
const EXTS = ['.ts', '.svelte'];

// import … from '…', export … from '…', import '…', import('…'): relative specifiers only
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative import specifiers of one source text (comments are not stripped: a commented import still counts). */
export function importsOf(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => m[1]!);
}

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(path.join(dir, e.name), out);
    } else if (EXTS.some((x) => e.name.endsWith(x))) out.push(path.join(dir, e.name));
  }
}

/** file (relative to root, forward slashes) → the project files it imports. */
export function importGraph(root: string, dirs: readonly string[] = SOURCE_DIRS): Map<string, string[]> {
  const files: string[] = [];
  for (const d of dirs) walk(path.join(root, d), files);
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  const known = new Set(files.map(rel));
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps = new Set<string>();
    for (const spec of importsOf(fs.readFileSync(f, 'utf8'))) {
      const target = rel(path.resolve(path.dirname(f), spec.split('?')[0]!));
      if (known.has(target)) deps.add(target);
    }
    graph.set(rel(f), [...deps].sort());
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself), each as one cycle path. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan, iterative
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  for (const start of [...graph.keys()].sort()) {
    if (idx.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      if (i === 0) {
        idx.set(v, index);
        low.set(v, index);
        index++;
        stack.push(v);
        onStack.add(v);
      }
      const deps = graph.get(v) ?? [];
      if (i < deps.length) {
        top[1] = i + 1;
        const w = deps[i]!;
        if (!idx.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(v)!));
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(comp);
      }
    }
  }
  return components.map((comp) => cyclePath(graph, new Set(comp)));
}

/** One concrete cycle through a component, from its first file (sorted) back to it: a → b → … → a. */
function cyclePath(graph: ReadonlyMap<string, readonly string[]>, comp: Set<string>): string[] {
  const start = [...comp].sort()[0]!;
  // breadth-first from start's successors back to start, inside the component
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!comp.has(w)) continue;
      if (w === start) {
        const p = [start];
        for (let x: string | undefined = v; x !== undefined && x !== start; x = prev.get(x)) p.splice(1, 0, x);
        return [...p, start];
      }
      if (!seen.has(w)) {
        seen.add(w);
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const graph = importGraph(root);
  const cycles = findCycles(graph);
  for (const c of cycles) console.error(`import cycle: ${c.join(' → ')}`);
  console.log(`${graph.size} files, ${cycles.length} import cycle(s)`);
  process.exit(cycles.length > 0 ? 1 : 0);
}
