// Renderer entry: applies the persisted theme before the first paint, then mounts the shell.
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { themeManager } from './lib/state/theme-manager.svelte.ts';

themeManager.init();
const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
export default mount(App, { target });
