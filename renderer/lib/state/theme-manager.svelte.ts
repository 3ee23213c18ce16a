// Light / dark / system theme, persisted in localStorage; the resolved theme is written to
// <html data-theme> where the CSS variables of app.css switch on it.
export type ThemeMode = 'light' | 'dark' | 'system';
const KEY = 'fleetplan.theme';

function stored(): ThemeMode {
  try {
    const v = localStorage.getItem(KEY);
    if (v === 'light' || v === 'dark' || v === 'system') return v;
  } catch {
    /* storage unavailable: fall back to system */
  }
  return 'system';
}

function systemIsDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

class ThemeManager {
  #mode = $state<ThemeMode>('system');
  #systemDark = $state(false);
  #started = false;

  get mode(): ThemeMode {
    return this.#mode;
  }

  resolved = $derived<'light' | 'dark'>(
    this.#mode === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.#mode,
  );

  get isDark(): boolean {
    return this.resolved === 'dark';
  }

  init(): void {
    if (this.#started) return;
    this.#started = true;
    this.#mode = stored();
    this.#systemDark = systemIsDark();
    globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', (e) => {
      this.#systemDark = e.matches;
      this.#apply();
    });
    this.#apply();
  }

  set(mode: ThemeMode): void {
    this.#mode = mode;
    try {
      localStorage.setItem(KEY, mode);
    } catch {
      /* not persisted; still applied */
    }
    this.#apply();
  }

  cycle(): void {
    this.set(this.#mode === 'system' ? 'light' : this.#mode === 'light' ? 'dark' : 'system');
  }

  #apply(): void {
    const resolved = this.#mode === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.#mode;
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }
}

export const themeManager = new ThemeManager();
