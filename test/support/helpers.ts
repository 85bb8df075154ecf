/** Page helpers for the e2e tests: reach real editor and waveform state through the app's read-only test hooks. */
import { spawn } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { E2E_RENDERER_DIR, ROOT } from './server';

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

/** Replaces `word` in a cue's block by typing over it, as a user would (one edit in main's history). */
export async function retypeWord(page: Page, lang: string, cueId: string, word: string, replacement: string): Promise<void> {
  await selectWordInBlock(page, lang, cueId, word);
  await page.keyboard.type(replacement);
  await expect.poll(() => blockText(page, lang, cueId)).toContain(replacement);
}

/** What the window shows of its document (read through the store's read-only test handle). */
export function shownDocument(page: Page): Promise<{ docId: string; dirty: boolean; fileName: string | null; canUndo: boolean } | null> {
  return page.evaluate(() => {
    const store = (globalThis as unknown as { __duosubStore: { getState(): { docState: { docId: string; dirty: boolean; fileName: string | null; canUndo: boolean } | null } } }).__duosubStore;
    const s = store.getState().docState;
    return s ? { docId: s.docId, dirty: s.dirty, fileName: s.fileName, canUndo: s.canUndo } : null;
  });
}

/** Waits until every edit the window made has been answered by main (the store's request chain is idle). */
export async function editsSettled(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { __duosubStore: { idle(): Promise<void> } }).__duosubStore.idle());
}

/**
 * Browser mode that a test can kill like a crash (SIGKILL: no handlers run, nothing flushed on the way out).
 * server.ts's RunningServer only stops politely; this starts `src/node/web/web.ts` the same way and keeps the child.
 */
export function startCrashableServer(args: string[], env: Record<string, string>): Promise<{ url: string; crash(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/web/web.ts', ...args, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DUOSUB_RENDERER_DIR: process.env.DUOSUB_RENDERER_DIR ?? E2E_RENDERER_DIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const crash = () => new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
  return new Promise((resolveUrl, reject) => {
    let output = '';
    const timer = setTimeout(() => void crash().then(() => reject(new Error(`browser mode did not start in time:\n${output}`))), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl({ url: match[0], crash });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
}
