import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandError } from '../../src/shared/commands/plan';
import type { EditCommand } from '../../src/shared/commands/schema';
import type { SubtitleDocument } from '../../src/shared/model';
import { EN, ZH, makeDoc, run, texts } from './commands-helpers';

describe('merge', () => {
  const doc = makeDoc([
    [0, 1000, '非常感', 'Thank you so', 's1'],
    [1200, 3000, '谢这次合作。', 'much for the partnership.', 's2'],
    [3100, 3500, '', 'Yes.', null],
    [4000, 5000, '好', 'Good', 's2'],
  ]);

  it('joins Chinese without a space and English with one, keeps the first speaker and spans the times', () => {
    const { doc: after, plan } = run(doc, { kind: 'mergeWithNext', cueId: 'c1' });
    expect(after.cues).toHaveLength(3);
    expect(after.cues[0]).toEqual({ id: 'c1', start: 0, end: 3000, speaker: 's1', text: { [ZH]: '非常感谢这次合作。', [EN]: 'Thank you so much for the partnership.' } });
    expect(plan).toMatchObject({ label: 'Merge cues 1–2', select: ['c1'] });
  });

  it('merges three cues, with no separator next to an empty text, in any id order', () => {
    const { doc: after } = run(doc, { kind: 'merge', cueIds: ['c3', 'c1', 'c2'] });
    expect(texts(after.cues[0])).toEqual(['非常感谢这次合作。', 'Thank you so much for the partnership. Yes.']);
    expect(after.cues.map((c) => c.id)).toEqual(['c1', 'c4']);
  });

  it('refuses cues that are not consecutive, a lone cue, and the last cue with next', () => {
    expect(() => run(doc, { kind: 'merge', cueIds: ['c1', 'c3'] })).toThrow('Only consecutive cues can be merged (cues 1 and 3');
    expect(() => run(doc, { kind: 'merge', cueIds: ['c2', 'c2'] })).toThrow(CommandError);
    expect(() => run(doc, { kind: 'mergeWithNext', cueId: 'c4' })).toThrow('Cue 4 is the last cue');
  });
});

/**
 * Split then merge restores the cue. Texts are generated normalized — English: words joined by single spaces, no
 * leading/trailing space; Chinese: no whitespace — and for such texts the round trip is exact: the whole document
 * after split + merge deep-equals the one before (id, times, speaker, every language's text, every other cue).
 * An English cursor is placed at a word edge (a cut inside a word splits it, and merging puts a space there);
 * a Chinese cursor may be anywhere, including inside a Latin word.
 */
describe('split then merge (property)', () => {
  const enWord = fc.constantFrom('so', 'drop,', 'Mr.', 'Smith', '3.5', 'e.g.', 'J.', 'go.', 'it?', 'yes!', 'U.S.', 'a;', '“Hi.”', 'x');
  const zhChar = fc.constantFrom('你', '好', '谢', '。', '，', ',', '、', '！', '?', 'A', 'I', '3', '.', '😀');
  const en = fc.array(enWord, { maxLength: 12 }).map((w) => w.join(' '));
  const zh = fc.array(zhChar, { maxLength: 20 }).map((c) => c.join(''));

  const wordEdges = (text: string): number[] =>
    [...Array(text.length + 1).keys()].filter((p) => p === 0 || p === text.length || text[p - 1] === ' ' || text[p] === ' ');

  const scenario = fc.record({
    zh, en,
    start: fc.integer({ min: 0, max: 100_000 }),
    // 2 × 200 ms halves and the 83 ms gap of the document's QC profile (zh: Netflix Simplified Chinese, issue 13).
    duration: fc.integer({ min: 483, max: 20_000 }),
    playhead: fc.option(fc.integer({ min: 0, max: 130_000 }), { nil: undefined }),
    cursor: fc.option(fc.record({ inZh: fc.boolean(), pick: fc.nat() }), { nil: undefined }),
  });

  it('restores the document exactly', () => {
    fc.assert(fc.property(scenario, (s) => {
      const doc: SubtitleDocument = makeDoc([[0, 10, '前', 'Before'], [s.start + 20, s.start + 20 + s.duration, s.zh, s.en, 's1'], [s.start + 30_000, s.start + 31_000, '后', 'After']]);
      let at: { lang: string; offset: number } | undefined;
      if (s.cursor) {
        const offsets = s.cursor.inZh ? [...Array(s.zh.length + 1).keys()] : wordEdges(s.en);
        at = { lang: s.cursor.inZh ? ZH : EN, offset: offsets[s.cursor.pick % offsets.length] };
      }
      const split: EditCommand = { kind: 'split', cueId: 'c2', ...(at ? { at } : {}), ...(s.playhead !== undefined ? { playhead: s.playhead } : {}) };
      const halves = run(doc, split);
      expect(halves.doc.cues).toHaveLength(4);
      const second = halves.plan.select![0];
      expect(halves.doc.cues[1].end - halves.doc.cues[1].start).toBeGreaterThanOrEqual(200);
      expect(halves.doc.cues[2].end - halves.doc.cues[2].start).toBeGreaterThanOrEqual(200);
      expect(halves.doc.cues[2].start - halves.doc.cues[1].end).toBe(83);
      const merged = run(halves.doc, { kind: 'merge', cueIds: ['c2', second] });
      expect(merged.doc).toEqual(doc);
    }), { numRuns: 500 });
  });
});
