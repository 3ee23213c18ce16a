// electron-vite build of the three processes. The preload is bundled into ONE CommonJS file
// (a sandboxed preload can only require('electron')); better-sqlite3 and highs stay external in
// main (highs loads highs.wasm from its own folder: node_modules/highs/build, unpacked from the asar).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { rendererInputs } from './renderer/vite.config.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('out/main'),
      externalizeDeps: { include: ['better-sqlite3', 'highs'] },
      rollupOptions: {
        input: { index: here('electron/main/index.ts') },
        external: ['better-sqlite3', 'highs'],
      },
    },
  },
  preload: {
    build: {
      outDir: here('out/preload'),
      // bundle everything (zod, core/api.ts …) so the sandboxed preload needs no require()
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: here('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: here('renderer'),
    base: './',
    plugins: [svelte({ configFile: here('svelte.config.js') })],
    build: {
      outDir: here('out/renderer'),
      target: 'es2022',
      sourcemap: true,
      modulePreload: { polyfill: false },
      rollupOptions: { input: rendererInputs(here('renderer')) },
    },
  },
});
