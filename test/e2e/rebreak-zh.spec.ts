/**
 * Re-breaking every Chinese line of the sample in the app (QC → Line length → Fix all) cuts no word, no name
 * joined by "·", no number with its unit and no "——", and starts no line with closing punctuation (issue 12).
 */
import { test, expect, type Page } from '@playwright/test';
import { serveCopies } from '../support/server';
import { codePoints } from '../../src/shared/text/code-points';
import { dictionaryWordStarts } from '../../src/shared/text/boundaries';
import type { SubtitleDocument } from '../../src/shared/model';

async function currentDoc(page: Page): Promise<SubtitleDocument> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
    .__duosubStore.getState().docState.doc);
}

const ZH = 'zh-Hans';
const STARTS_BADLY = /^[，。！？；：、）》」』]/u;

/** Code-point positions, in the text with its breaks removed, where the lines were broken. */
function breaks(text: string): { joined: string; at: number[] } {
  const lines = text.split('\n');
  const at: number[] = [];
  let n = 0;
  for (const line of lines.slice(0, -1)) at.push((n += codePoints(line).length));
  return { joined: lines.join(''), at };
}

test.describe('re-break the sample\'s Chinese', () => {
  const ctx = serveCopies('resources/sample/openai-podcast-ep8.zh-en.txt');

  test('every break of every Chinese text falls between words, never inside a name, a number or ——', async ({ page }) => {
    test.slow();
    await page.goto(ctx.server.url);
    await expect(page.getByTestId(`pane-${ZH}`)).toHaveAttribute('data-block-count', '98');
    const before = await currentDoc(page);

    const row = page.getByTestId('qc-panel').getByRole('option').filter({ hasText: ZH }).filter({ hasText: 'Line length' }).first();
    await row.click();
    await page.getByTestId('qc-fix-all').click();
    await expect(page.getByTestId('qc-panel').getByRole('option').filter({ hasText: ZH }).filter({ hasText: 'Line length' })).toHaveCount(0);

    const after = await currentDoc(page);
    let broken = 0;
    const bad: string[] = [];
    after.cues.forEach((cue, i) => {
      const text = cue.text[ZH] ?? '';
      const { joined, at } = breaks(text);
      // Re-breaking moves breaks only: the text is the turn's own, whitespace aside.
      expect(joined.replace(/\s/g, ''), `cue ${i + 1}`).toBe((before.cues[i].text[ZH] ?? '').replace(/\s/g, ''));
      const chars = codePoints(joined);
      const starts = dictionaryWordStarts(chars, ZH)!;
      for (const cut of at) {
        broken++;
        const around = `${chars.slice(Math.max(0, cut - 5), cut).join('')}|${chars.slice(cut, cut + 5).join('')}`;
        if (!starts.has(cut)) bad.push(`cue ${i + 1}: not a word boundary ${around}`);
        if (chars[cut - 1] === '·' || chars[cut] === '·') bad.push(`cue ${i + 1}: a · name cut ${around}`);
        if (chars[cut - 1] === '—' && chars[cut] === '—') bad.push(`cue ${i + 1}: —— cut ${around}`);
        if (/\d/u.test(chars[cut - 1] ?? '') && /[\d%亿万千百]/u.test(chars[cut] ?? '')) bad.push(`cue ${i + 1}: a number cut ${around}`);
      }
      for (const line of text.split('\n').slice(1)) if (STARTS_BADLY.test(line)) bad.push(`cue ${i + 1}: line starts with ${line.slice(0, 6)}`);
    });
    expect(broken).toBeGreaterThan(400); // the turns are long: hundreds of breaks were made and checked
    expect(bad).toEqual([]);
    // The cuts the issue reported come out whole: no break anywhere inside these.
    const all = after.cues.map((c) => c.text[ZH] ?? '').join('\n\n');
    for (const whole of ['萨姆·阿尔特曼', '查理·考利斯', '芯片', '人类文明的']) {
      const chars = [...whole];
      expect(all.replace(/\n/g, ''), whole).toContain(whole);
      for (let k = 1; k < chars.length; k++) expect(all, whole).not.toContain(`${chars.slice(0, k).join('')}\n${chars.slice(k).join('')}`);
    }
  });
});
