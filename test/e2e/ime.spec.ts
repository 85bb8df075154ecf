import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type CDPSession, type Page } from '@playwright/test';
import { serveCopies } from '../support/server';
import { blockText, editsSettled, misalignedBlocks, saveAs, selectWordInBlock, shownDocument } from '../support/helpers';
import type { SubtitleDocument } from '../../src/shared/model';

/**
 * Typing Chinese through an input method: a real composition (CDP's Input.imeSetComposition, as an IME drives
 * Chromium) in the Chinese pane. The unconfirmed pinyin must reach nothing but the pane's own screen: not the
 * store, not the English pane, not main (no request leaves the window), not the undo history.
 */

const ZH = 'zh-Hans';

function storeDoc(page: Page): Promise<SubtitleDocument> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
    .__duosubStore.getState().docState.doc);
}

/**
 * Every setText main is asked for (doc.apply requests over the WebSocket, in order). Call before `page.goto`:
 * the socket opens while the page loads.
 */
function recordTextsSentToMain(page: Page): SentText[] {
  const sent: SentText[] = [];
  const collect = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    const op = value as { type?: unknown; cueId?: unknown; lang?: unknown; text?: unknown };
    if (op.type === 'setText' && typeof op.cueId === 'string' && typeof op.lang === 'string' && typeof op.text === 'string') {
      sent.push({ cueId: op.cueId, lang: op.lang, text: op.text });
    }
    for (const child of Object.values(value)) collect(child);
  };
  page.on('websocket', (socket) => socket.on('framesent', ({ payload }) => {
    if (typeof payload !== 'string') return;
    const wire = JSON.parse(payload) as { channel?: string; args?: unknown };
    if (wire.channel === 'doc.apply') collect(wire.args);
  }));
  return sent;
}

type SentText = { cueId: string; lang: string; text: string };

/** The top (px) of a cue's block in one pane. */
function blockTop(page: Page, lang: string, cueId: string): Promise<number> {
  return page.evaluate(([lang, cueId]) => {
    type Hook = { blockRange(id: string): { startLine: number }; editor: { getTopForLineNumber(line: number): number } };
    const pane = (globalThis as unknown as { __duosubPanes: Record<string, Hook> }).__duosubPanes[lang];
    return pane.editor.getTopForLineNumber(pane.blockRange(cueId).startLine);
  }, [lang, cueId] as const);
}

/** A cue's Chinese text in the window's store. */
async function chineseText(page: Page, cueId: string): Promise<string | undefined> {
  return (await storeDoc(page)).cues.find((c) => c.id === cueId)?.text[ZH];
}

/** The cue whose Chinese holds `needle`, and its texts when the page opened. */
async function cueWith(page: Page, needle: string): Promise<{ id: string; zh: string; en: string }> {
  await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', /\d+/);
  const cue = (await storeDoc(page)).cues.find((c) => c.text[ZH]?.includes(needle));
  if (!cue) throw new Error(`no cue with "${needle}" in the sample`);
  return { id: cue.id, zh: cue.text[ZH], en: cue.text.en };
}

/** Puts the caret right after `word` in the cue's Chinese block, the pane focused. */
async function caretAfter(page: Page, cueId: string, word: string): Promise<void> {
  await selectWordInBlock(page, ZH, cueId, word);
  await page.keyboard.press('ArrowRight');
}

async function compose(cdp: CDPSession, text: string): Promise<void> {
  await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
}

/** What must hold at every step of a composition: only the Chinese pane shows the letters. */
async function expectUntouched(
  page: Page, cue: { id: string; zh: string; en: string }, sent: readonly SentText[], sentBefore: readonly string[], canUndo: boolean,
): Promise<void> {
  const stored = (await storeDoc(page)).cues.find((c) => c.id === cue.id)!;
  expect(stored.text[ZH]).toBe(cue.zh);
  expect(stored.text.en).toBe(cue.en);
  expect(await blockText(page, 'en', cue.id)).toBe(cue.en);
  expect(sent.map((s) => s.text)).toEqual(sentBefore);
  expect((await shownDocument(page))?.canUndo).toBe(canUndo);
}

test.describe('typing Chinese with an input method', () => {
  const ctx = serveCopies('resources/sample/openai-podcast-ep8.zh-en.txt');

  test('a cancelled composition (Escape) leaves no trace', async ({ page }) => {
    const sent = recordTextsSentToMain(page);
    await page.goto(ctx.server.url);
    const cue = await cueWith(page, '查理·');
    await caretAfter(page, cue.id, '查理·');
    const cdp = await page.context().newCDPSession(page);
    await compose(cdp, 'n');
    await compose(cdp, 'ni');
    await expect.poll(() => blockText(page, ZH, cue.id)).toBe(cue.zh.replace('查理·', '查理·ni'));
    await expectUntouched(page, cue, sent, [], false);
    // A long composition wraps onto more lines: the English pane's padding follows, so the blocks stay side by side.
    const ids = (await storeDoc(page)).cues.map((c) => c.id);
    const next = ids[ids.indexOf(cue.id) + 1];
    const nextTop = await blockTop(page, ZH, next);
    await compose(cdp, 'nihao'.repeat(60));
    await expect.poll(() => blockTop(page, ZH, next)).toBeGreaterThan(nextTop);
    expect(await misalignedBlocks(page, ZH, 'en', ids.slice(0, 5))).toEqual([]);
    await expectUntouched(page, cue, sent, [], false);
    // An IME cancels by setting an empty composition: the letters go and nothing is sent.
    await compose(cdp, '');
    await expect.poll(() => blockText(page, ZH, cue.id)).toBe(cue.zh);
    await editsSettled(page);
    await expectUntouched(page, cue, sent, [], false);
    expect((await shownDocument(page))?.dirty).toBe(false);
    // The pane is not left waiting for an end that never comes: plain typing goes through again, and undoes.
    await page.keyboard.type('x');
    const typed = cue.zh.replace('查理·', '查理·x');
    await expect.poll(() => chineseText(page, cue.id)).toBe(typed);
    expect(sent.map((s) => s.text)).toEqual([typed]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => chineseText(page, cue.id)).toBe(cue.zh);
  });

  test('kawasi → 卡瓦斯 arrives as one edit and one undo step; the pinyin is never seen', async ({ page }) => {
    const sent = recordTextsSentToMain(page);
    await page.goto(ctx.server.url);
    const cue = await cueWith(page, '查理·');
    await caretAfter(page, cue.id, '查理·');
    const cdp = await page.context().newCDPSession(page);
    const withName = cue.zh.replace('查理·', '查理·卡瓦斯');

    for (const pinyin of ['k', 'ka', 'kawa', 'kawasi']) {
      await compose(cdp, pinyin);
      // The pane shows the letters (so the composition really runs) …
      await expect.poll(() => blockText(page, ZH, cue.id)).toBe(cue.zh.replace('查理·', `查理·${pinyin}`));
      // … and nothing else sees them.
      await expectUntouched(page, cue, sent, [], false);
    }
    await cdp.send('Input.insertText', { text: '卡瓦斯' });
    await expect.poll(() => blockText(page, ZH, cue.id)).toBe(withName);
    await editsSettled(page);
    expect(sent).toEqual([{ cueId: cue.id, lang: ZH, text: withName }]);
    expect((await storeDoc(page)).cues.find((c) => c.id === cue.id)!.text[ZH]).toBe(withName);

    // A second commit right after is its own step too (the history does not glue 的 onto 卡瓦斯).
    await compose(cdp, 'de');
    await expectUntouched(page, { ...cue, zh: withName }, sent, [withName], true);
    await cdp.send('Input.insertText', { text: '的' });
    const withDe = cue.zh.replace('查理·', '查理·卡瓦斯的');
    await expect.poll(() => blockText(page, ZH, cue.id)).toBe(withDe);
    await editsSettled(page);
    expect(sent.map((s) => s.text)).toEqual([withName, withDe]);

    // One Ctrl+Z removes exactly 的, the next exactly 卡瓦斯, and then there is nothing left to undo.
    await page.keyboard.press('Control+z');
    await expect.poll(() => blockText(page, ZH, cue.id)).toBe(withName);
    await page.keyboard.press('Control+z');
    await expect.poll(() => blockText(page, ZH, cue.id)).toBe(cue.zh);
    await editsSettled(page);
    expect((await storeDoc(page)).cues.find((c) => c.id === cue.id)!.text[ZH]).toBe(cue.zh);
    expect((await shownDocument(page))?.canUndo).toBe(false);
  });

  test('a save made while composing writes the document without the pinyin', async ({ page }) => {
    await page.goto(ctx.server.url);
    const cue = await cueWith(page, '查理·');
    await saveAs(page, 'ime.duosub.json');
    const saved = join(ctx.dir, 'ime.duosub.json');
    await caretAfter(page, cue.id, '查理·');
    const cdp = await page.context().newCDPSession(page);
    await compose(cdp, 'kawasi');
    await cdp.send('Input.insertText', { text: '卡瓦斯' });
    const withName = cue.zh.replace('查理·', '查理·卡瓦斯');
    await expect.poll(() => blockText(page, ZH, cue.id)).toBe(withName);
    await compose(cdp, 'de');
    await expect.poll(() => blockText(page, ZH, cue.id)).toBe(cue.zh.replace('查理·', '查理·卡瓦斯de'));
    // A save that does not take the focus (Ctrl+S from CDP is not routed through the IME, like a menu accelerator):
    // the file gets the committed name, not the letters still being composed, and the composition goes on.
    await page.keyboard.press('Control+s');
    await expect.poll(() => savedChinese(saved, cue.id)).toBe(withName);
    await expect.poll(async () => (await shownDocument(page))?.dirty).toBe(false);
    expect(await blockText(page, ZH, cue.id)).toBe(cue.zh.replace('查理·', '查理·卡瓦斯de'));
    await cdp.send('Input.insertText', { text: '的' });
    await expect.poll(() => blockText(page, ZH, cue.id)).toBe(cue.zh.replace('查理·', '查理·卡瓦斯的'));
    await expect.poll(async () => (await shownDocument(page))?.dirty).toBe(true);
  });
});

/** The Chinese text of one cue in a saved project file (null while the file is not there yet). */
function savedChinese(file: string, cueId: string): string | null {
  if (!existsSync(file)) return null;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as SubtitleDocument;
  return doc.cues.find((c) => c.id === cueId)?.text[ZH] ?? null;
}
