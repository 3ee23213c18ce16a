// Page object of the import dialog (renderer/views/import): drop or choose a file, read the
// preview (error rows, counts), choose duplicate handling, import or cancel, export.
import { expect, type Locator, type Page } from '@playwright/test';

export class ImportPage {
  readonly page: Page;
  readonly dialog: Locator;
  readonly preview: Locator;
  readonly errorRows: Locator;
  readonly errorMessages: Locator;
  readonly errorCounts: Locator;
  readonly commitButton: Locator;
  readonly cancelButton: Locator;
  readonly summary: Locator;

  constructor(page: Page) {
    this.page = page;
    this.dialog = page.getByTestId('import-dialog');
    this.preview = page.getByTestId('import-preview');
    this.errorRows = page.getByTestId('import-error-row');
    this.errorMessages = page.getByTestId('import-error-message');
    this.errorCounts = page.getByTestId('import-error-counts');
    this.commitButton = page.getByTestId('import-commit');
    this.cancelButton = page.getByTestId('import-cancel');
    this.summary = page.getByTestId('import-summary');
  }

  /** Drops a file onto an element as a browser would (a DataTransfer carrying a File). */
  async dropFile(target: Locator, fileName: string, content: string, mime = 'text/csv'): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ fileName, content, mime }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([content], fileName, { type: mime }));
        return dt;
      },
      { fileName, content, mime },
    );
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
  }

  /** Chooses a file in the open dialog's file picker. */
  async chooseFile(fileName: string, content: string, mime = 'text/csv'): Promise<void> {
    await this.dialog.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: mime, buffer: Buffer.from(content) });
  }

  async waitForPreview(): Promise<void> {
    await expect(this.preview).toBeVisible();
  }

  errorRow(line: number): Locator {
    return this.page.locator(`[data-testid="import-error-row"][data-line="${line}"]`);
  }

  messagesFor(line: number): Locator {
    return this.page.locator(`[data-testid="import-error-message"][data-line="${line}"]`);
  }

  async chooseOnDuplicate(choice: 'skip' | 'update'): Promise<void> {
    await this.page.getByTestId('import-duplicates').locator(`input[value="${choice}"]`).check();
  }

  async commit(): Promise<void> {
    await this.commitButton.click();
    await expect(this.dialog).toBeHidden();
  }
}
