/** Gale–Church pairing of the sentences of one turn: hand-made turns, a property, and the real sample. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSentences, lengthCost, lengthRatio, textLength, type Bead } from '../../src/shared/align/gale-church';
import { splitSentences } from '../../src/shared/text/sentences';
import { parseTranscript } from '../../src/shared/formats/transcript';

/** "1-1", "2-1", … — a bead's type. */
const beadType = (bead: Bead): string => `${bead.zh.length}-${bead.en.length}`;

const x = (n: number) => 'x'.repeat(n);
const types = (beads: Bead[]) => beads.map(beadType);

function sample() {
  const text = readFileSync(new URL('../../resources/sample/openai-podcast-ep8.zh-en.txt', import.meta.url), 'utf8');
  return parseTranscript(text).doc;
}

describe('alignSentences on hand-made turns', () => {
  it('pairs sentences of proportional length one to one', () => {
    const beads = alignSentences([x(10), x(30), x(12)], [x(31), x(95), x(36)], 3);
    expect(types(beads)).toEqual(['1-1', '1-1', '1-1']);
  });

  it('merges two short sentences against one long one, on either side', () => {
    expect(types(alignSentences([x(10), x(30), x(10)], [x(10), x(14), x(16), x(10)], 1))).toEqual(['1-1', '1-2', '1-1']);
    expect(types(alignSentences([x(10), x(14), x(16), x(10)], [x(10), x(30), x(10)], 1))).toEqual(['1-1', '2-1', '1-1']);
  });

  it('pairs a real turn where the Chinese sentence carries two English ones', () => {
    const beads = alignSentences(
      ['它就像一座微型城市,一个庞大复杂的系统。', '这需要很多年。'],
      ["It's like a tiny city.", "It's a big complex thing.", 'It takes many years.'],
      3.1,
    );
    expect(beads).toEqual([
      { zh: ['它就像一座微型城市,一个庞大复杂的系统。'], en: ["It's like a tiny city.", "It's a big complex thing."] },
      { zh: ['这需要很多年。'], en: ['It takes many years.'] },
    ]);
  });

  it('gives a text in one language only beads of its own', () => {
    expect(alignSentences([], ['Yes.', 'Sure.'], 3)).toEqual([{ zh: [], en: ['Yes.'] }, { zh: [], en: ['Sure.'] }]);
    expect(alignSentences(['好。'], [], 3)).toEqual([{ zh: ['好。'], en: [] }]);
    expect(alignSentences([], [], 3)).toEqual([]);
  });

  it('rejects a length model that makes no sense', () => {
    expect(() => alignSentences(['a'], ['b'], 0)).toThrow(RangeError);
  });

  it('uses every sentence exactly once, in order, whatever the lengths', () => {
    const sentences = fc.array(fc.integer({ min: 1, max: 120 }).map(x), { maxLength: 8 });
    fc.assert(fc.property(sentences, sentences, fc.double({ min: 0.2, max: 5, noNaN: true }), (a, b, ratio) => {
      const beads = alignSentences(a, b, ratio);
      expect(beads.flatMap((bead) => bead.zh)).toEqual(a);
      expect(beads.flatMap((bead) => bead.en)).toEqual(b);
      for (const bead of beads) expect(['1-1', '1-0', '0-1', '2-1', '1-2', '2-2']).toContain(beadType(bead));
    }));
  });
});

describe('length model', () => {
  it('counts code points without whitespace', () => {
    expect(textLength('a b\nc')).toBe(3);
    expect(textLength('你好 OpenAI')).toBe(8);
    expect(lengthRatio(['你好'], ['hello', 'you'])).toBe(4);
    expect(lengthRatio([], ['x'])).toBe(1);
  });

  it('costs nothing for the expected length and more the further from it', () => {
    expect(lengthCost(10, 30, 3, 20)).toBeCloseTo(0, 6);
    expect(lengthCost(10, 40, 3, 20)).toBeGreaterThan(lengthCost(10, 35, 3, 20));
    expect(lengthCost(10, 20, 3, 20)).toBeGreaterThan(lengthCost(10, 25, 3, 20));
    // Far out in the tail the cost stays finite (log-space tail, no underflow to −log 0).
    expect(Number.isFinite(lengthCost(1, 5000, 3, 20))).toBe(true);
  });
});

describe('alignSentences on the sample transcript', () => {
  const doc = sample();
  const ratio = lengthRatio(doc.cues.map((c) => c.text['zh-Hans'] ?? ''), doc.cues.map((c) => c.text.en ?? ''));
  const turns = doc.cues.map((cue) => {
    const zh = splitSentences(cue.text['zh-Hans'] ?? '', 'zh-Hans');
    const en = splitSentences(cue.text.en ?? '', 'en');
    return { zh, en, beads: alignSentences(zh, en, ratio) };
  });

  it('estimates about three non-space English characters per Chinese character', () => {
    expect(ratio).toBeGreaterThan(2.8);
    expect(ratio).toBeLessThan(3.4);
  });

  it('uses every sentence of all 98 turns exactly once, in order', () => {
    expect(turns).toHaveLength(98);
    for (const { zh, en, beads } of turns) {
      expect(beads.flatMap((b) => b.zh)).toEqual(zh);
      expect(beads.flatMap((b) => b.en)).toEqual(en);
    }
  });

  it('pairs mostly one to one, merges two English sentences into one Chinese for most of the rest', () => {
    const counts: Record<string, number> = {};
    for (const { beads } of turns) for (const b of beads) counts[beadType(b)] = (counts[beadType(b)] ?? 0) + 1;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const oneOne = counts['1-1'] ?? 0;
    const merges = (counts['1-2'] ?? 0) + (counts['2-1'] ?? 0);
    const lone = (counts['1-0'] ?? 0) + (counts['0-1'] ?? 0);
    expect(oneOne / total).toBeGreaterThanOrEqual(0.6);
    expect(merges / (total - oneOne)).toBeGreaterThanOrEqual(0.75);
    expect(counts['1-2'] ?? 0).toBeGreaterThan(counts['2-1'] ?? 0);
    expect(lone).toBeLessThanOrEqual(3);
    // Observed: 203 1-1, 40 1-2, 2 2-1, 4 2-2, 1 0-1.
    expect(counts).toEqual({ '1-1': 203, '1-2': 40, '2-1': 2, '2-2': 4, '0-1': 1 });
  });

  it('pairs about two thirds of the turns entirely one to one', () => {
    const allOneOne = turns.filter(({ beads }) => beads.every((b) => beadType(b) === '1-1')).length;
    expect(allOneOne / turns.length).toBeGreaterThan(0.55);
    expect(allOneOne / turns.length).toBeLessThan(0.75);
  });

  it('merges the two English sentences of turn 29 into its one Chinese sentence', () => {
    expect(turns[28].beads).toEqual([{ zh: ['它就像一座微型城市,一个庞大复杂的系统。'], en: ["It's like a tiny city.", "It's a big complex thing."] }]);
  });
});
