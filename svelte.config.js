// Svelte compiler options shared by electron-vite, renderer/vite.config.ts and svelte-check.
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess({ script: false }),
  compilerOptions: {
    runes: true,
  },
};
