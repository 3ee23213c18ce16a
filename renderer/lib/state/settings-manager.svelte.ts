// Scenario settings (DESIGN 3.5) of the active scenario, and the scenario list/switcher. A save
// names the scenario the form showed and the revision it was read at: never written into another
// scenario switched to elsewhere, refused (and shown, then reloaded) when changed elsewhere.
import type { ScenarioInfo } from '../../../core/api.ts';
import type { Settings } from '../../../core/types.ts';
import { call, callAt, errorMessage, isStaleWrite } from '../api.ts';
import { changeManager } from './change-manager.svelte.ts';
import { toastManager } from './toast-manager.svelte.ts';

class SettingsManager {
  #settings = $state.raw<Settings | null>(null);
  #scenarios = $state.raw<ScenarioInfo[]>([]);
  #error = $state<string | null>(null);
  #revision = $state<number | undefined>(undefined);
  #loaded = $state(false);
  /** saves (and refusals) made in this window: the Settings form re-reads its values on each */
  #saves = $state(0);

  /** the document revision the settings and scenarios were read at */
  get revision(): number | undefined {
    return this.#revision;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get saves(): number {
    return this.#saves;
  }

  get settings(): Settings | null {
    return this.#settings;
  }
  get scenarios(): readonly ScenarioInfo[] {
    return this.#scenarios;
  }
  get active(): ScenarioInfo | undefined {
    return this.#scenarios.find((s) => s.active);
  }
  get error(): string | null {
    return this.#error;
  }

  async load(): Promise<void> {
    try {
      // one revision for both: the older of the two readings (an older one only refuses more)
      const [settings, scenarios] = await Promise.all([callAt('settings-get', {}), callAt('scenario-list', {})]);
      this.#settings = settings.value;
      this.#scenarios = scenarios.value;
      const revs = [settings.revision, scenarios.revision].filter((r): r is number => r !== undefined);
      this.#revision = revs.length ? Math.min(...revs) : undefined;
      this.#error = null;
      this.#loaded = true;
    } catch (err) {
      this.#error = errorMessage(err);
    }
  }

  /**
   * Throws ApiCallError on rejection so the form can place the messages. scenario: the one the
   * form showed; baseRevision: the revision the form's values were read at.
   */
  async save(patch: Partial<Settings>, scenario = this.active?.name, baseRevision = this.#revision): Promise<Settings> {
    let saved: Settings;
    try {
      saved = await call('settings-set', { patch, ...(scenario === undefined ? {} : { scenario }), baseRevision });
    } catch (err) {
      if (isStaleWrite(err)) {
        toastManager.error(`Not saved: ${err.message}`);
        await this.load();
        this.#saves++;
      }
      throw err;
    }
    await this.load();
    this.#saves++;
    return saved;
  }

  async create(name: string, from?: string): Promise<ScenarioInfo> {
    const info = await call('scenario-new', from ? { name, from } : { name });
    await this.load();
    return info;
  }

  async use(name: string): Promise<void> {
    await call('scenario-use', { name });
    await this.load();
  }

  async rename(name: string, to: string): Promise<ScenarioInfo> {
    try {
      return await call('scenario-rename', { name, to, baseRevision: this.#revision });
    } finally {
      await this.load();
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await call('scenario-delete', { name, baseRevision: this.#revision });
    } finally {
      await this.load();
    }
  }
}

export const settingsManager = new SettingsManager();

// scenario-list says whether each plan is stale: any input change may flip it
changeManager.register(['scenario', 'active', 'plan', 'workload', 'site', 'option', 'model'], () => settingsManager.loaded && settingsManager.load());
