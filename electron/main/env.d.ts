// Build-time module kinds of electron-vite (?modulePath) and vite (import.meta.glob) used by main.
/// <reference types="vite/client" />
/// <reference types="electron-vite/node" />
