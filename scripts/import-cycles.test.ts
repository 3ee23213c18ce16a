import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph, importsOf } from './import-cycles.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-cycles-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(tmp, 't-'));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

describe('import cycles', () => {
  it('reads static, type-only, dynamic and re-export imports, relative ones only', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "export { c } from './c.ts';",
      "const d = await import('./d.ts');",
      "import './side.ts';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts', './side.ts']);
  });

  it('finds a cycle through three files, one of them a type import and one dynamic', () => {
    const dir = tree({
      'core/a.ts': "import { b } from './b.ts';\nexport const a = 1;",
      'core/b.ts': "import type { C } from '../electron/c.ts';\nexport const b = 2;",
      'electron/c.ts': "export type C = number;\nexport const c = () => import('../core/a.ts');",
      'electron/d.ts': "import { a } from '../core/a.ts';",
    });
    const cycles = findCycles(importGraph(dir, ['core', 'electron']));
    expect(cycles).toEqual([['core/a.ts', 'core/b.ts', 'electron/c.ts', 'core/a.ts']]);
  });

  it('finds a svelte file importing itself back through a module, and none in a tree', () => {
    const cyclic = tree({
      'renderer/View.svelte': "<script lang=\"ts\">\n  import { x } from './x.ts';\n</script>",
      'renderer/x.ts': "import View from './View.svelte';\nexport const x = View;",
    });
    expect(findCycles(importGraph(cyclic, ['renderer']))).toEqual([['renderer/View.svelte', 'renderer/x.ts', 'renderer/View.svelte']]);
    const acyclic = tree({
      'core/a.ts': "import { b } from './b.ts';\nimport { c } from './c.ts';",
      'core/b.ts': "import { c } from './c.ts';",
      'core/c.ts': 'export const c = 1;',
    });
    expect(findCycles(importGraph(acyclic, ['core']))).toEqual([]);
  });

  it('the project has none', () => {
    const graph = importGraph(root);
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph)).toEqual([]);
  });
});
