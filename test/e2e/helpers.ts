/** Page helpers for the e2e tests: reach real editor and waveform state through the app's read-only test hooks. */
import { expect, type Page } from '@playwright/test';

/** The panes mount once Monaco's chunk is in (load-panes.ts): waits until these languages' panes are there. */
async function panesReady(page: Page, ...langs: string[]): Promise<void> {
  await expect.poll(() => page.evaluate((langs) => {
    const panes = (globalThis as unknown as { __duosubPanes?: Record<string, PaneHook> }).__duosubPanes;
    return langs.every((lang) => panes?.[lang] !== undefined);
  }, langs)).toBe(true);
}

/** Puts the cursor on `word` inside a cue's block in one language pane, selected, with the pane focused. */
export async function selectWordInBlock(page: Page, lang: string, cueId: string, word: string): Promise<void> {
  await panesReady(page, lang);
  const found = await page.evaluate(([lang, cueId, word]) => {
    const pane = (globalThis as unknown as { __duosubPanes: Record<string, PaneHook> }).__duosubPanes[lang];
    const range = pane.blockRange(cueId);
    if (!range) return false;
    const model = pane.editor.getModel();
    for (let line = range.startLine; line < range.startLine + range.lineCount; line++) {
      const column = model.getLineContent(line).indexOf(word);
      if (column >= 0) {
        // Focus first, as a click would: the panes follow the caret of the focused editor only.
        pane.editor.focus();
        pane.editor.revealLineInCenter(line);
        pane.editor.setSelection({ startLineNumber: line, startColumn: column + 1, endLineNumber: line, endColumn: column + 1 + word.length });
        return true;
      }
    }
    return false;
  }, [lang, cueId, word] as const);
  expect(found, `"${word}" in cue ${cueId} (${lang})`).toBe(true);
}

/** The text of a cue's block as the pane shows it. */
export async function blockText(page: Page, lang: string, cueId: string): Promise<string> {
  await panesReady(page, lang);
  return page.evaluate(([lang, cueId]) => {
    const pane = (globalThis as unknown as { __duosubPanes: Record<string, PaneHook> }).__duosubPanes[lang];
    const range = pane.blockRange(cueId)!;
    const model = pane.editor.getModel();
    const lines = [];
    for (let line = range.startLine; line < range.startLine + range.lineCount; line++) lines.push(model.getLineContent(line));
    return lines.join('\n');
  }, [lang, cueId] as const);
}

/** Cues whose blocks do not start at the same height in two panes (should be none). */
export async function misalignedBlocks(page: Page, a: string, b: string, cueIds: string[]): Promise<string[]> {
  await panesReady(page, a, b);
  return page.evaluate(([a, b, cueIds]) => {
    const panes = (globalThis as unknown as { __duosubPanes: Record<string, PaneHook> }).__duosubPanes;
    const top = (lang: string, cueId: string) => panes[lang].editor.getTopForLineNumber(panes[lang].blockRange(cueId)!.startLine);
    return cueIds.filter((id) => Math.abs(top(a, id) - top(b, id)) > 0.5);
  }, [a, b, cueIds] as const);
}

/** Saves through the Save As dialog of browser mode (a document without a project file asks for a name). */
export async function saveAs(page: Page, fileName: string): Promise<void> {
  await page.getByRole('button', { name: 'Save As…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save As' });
  await dialog.getByLabel('File name').fill(fileName);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Saved ${fileName}`)).toBeVisible();
}

interface PaneHook {
  blockRange(cueId: string): { startLine: number; lineCount: number } | null;
  editor: {
    getModel(): { getLineContent(line: number): string };
    revealLineInCenter(line: number): void;
    setSelection(range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }): void;
    focus(): void;
    getTopForLineNumber(line: number): number;
  };
}
