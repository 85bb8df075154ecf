/**
 * Unsaved work in browser mode, against the real server: opening another document asks first, a reload keeps
 * the edit and its undo, a save that meets a file changed on disk asks what to do, and Save As never replaces a
 * file without asking.
 */
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { serveCopies } from '../support/server';
import { blockText, editsSettled, retypeWord, saveAs, shownDocument } from '../support/helpers';

const SOURCE = 'openai-podcast-ep8.zh-en.txt';

/** Opens the window; resolves to cue c4's English as the file has it. */
async function ready(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
  const c4 = await blockText(page, 'en', 'c4');
  expect(c4).toContain('drop in the bucket');
  return c4;
}

/** Focus outside the panes, so Ctrl+Z goes to the window's undo (main's history). */
async function undoFromWindow(page: Page): Promise<void> {
  await page.getByTestId('status').click();
  await page.keyboard.press('Control+z');
}

test.describe('opening another document over unsaved edits', () => {
  const ctx = serveCopies(`resources/sample/${SOURCE}`);

  test('asks: Cancel keeps the edit, Save saves it first, Don’t Save opens without saving', async ({ page }) => {
    const originalC4 = await ready(page, ctx.server.url);
    const first = (await shownDocument(page))!;
    await retypeWord(page, 'en', 'c4', 'bucket', 'pail');
    await expect(page.getByTestId('dirty')).toBeVisible();

    // Cancel: nothing happens.
    await page.getByRole('button', { name: 'Sample transcript' }).click();
    const question = page.getByRole('dialog', { name: 'Unsaved changes' });
    await expect(question).toContainText(`Save changes to ${SOURCE}?`);
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toBeHidden();
    expect((await shownDocument(page))!.docId).toBe(first.docId);
    expect(await blockText(page, 'en', 'c4')).toContain('drop in the pail');

    // Escape cancels too.
    await page.getByRole('button', { name: 'Sample transcript' }).click();
    await expect(question).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    expect((await shownDocument(page))!.docId).toBe(first.docId);

    // Save (Enter: the default answer): no project file yet, so the name is asked; the sample opens only after the save.
    await page.getByRole('button', { name: 'Sample transcript' }).click();
    await expect(question.getByRole('button', { name: 'Save', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    const name = page.getByRole('dialog', { name: 'Save As' });
    await name.getByLabel('File name').fill('kept.duosub.json');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await shownDocument(page))?.docId).not.toBe(first.docId);
    const kept = JSON.parse(readFileSync(join(ctx.dir, 'kept.duosub.json'), 'utf8')) as { cues: Array<{ id: string; text: Record<string, string> }> };
    expect(kept.cues.find((c) => c.id === 'c4')!.text.en).toContain('drop in the pail');
    const sample = (await shownDocument(page))!;
    expect(sample.dirty).toBe(false);
    expect(await blockText(page, 'en', 'c4')).toBe(originalC4);

    // Don't Save: the next document opens and the edit is gone with the old one.
    await retypeWord(page, 'en', 'c4', 'bucket', 'bowl');
    await page.getByRole('button', { name: 'Sample transcript' }).click();
    await question.getByRole('button', { name: 'Don’t Save' }).click();
    await expect.poll(async () => (await shownDocument(page))?.docId).not.toBe(sample.docId);
    expect((await shownDocument(page))!.dirty).toBe(false);
    expect(await blockText(page, 'en', 'c4')).toBe(originalC4);

    // A clean document opens the next without a question.
    await page.getByRole('button', { name: 'Sample transcript' }).click();
    await expect(page.getByText(/^Opened /)).toBeVisible();
    await expect(question).toBeHidden();

    // A file picked with Open… (or dropped) asks the same, before anything is uploaded.
    const shown = (await shownDocument(page))!;
    await retypeWord(page, 'en', 'c4', 'bucket', 'jar');
    await page.getByTestId('open-file-input').setInputFiles(join(ctx.dir, 'kept.duosub.json'));
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect((await shownDocument(page))!.docId).toBe(shown.docId);
    await page.getByTestId('open-file-input').setInputFiles(join(ctx.dir, 'kept.duosub.json'));
    await question.getByRole('button', { name: 'Don’t Save' }).click();
    await expect(page.getByTestId('file-name')).toHaveText('kept.duosub.json');
    expect(await blockText(page, 'en', 'c4')).toContain('drop in the pail');
  });
});

test.describe('leaving the page', () => {
  const ctx = serveCopies(`resources/sample/${SOURCE}`);

  test('a reload asks while there are unsaved edits, then keeps the edit and its undo', async ({ page }) => {
    const originalC4 = await ready(page, ctx.server.url);
    await retypeWord(page, 'en', 'c4', 'bucket', 'barrel');
    await editsSettled(page);
    const prompts: string[] = [];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    expect(prompts).toEqual(['beforeunload']);
    expect(await blockText(page, 'en', 'c4')).toContain('drop in the barrel');
    await expect(page.getByTestId('dirty')).toBeVisible();
    await undoFromWindow(page);
    await expect.poll(() => blockText(page, 'en', 'c4')).toBe(originalC4);

    // With hot exit on, leaving does not ask: the server and the journal keep the work.
    await page.getByRole('button', { name: 'Settings…' }).click();
    const settings = page.getByTestId('settings-dialog');
    await settings.getByLabel('Keep unsaved changes across restarts without asking (hot exit)').check();
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();
    await retypeWord(page, 'en', 'c4', 'bucket', 'barrel');
    await editsSettled(page);
    await page.reload();
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    expect(prompts).toEqual(['beforeunload']);
    expect(await blockText(page, 'en', 'c4')).toContain('drop in the barrel');
  });
});

/** Another program rewrites the project file: the same document with one cue's English changed. */
function changeOnDisk(path: string, text: string): void {
  const project = JSON.parse(readFileSync(path, 'utf8')) as { cues: Array<{ id: string; text: Record<string, string> }> };
  project.cues.find((c) => c.id === 'c4')!.text.en = text;
  writeFileSync(path, JSON.stringify(project, null, 2));
}

function onDisk(path: string): string {
  const project = JSON.parse(readFileSync(path, 'utf8')) as { cues: Array<{ id: string; text: Record<string, string> }> };
  return project.cues.find((c) => c.id === 'c4')!.text.en;
}

test.describe('saving over a file changed on disk', () => {
  const ctx = serveCopies(`resources/sample/${SOURCE}`);

  test('Keep mine overwrites it, Reload theirs shows theirs, Save As offers a new name', async ({ page }) => {
    await ready(page, ctx.server.url);
    const project = join(ctx.dir, 'talk.duosub.json');
    await saveAs(page, 'talk.duosub.json');
    const conflict = page.getByRole('dialog', { name: 'Changed on disk' });

    // Keep mine.
    await retypeWord(page, 'en', 'c4', 'bucket', 'mine1');
    changeOnDisk(project, 'Theirs, the first time.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(conflict).toContainText('talk.duosub.json changed on disk');
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    // The status line may still show the first save's "Saved talk.duosub.json": wait for the file itself.
    await expect.poll(() => onDisk(project)).toContain('drop in the mine1');
    await expect(page.getByTestId('dirty')).toBeHidden();

    // Reload theirs (asked twice: the edits go).
    await retypeWord(page, 'en', 'c4', 'mine1', 'mine2');
    changeOnDisk(project, 'Theirs, the second time.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await conflict.getByRole('button', { name: 'Reload theirs' }).click();
    const confirm = page.getByRole('dialog', { name: 'Reload from disk' });
    await confirm.getByRole('button', { name: 'Reload and drop my edits' }).click();
    await expect.poll(() => blockText(page, 'en', 'c4')).toBe('Theirs, the second time.');
    await expect(page.getByTestId('dirty')).toBeHidden();
    expect(onDisk(project)).toBe('Theirs, the second time.');

    // Save As: the name offered is a new one; their file stays as they wrote it.
    await retypeWord(page, 'en', 'c4', 'second', 'mine3');
    changeOnDisk(project, 'Theirs, the third time.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await conflict.getByRole('button', { name: 'Save As…' }).click();
    const name = page.getByRole('dialog', { name: 'Save As' });
    await expect(name.getByLabel('File name')).toHaveValue('talk (2).duosub.json');
    await name.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved talk (2).duosub.json')).toBeVisible();
    expect(onDisk(join(ctx.dir, 'talk (2).duosub.json'))).toBe('Theirs, the mine3 time.');
    expect(onDisk(project)).toBe('Theirs, the third time.');
  });
});

test.describe('browser-mode Save As', () => {
  const ctx = serveCopies(`resources/sample/${SOURCE}`);

  test('onto a file that exists asks; Cancel goes back to the name, Replace replaces it', async ({ page }) => {
    await ready(page, ctx.server.url);
    const other = join(ctx.dir, 'other.duosub.json');
    writeFileSync(other, '{"not": "a subtitle project, and must survive a Cancel"}');
    await retypeWord(page, 'en', 'c4', 'bucket', 'tub');

    await page.getByRole('button', { name: 'Save As…' }).click();
    const name = page.getByRole('dialog', { name: 'Save As' });
    await name.getByLabel('File name').fill('other.duosub.json');
    await name.getByRole('button', { name: 'Save' }).click();
    const replace = page.getByRole('dialog', { name: 'Replace file' });
    await expect(replace).toContainText('other.duosub.json already exists. Replace it?');
    await replace.getByRole('button', { name: 'Cancel' }).click();
    await expect(name.getByLabel('File name')).toHaveValue('other.duosub.json');
    expect(readFileSync(other, 'utf8')).toContain('must survive a Cancel');

    await name.getByRole('button', { name: 'Save' }).click();
    await replace.getByRole('button', { name: 'Replace' }).click();
    await expect(page.getByText('Saved other.duosub.json')).toBeVisible();
    expect(onDisk(other)).toContain('drop in the tub');
  });
});

test.describe('a save the disk refuses', () => {
  const ctx = serveCopies(`resources/sample/${SOURCE}`);

  test('a read-only project is not replaced: the dialog says why and Save As saves elsewhere', async ({ page }) => {
    await ready(page, ctx.server.url);
    const project = join(ctx.dir, 'talk.duosub.json');
    await saveAs(page, 'talk.duosub.json');
    const before = readFileSync(project, 'utf8');
    chmodSync(project, 0o444);
    await retypeWord(page, 'en', 'c4', 'bucket', 'pail');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const failed = page.getByRole('dialog', { name: 'Could not save' });
    await expect(failed).toContainText('talk.duosub.json');
    await expect(failed).toContainText('read-only');
    expect(readFileSync(project, 'utf8')).toBe(before);
    expect(statSync(project).mode & 0o777).toBe(0o444);
    await expect(page.getByTestId('dirty')).toBeVisible();

    await failed.getByRole('button', { name: 'Save As…' }).click();
    const name = page.getByRole('dialog', { name: 'Save As' });
    await name.getByLabel('File name').fill('talk copy.duosub.json');
    await name.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved talk copy.duosub.json')).toBeVisible();
    expect(onDisk(join(ctx.dir, 'talk copy.duosub.json'))).toContain('drop in the pail');
    expect(readdirSync(ctx.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

test.describe('settings that keep work', () => {
  const ctx = serveCopies(`resources/sample/${SOURCE}`);

  test('autosave writes the project file on its own and says so; Settings shows which ffmpeg is used', async ({ page }) => {
    await ready(page, ctx.server.url);
    await page.getByRole('button', { name: 'Settings…' }).click();
    const settings = page.getByTestId('settings-dialog');
    await expect(settings.getByTestId('ffmpeg-info')).toContainText(/^(In use: \S*ffmpeg\S*|No ffmpeg found)/);
    await settings.getByLabel('Save the project file automatically').check();
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();

    await saveAs(page, 'auto.duosub.json');
    await retypeWord(page, 'en', 'c4', 'bucket', 'autosaved');
    await expect(page.getByTestId('status')).toHaveText('Autosaved auto.duosub.json');
    await expect(page.getByTestId('dirty')).toBeHidden();
    expect(onDisk(join(ctx.dir, 'auto.duosub.json'))).toContain('drop in the autosaved');
  });
});
