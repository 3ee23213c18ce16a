// Scenario settings (DESIGN 3.5) of the active scenario, and the scenario list/switcher.
import type { ScenarioInfo } from '../../../core/api.ts';
import type { Settings } from '../../../core/types.ts';
import { call, errorMessage } from '../api.ts';

class SettingsManager {
  #settings = $state.raw<Settings | null>(null);
  #scenarios = $state.raw<ScenarioInfo[]>([]);
  #error = $state<string | null>(null);

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
      const [settings, scenarios] = await Promise.all([call('settings-get', {}), call('scenario-list', {})]);
      this.#settings = settings;
      this.#scenarios = scenarios;
      this.#error = null;
    } catch (err) {
      this.#error = errorMessage(err);
    }
  }

  /** Throws ApiCallError on rejection so the form can place the messages. */
  async save(patch: Partial<Settings>): Promise<Settings> {
    const saved = await call('settings-set', { patch });
    this.#settings = saved;
    this.#scenarios = await call('scenario-list', {});
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
    const info = await call('scenario-rename', { name, to });
    await this.load();
    return info;
  }

  async remove(name: string): Promise<void> {
    await call('scenario-delete', { name });
    await this.load();
  }
}

export const settingsManager = new SettingsManager();
