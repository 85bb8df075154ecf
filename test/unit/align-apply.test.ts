/** Applying auto-timing: ids, one-step undo, validation. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIO_MISMATCH, autoTimeReviews, pairingReviews, planAutoTime, type CueTimes } from '../../src/shared/align/apply';
import { UNSURE_BELOW } from '../../src/shared/timing-confidence';
import { planSubtitleCues, type PlannedCue } from '../../src/shared/align/build-cues';
import { CommandError } from '../../src/shared/plan/errors';
import { parseTranscript } from '../../src/shared/formats/transcript';
import type { SubtitleDocument } from '../../src/shared/model';
import { applyOperation } from '../../src/shared/operations';
import { EN, ZH, makeDoc } from './commands-helpers';

const plan = (sourceCueId: string, zh: string, en: string, speaker: string | null = null): PlannedCue => ({
  sourceCueId, speaker, text: { [ZH]: zh, [EN]: en }, spoken: en,
});

/** Back-to-back times of `ms` each, 100 ms apart, from `from`. */
const evenTimes = (n: number, ms = 1000, from = 0): CueTimes[] =>
  Array.from({ length: n }, (_, i) => ({ start: from + i * (ms + 100), end: from + i * (ms + 100) + ms }));

function twoTurns(): SubtitleDocument {
  return makeDoc([[0, 0, '你好。我很好。', 'Hello. I am fine.', 's1'], [0, 0, '再见。', 'Bye.', 's2']]);
}

const planned2 = [plan('c1', '你好。', 'Hello.', 's1'), plan('c1', '我很好。', 'I am fine.', 's1'), plan('c2', '再见。', 'Bye.', 's2')];

describe('planAutoTime', () => {
  it('replaces the turns by the planned cues, keeping the first id of each turn', () => {
    const doc = twoTurns();
    const result = planAutoTime(doc, 'all', planned2, evenTimes(3), [1]);
    const after = applyOperation(doc, result.op).doc;
    expect(after.cues).toEqual([
      { id: 'c1', start: 0, end: 1000, speaker: 's1', text: { [ZH]: '你好。', [EN]: 'Hello.' } },
      { id: 'c3', start: 1100, end: 2100, speaker: 's1', text: { [ZH]: '我很好。', [EN]: 'I am fine.' } },
      { id: 'c2', start: 2200, end: 3200, speaker: 's2', text: { [ZH]: '再见。', [EN]: 'Bye.' } },
    ]);
    expect(result.label).toBe('Auto-time 2 turns → 3 cues (1 to review)');
    expect(result.select).toEqual(['c3']);
    expect(result.op.type).toBe('batch');
  });

  it('selects planned cues whose pairing is doubtful along with the aligner\'s, each once', () => {
    const doc = twoTurns();
    const doubtful = [planned2[0], { ...planned2[1], review: 'en has 10 characters for 4 of zh-Hans' }, planned2[2]];
    expect(pairingReviews(doubtful)).toEqual([{ index: 1, reason: 'en has 10 characters for 4 of zh-Hans' }]);
    const alone = planAutoTime(doc, 'all', doubtful, evenTimes(3), []);
    expect(alone.label).toBe('Auto-time 2 turns → 3 cues (1 to review)');
    expect(alone.select).toEqual(['c3']);
    const both = planAutoTime(doc, 'all', doubtful, evenTimes(3), [2, 1]);
    expect(both.label).toBe('Auto-time 2 turns → 3 cues (2 to review)');
    expect(both.select).toEqual(['c3', 'c2']);
  });

  it('keeps the selection when nothing needs review, and words the label for one', () => {
    const doc = makeDoc([[0, 0, '好。', 'Yes.']]);
    const result = planAutoTime(doc, ['c1'], [plan('c1', '好。', 'Yes.')], [{ start: 500, end: 1500 }], []);
    expect(result.label).toBe('Auto-time 1 turn → 1 cue');
    expect(result.select).toBeNull();
    expect(result.op.ops).toEqual([{ type: 'setTimes', cueId: 'c1', start: 500, end: 1500 }]);
  });

  it('times only the selected turns and leaves the others alone', () => {
    const doc = makeDoc([[0, 1000, 'A。', 'A.'], [1000, 2000, '乙。丙。', 'B. C.'], [2000, 3000, 'D。', 'D.']]);
    const planned = [plan('c2', '乙。', 'B.'), plan('c2', '丙。', 'C.')];
    const after = applyOperation(doc, planAutoTime(doc, ['c2'], planned, [{ start: 1000, end: 1400 }, { start: 1500, end: 2000 }], []).op).doc;
    expect(after.cues.map((c) => [c.id, c.start, c.end, c.text[EN]])).toEqual([
      ['c1', 0, 1000, 'A.'], ['c2', 1000, 1400, 'B.'], ['c4', 1500, 2000, 'C.'], ['c3', 2000, 3000, 'D.'],
    ]);
  });

  it('accepts a pinned turn that keeps its times', () => {
    const doc = makeDoc([[0, 0, '你好。', 'Hi.'], [5000, 6000, '再见。', 'Bye.']]);
    doc.cues[1].pinned = true;
    const planned = planSubtitleCues(doc, 'all', EN);
    const result = planAutoTime(doc, 'all', planned, [{ start: 100, end: 900 }, { start: 5000, end: 6000 }], []);
    expect(applyOperation(doc, result.op).doc.cues[1]).toEqual(doc.cues[1]);
    expect(() => planAutoTime(doc, 'all', planned, [{ start: 100, end: 900 }, { start: 5000, end: 6100 }], [])).toThrow(/Pinned cue c2/);
  });

  it('rejects times that do not fit the plan', () => {
    const doc = twoTurns();
    const bad: [CueTimes[], RegExp][] = [
      [evenTimes(2), /2 times for 3 planned cues/],
      [[{ start: 0, end: 1000 }, { start: 900, end: 2000 }, { start: 2000, end: 3000 }], /overlap/],
      [[{ start: 0, end: 1000 }, { start: 1500, end: 1400 }, { start: 2000, end: 3000 }], /backwards/],
      [[{ start: -10, end: 1000 }, { start: 1500, end: 1600 }, { start: 2000, end: 3000 }], /overlap or run backwards/],
      [[{ start: 0, end: 1000.5 }, { start: 1500, end: 1600 }, { start: 2000, end: 3000 }], /integer/],
      [[{ start: 0, end: Infinity }, { start: 1500, end: 1600 }, { start: 2000, end: 3000 }], /integer/],
    ];
    for (const [times, message] of bad) {
      expect(() => planAutoTime(doc, 'all', planned2, times, [])).toThrow(CommandError);
      expect(() => planAutoTime(doc, 'all', planned2, times, [])).toThrow(message);
    }
  });

  it('rejects review indices outside the plan', () => {
    expect(() => planAutoTime(twoTurns(), 'all', planned2, evenTimes(3), [3])).toThrow(/No planned cue 3/);
    expect(() => planAutoTime(twoTurns(), 'all', planned2, evenTimes(3), [0.5])).toThrow(CommandError);
  });

  it('rejects a plan that does not match the turns', () => {
    const doc = twoTurns();
    const swapped = [planned2[2], planned2[0], planned2[1]];
    expect(() => planAutoTime(doc, 'all', swapped, evenTimes(3), [])).toThrow(CommandError);
    expect(() => planAutoTime(doc, 'all', planned2.slice(0, 2), evenTimes(2), [])).toThrow(/no cue for c2/);
    expect(() => planAutoTime(doc, ['c1'], planned2, evenTimes(3), [])).toThrow(/does not match/);
    expect(() => planAutoTime(doc, ['c9'], planned2, evenTimes(3), [])).toThrow(/No cue with id c9/);
  });

  it('undoes in one step: apply, then the inverse, gives the document back', () => {
    const turn = fc.record({
      zh: fc.array(fc.constantFrom('你好。', '我们走吧。', '好的,'), { minLength: 1, maxLength: 3 }),
      en: fc.array(fc.constantFrom('Hello.', "Let's go.", 'Fine,'), { minLength: 1, maxLength: 3 }),
      pieces: fc.integer({ min: 1, max: 4 }),
      pick: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(turn, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 5000 }), (turns, offset) => {
      const doc = makeDoc(turns.map((t, i) => [i * 10, i * 10 + 5, t.zh.join(''), t.en.join(' '), i % 2 ? 's1' : null]));
      doc.cues.push({ id: 'c7', start: 0, end: 0, speaker: null, text: { [ZH]: '外' } });
      const chosen = doc.cues.filter((_, i) => turns[i]?.pick);
      const ids = chosen.length > 0 ? chosen.map((c) => c.id) : ('all' as const);
      const sources = ids === 'all' ? doc.cues : chosen;
      const planned = sources.flatMap((cue) => {
        const n = turns[doc.cues.indexOf(cue)]?.pieces ?? 1;
        // Like planSubtitleCues, only the languages the turn has (setText's inverse cannot remove a key).
        return Array.from({ length: n }, (_, k) => {
          const text = Object.fromEntries(Object.entries(cue.text).map(([lang, t]) => [lang, `${t}${k}`]));
          return { sourceCueId: cue.id, speaker: cue.speaker, text, spoken: text[EN] ?? '' };
        });
      });
      const result = planAutoTime(doc, ids, planned, evenTimes(planned.length, 700, offset), planned.length > 1 ? [planned.length - 1] : []);
      const applied = applyOperation(doc, result.op);
      expect(applied.doc.cues.length).toBe(doc.cues.length + planned.length - sources.length);
      expect(new Set(applied.doc.cues.map((c) => c.id)).size).toBe(applied.doc.cues.length);
      expect(applyOperation(applied.doc, applied.inverse).doc).toEqual(doc);
    }));
  });

  it('applies the whole sample in one step and undoes it', () => {
    const text = readFileSync(new URL('../../resources/sample/openai-podcast-ep8.zh-en.txt', import.meta.url), 'utf8');
    const doc = parseTranscript(text).doc;
    const planned = planSubtitleCues(doc, 'all', EN);
    const result = planAutoTime(doc, 'all', planned, evenTimes(planned.length, 2000), [0, 5, 9]);
    // The aligner's three and the plan's own doubtful pairings (improbable length ratios) are selected together.
    const doubted = [...new Set([0, 5, 9, ...pairingReviews(planned).map((r) => r.index)])].sort((a, b) => a - b);
    expect(doubted.length).toBeGreaterThan(3);
    expect(result.label).toBe(`Auto-time 98 turns → ${planned.length} cues (${doubted.length} to review)`);
    const applied = applyOperation(doc, result.op);
    expect(applied.doc.cues.map((c) => c.text[EN])).toEqual(planned.map((p) => p.text[EN]));
    expect(result.select).toEqual(doubted.map((i) => applied.doc.cues[i].id));
    expect(applied.doc.cues[0].id).toBe('c1');
    expect(applyOperation(applied.doc, applied.inverse).doc).toEqual(doc);
  });
});

describe('autoTimeReviews', () => {
  const doubtful = [plan('c1', '你好。', 'Hello.'), { ...plan('c1', '好', 'Fine fine fine'), review: 'lengths differ' }, plan('c2', '再见。', 'Bye.')];

  it('lists the aligner\'s doubts and the pairing\'s, in order, both reasons on a cue doubted twice', () => {
    expect(autoTimeReviews(doubtful, [2, 1])).toEqual([
      { index: 1, reason: `${AUDIO_MISMATCH}; lengths differ` },
      { index: 2, reason: AUDIO_MISMATCH },
    ]);
    expect(autoTimeReviews(doubtful, [])).toEqual([{ index: 1, reason: 'lengths differ' }]);
  });

  it('adds the cues whose alignment confidence is under the threshold, saying how sure it was', () => {
    const confidence = [0.95, UNSURE_BELOW, 0.42];
    expect(autoTimeReviews(doubtful, [], confidence)).toEqual([
      { index: 1, reason: 'lengths differ' },
      { index: 2, reason: 'timing unsure (confidence 0.42)' },
    ]);
    const doc = twoTurns();
    const result = planAutoTime(doc, 'all', doubtful, evenTimes(3), [], confidence);
    expect(result.select).toHaveLength(2);
  });

  it('is what the plan selects, in the same order', () => {
    const doc = twoTurns();
    const result = planAutoTime(doc, 'all', doubtful, evenTimes(3), [2]);
    const after = applyOperation(doc, result.op).doc;
    const numbers = result.select!.map((id) => after.cues.findIndex((c) => c.id === id));
    expect(numbers).toEqual(autoTimeReviews(doubtful, [2]).map((r) => r.index));
  });
});

describe('untimed flag', () => {
  it('auto-timing the whole document clears metadata.untimed, undo brings it back', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseTranscript } = await import('../../src/shared/formats/transcript');
    const { planSubtitleCues } = await import('../../src/shared/align/build-cues');
    const { planAutoTime } = await import('../../src/shared/align/apply');
    const { applyOperation } = await import('../../src/shared/operations');
    const text = readFileSync(new URL('../../resources/sample/openai-podcast-ep8.zh-en.txt', import.meta.url), 'utf8');
    const doc = parseTranscript(text).doc;
    expect(doc.metadata.untimed).toBe(true);
    const planned = planSubtitleCues(doc, 'all', 'en');
    const times = planned.map((_, i) => ({ start: i * 1000, end: i * 1000 + 900 }));
    const { doc: timed, inverse } = applyOperation(doc, planAutoTime(doc, 'all', planned, times, []).op);
    expect(timed.metadata.untimed).toBe(false);
    expect(applyOperation(timed, inverse).doc).toEqual(doc);
  });
});
