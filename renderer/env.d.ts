// Ambient types for the renderer: .svelte modules and import.meta.glob.
/// <reference types="svelte" />
/// <reference types="vite/client" />
