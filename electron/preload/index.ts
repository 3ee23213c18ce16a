// The whole preload: exposes exactly one object, window.fleet = { call, onMenu, onChange }. call
// forwards only allowlisted API names on the app: channels; onMenu and onChange hand the renderer
// menu commands and document change events (never the IPC event object).
import { contextBridge, ipcRenderer } from 'electron';
import { channelFor, parseAllowlist } from './allowlist.ts';

const MENU_CHANNEL = 'fleet:menu';
const CHANGE_CHANNEL = 'fleet:change';
const allow = parseAllowlist(process.argv);

const fleet = {
  call(name: string, args: unknown): Promise<unknown> {
    const channel = channelFor(name, allow);
    if (channel instanceof Error) {
      return Promise.resolve({ ok: false, error: { code: 'bad_input', message: channel.message } });
    }
    return ipcRenderer.invoke(channel, args);
  },
  onMenu(cb: (command: string, payload?: unknown) => void): () => void {
    if (typeof cb !== 'function') throw new TypeError('onMenu needs a function');
    const listener = (_e: unknown, command: unknown, payload?: unknown) => {
      if (typeof command === 'string') cb(command, payload);
    };
    ipcRenderer.on(MENU_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, listener);
    };
  },
  onChange(cb: (event: unknown) => void): () => void {
    if (typeof cb !== 'function') throw new TypeError('onChange needs a function');
    const listener = (_e: unknown, event: unknown) => {
      if (event && typeof event === 'object') cb(event);
    };
    ipcRenderer.on(CHANGE_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(CHANGE_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('fleet', fleet);
