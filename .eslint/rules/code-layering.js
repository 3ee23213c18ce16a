// Enforces the layering of CONVENTIONS.md: who may import whom. core/ is pure (no node:*,
// electron, SQLite, DOM); renderer/ never reaches into electron/**; only electron/main and
// electron/preload import 'electron'; electron/main and the `fleetplan` verbs reach the document
// through the API dispatch, never repo/, and a verb never imports another verb. Raw SQL (db.prepare/exec/pragma) lives only in
// electron/backend/repo/ and the migration runner (electron/backend/db.ts). Fails lint (and so
// CI) on any violation.
import path from 'node:path';

const NODE_BUILTINS = new Set([
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'url', 'util',
  'v8', 'vm', 'worker_threads', 'zlib',
]);
// Pure libraries that run in Node, a worker and a browser alike (highs is WebAssembly).
const CORE_ALLOWED_PACKAGES = new Set(['zod', 'papaparse', 'highs']);

function layerOf(rel) {
  const p = rel.split(path.sep).join('/');
  if (/\.config\.(ts|js|mjs)$/.test(p)) return null; // build configuration runs in Node
  if (p.startsWith('core/')) return 'core';
  if (p.startsWith('renderer/')) return 'renderer';
  if (p.startsWith('electron/main/')) return 'main';
  if (p.startsWith('electron/preload/')) return 'preload';
  if (p.startsWith('electron/backend/')) return 'backend';
  if (p.startsWith('electron/cli/')) return 'cli';
  return null;
}

function packageName(spec) {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the import layering of CONVENTIONS.md' },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const rel = path.relative(root, file);
    const layer = layerOf(rel);
    if (!layer) return {};
    // Tests may use the test libraries and read fixtures; the code under test may not.
    const isTest = /\.test(-helper)?\.ts$/.test(rel);

    /** a relative import's target, relative to the root, with forward slashes */
    const resolved = (spec) => path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
    /** the import resolves into electron/backend/repo/ */
    const isRepo = (spec) => resolved(spec).startsWith('electron/backend/repo/');

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const report = (why) => context.report({ node, message: `${layer} may not import '${spec}': ${why}` });
      const isRelative = spec.startsWith('.') || spec.startsWith('/');
      const target = isRelative ? layerOf(path.relative(root, path.resolve(path.dirname(file), spec))) : null;
      const pkg = isRelative ? null : packageName(spec);
      const isNode = pkg != null && (pkg.startsWith('node:') || NODE_BUILTINS.has(pkg));

      switch (layer) {
        case 'core':
          if (isTest && (pkg === 'vitest' || pkg === 'fast-check' || isNode)) return;
          if (isRelative && target !== 'core') return report('core/ imports only core/');
          if (isNode) return report('core/ is pure TypeScript (no node:*)');
          if (pkg && !CORE_ALLOWED_PACKAGES.has(pkg)) return report('core/ may use only pure libraries (zod, papaparse, highs)');
          return;
        case 'renderer':
          if (isRelative && target && target !== 'core' && target !== 'renderer') return report('renderer/ talks to the backend only through renderer/lib/api.ts');
          if (pkg === 'electron' || isNode || pkg === 'better-sqlite3') return report('renderer/ runs in a sandboxed page');
          return;
        case 'backend':
        case 'cli':
          if (pkg === 'electron') return report('only electron/main and electron/preload import electron');
          if (isRelative && (target === 'renderer' || target === 'main' || target === 'preload')) return report('backend and cli do not depend on the UI or the Electron shell');
          if (layer === 'backend' && target === 'cli' && !isTest) return report('backend does not depend on the CLI');
          if (layer === 'cli' && !isTest && isRelative) {
            // a verb calls the API (api-client.ts); only the slow-query sink of repo/ is wired here
            if (isRepo(spec) && !resolved(spec).endsWith('/repo/timing.ts')) return report('a fleetplan verb calls the API (api-client.ts), never the repositories');
            const from = rel.split(path.sep).join('/');
            if (from.startsWith('electron/cli/commands/') && !from.endsWith('/index.ts') && resolved(spec).startsWith('electron/cli/commands/')) {
              return report("a verb does not import another verb's file: share code from electron/cli/ or behind an API entry");
            }
          }
          return;
        case 'preload':
          if (isRelative && target && target !== 'core' && target !== 'preload') return report('preload is one tiny self-contained script');
          if (pkg && pkg !== 'electron') return report('preload imports only electron');
          return;
        case 'main':
          if (isRelative && (target === 'renderer' || target === 'cli')) return report('main wires the backend; it does not import the UI or the CLI');
          if (isRelative && !isTest && isRepo(spec)) return report('main reaches the document through the dispatch (api-handlers.ts), not the repositories');
          return;
      }
    }

    // Raw SQL: only the repositories and the migration runner talk to SQLite (tests may inspect it).
    const sqlAllowed = isTest || rel.split(path.sep).join('/').startsWith('electron/backend/repo/') || rel.split(path.sep).join('/') === 'electron/backend/db.ts';
    function checkSql(node) {
      if (sqlAllowed || !['backend', 'cli', 'main'].includes(layer)) return;
      const callee = node.callee;
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
      const method = callee.property.name;
      const arg = node.arguments[0];
      const literal = arg && (arg.type === 'TemplateLiteral' || (arg.type === 'Literal' && typeof arg.value === 'string'));
      if (method === 'prepare' || method === 'pragma' || (method === 'exec' && literal)) {
        context.report({ node, message: `raw SQL (.${method}) belongs in electron/backend/repo/: call a repository function` });
      }
    }

    return {
      CallExpression: checkSql,
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
