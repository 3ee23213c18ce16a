// Shared page object of the list-and-edit views (Workloads, Sites): the virtual table, the
// filter box, the edit panel with its per-field messages, delete and undo.
import { expect, type Locator, type Page } from '@playwright/test';

export type FieldValues = Record<string, string | boolean>;

export class EntityPage {
  readonly page: Page;
  readonly noun: string;
  readonly view: Locator;
  readonly table: Locator;
  readonly editor: Locator;
  readonly empty: Locator;

  constructor(page: Page, noun: string) {
    this.page = page;
    this.noun = noun;
    this.view = page.getByTestId(`${noun}s-view`);
    this.table = page.getByTestId(`${noun}-table`);
    this.editor = page.getByTestId(`${noun}-editor`);
    this.empty = page.getByTestId(`${noun}-empty`);
  }

  async open(): Promise<void> {
    await this.page.getByTestId(`nav-${this.noun}s`).click();
    await expect(this.view).toBeVisible();
  }

  /** Rows currently rendered (the table is virtualised: only those in view exist). */
  get renderedRows(): Locator {
    return this.table.locator('.body [role="row"]');
  }

  row(name: string): Locator {
    return this.table.locator(`[role="row"][data-key=${JSON.stringify(name)}]`);
  }

  cell(name: string, column: string): Locator {
    return this.row(name).locator(`[data-col="${column}"]`);
  }

  /** Total rows after filtering, as the table reports it. */
  async rowCount(): Promise<number> {
    return Number(await this.table.getAttribute('data-rows'));
  }

  async filter(text: string): Promise<void> {
    await this.page.getByTestId(`${this.noun}-filter`).fill(text);
  }

  input(key: string): Locator {
    return this.editor.locator(`[id="${this.noun}-${key}"]`);
  }

  /** The validation message shown next to a field. */
  fieldError(key: string): Locator {
    return this.editor.locator(`[data-field="${this.noun}-${key}"] [data-testid="field-error"]`);
  }

  async startAdd(): Promise<void> {
    await this.page.getByTestId(`${this.noun}-add`).click();
    await expect(this.editor).toBeVisible();
  }

  async fill(values: FieldValues): Promise<void> {
    for (const [key, value] of Object.entries(values)) {
      const group = this.editor.locator(`fieldset[data-field="${this.noun}-${key}"]`);
      if (typeof value === 'string' && (await group.count()) > 0) {
        // a multi-select of checkboxes: `a|b` ticks a, then b (the order picked is the order stored).
        // By keyboard: focus first, so a message appearing as the previous field loses focus cannot
        // move the box away from a pointer mid-click.
        const toggle = async (box: Locator, on: boolean) => {
          await box.focus();
          if ((await box.isChecked()) !== on) await box.press('Space');
          await expect(box).toBeChecked({ checked: on });
        };
        for (const box of await group.locator('input[type="checkbox"]').all()) await toggle(box, false);
        for (const v of value.split('|').filter((x) => x !== '')) await toggle(group.locator(`input[name="${key}-${v}"]`), true);
        continue;
      }
      const input = this.input(key);
      if (typeof value === 'boolean') await input.setChecked(value);
      else if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
      else await input.fill(value);
    }
  }

  async save(): Promise<void> {
    await this.page.getByTestId(`${this.noun}-save`).click();
  }

  /** Add through the form and wait until the editor closed and the row exists. */
  async add(values: FieldValues & { name: string }): Promise<void> {
    await this.startAdd();
    await this.fill(values);
    await this.save();
    await expect(this.editor).toBeHidden();
    await this.filter(values.name);
    await expect(this.row(values.name)).toBeVisible();
    await this.filter('');
  }

  async select(name: string): Promise<void> {
    await this.filter(name);
    await this.row(name).click();
    await expect(this.row(name)).toHaveAttribute('aria-selected', 'true');
  }

  async deleteSelected(): Promise<void> {
    await this.page.getByTestId(`${this.noun}-delete`).click();
  }
}
