// Builds only the renderer (no Electron) into out/renderer: what `fleetplan serve` hosts and
// what Playwright drives in plain Chromium. Must stay equivalent to electron.vite.config.ts#renderer.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The app page, plus the print-styled plan report page when it exists. */
export function rendererInputs(dir: string): Record<string, string> {
  const inputs: Record<string, string> = { index: `${dir}/index.html` };
  if (existsSync(`${dir}/report.html`)) inputs.report = `${dir}/report.html`;
  return inputs;
}

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [svelte({ configFile: here('../svelte.config.js') })],
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // one stylesheet and no inline scripts: the CSP is script-src 'self'
    modulePreload: { polyfill: false },
    rollupOptions: { input: rendererInputs(here('.')) },
  },
});
