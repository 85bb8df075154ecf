/**
 * Auto-time's confidence stored on the cue (issue 15): the operation and its inverse, the auto-time plan setting it in
 * its one undo step, the confidence going stale when the times move, the project file keeping it, exports dropping
 * it, and the QC check "timing unsure" on a Chinese/English document.
 */
import { describe, expect, it } from 'vitest';
import { expectedPauseEnds, fragmentConfidence } from '../../src/node/align/confidence';
import { planAutoTime, type CueTimes } from '../../src/shared/align/apply';
import type { PlannedCue } from '../../src/shared/align/build-cues';
import { formatById, readSubtitleText, serializeDocument } from '../../src/shared/formats/registry';
import { cueNumbers, stepLabel } from '../../src/shared/history';
import type { SubtitleDocument } from '../../src/shared/model';
import { applyOperation, OperationError, type Operation } from '../../src/shared/operations';
import { checkDocument, QcIndex } from '../../src/shared/qc/run';
import { isTimingUnsure, timingConfidence, UNSURE_BELOW } from '../../src/shared/timing-confidence';
import { EN, makeDoc, run, ZH } from './commands-helpers';
import { NETFLIX } from './qc-helpers';

const apply = (doc: SubtitleDocument, op: Operation) => applyOperation(doc, op);

/** Two Chinese/English cues; the first carries auto-time's confidence for its times. */
function timedDoc(confidence: number): SubtitleDocument {
  const doc = makeDoc([[1000, 3000, '我们今天聊聊人工智能。', 'Today we talk about AI.'], [3500, 6000, '好的。', 'Sure.']]);
  doc.cues[0] = { ...doc.cues[0], timing: { confidence, start: 1000, end: 3000 } };
  return doc;
}

describe('setTiming', () => {
  it('records, replaces and removes the confidence; each inverse restores the cue exactly', () => {
    const doc = makeDoc([[0, 1000, '你好。', 'Hello.']]);
    const set = apply(doc, { type: 'setTiming', cueId: 'c1', timing: { confidence: 0.62, start: 0, end: 1000 } });
    expect(set.doc.cues[0].timing).toEqual({ confidence: 0.62, start: 0, end: 1000 });
    expect(set.inverse).toEqual({ type: 'setTiming', cueId: 'c1' });
    expect(apply(set.doc, set.inverse).doc).toEqual(doc);
    expect('timing' in apply(set.doc, set.inverse).doc.cues[0]).toBe(false);

    const replaced = apply(set.doc, { type: 'setTiming', cueId: 'c1', timing: { confidence: 0.9, start: 0, end: 1000 } });
    expect(replaced.inverse).toEqual({ type: 'setTiming', cueId: 'c1', timing: { confidence: 0.62, start: 0, end: 1000 } });
    expect(apply(replaced.doc, replaced.inverse).doc).toEqual(set.doc);
  });

  it('refuses a confidence outside 0–1, bad times and an unknown cue', () => {
    const doc = makeDoc([[0, 1000, '你好。', 'Hello.']]);
    for (const confidence of [-0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => apply(doc, { type: 'setTiming', cueId: 'c1', timing: { confidence, start: 0, end: 1000 } })).toThrow(OperationError);
    }
    expect(() => apply(doc, { type: 'setTiming', cueId: 'c1', timing: { confidence: 0.5, start: 10, end: 5 } })).toThrow(OperationError);
    expect(() => apply(doc, { type: 'setTiming', cueId: 'c9' })).toThrow(/no cue with id c9/);
    const bad = { ...doc.cues[0], id: 'c2', timing: { confidence: 2, start: 0, end: 1000 } };
    expect(() => apply(doc, { type: 'insertCue', cue: bad, index: 1 })).toThrow(OperationError);
  });

  it('names its undo step', () => {
    const doc = timedDoc(0.5);
    const op: Operation = { type: 'setTiming', cueId: 'c1' };
    const { inverse } = apply(doc, op);
    expect(stepLabel({ op, inverse, time: 0 }, cueNumbers(doc))).toBe('Clear the timing confidence of cue 1');
  });
});

describe('the aligner\'s pause factor', () => {
  it('expects a pause at sentence ends, in English and Chinese, not at a clause cut', () => {
    expect(expectedPauseEnds(['Hello, I am Andrew,', 'and welcome.', '这是最大的项目，', '对吧？', '“Why?”', 'So'])).toEqual([1, 1, 1, 1, 2, 2]);
  });

  it('given the texts, lowers only the cues whose sentence ends miss a pause', () => {
    const costs = Array.from({ length: 4 }, () => ({ whole: 1, start: 1, end: 1 }));
    const ms = Array(4).fill(1000);
    const fragments = ['We build chips,', 'for specific workloads.', 'It is big.', 'Thanks.'];
    // Ends on a pause: 1 (the clause cut runs on), 1 (the clause cut again), 1 (one sentence end missed), 2.
    const atPause = [1, 1, 1, 2];
    expect(fragmentConfidence(costs, ms, ms, atPause)).toEqual([0.75, 0.75, 0.75, 1]);
    expect(fragmentConfidence(costs, ms, ms, atPause, fragments)).toEqual([1, 1, 0.75, 1]);
    // No pause at all at a cue both of whose ends are sentence ends: half off, as before.
    expect(fragmentConfidence(costs, ms, ms, [1, 1, 0, 2], fragments)[2]).toBe(0.5);
  });
});

describe('the confidence counts only while the cue keeps its times', () => {
  it('moving a time resolves it without another edit; undo brings it back', () => {
    const doc = timedDoc(0.62);
    expect(timingConfidence(doc.cues[0])).toBe(0.62);
    expect(isTimingUnsure(doc.cues[0])).toBe(true);
    const moved = apply(doc, { type: 'setTimes', cueId: 'c1', start: 1040, end: 3000 });
    expect(moved.doc.cues[0].timing).toEqual({ confidence: 0.62, start: 1000, end: 3000 });
    expect(timingConfidence(moved.doc.cues[0])).toBeNull();
    expect(isTimingUnsure(moved.doc.cues[0])).toBe(false);
    expect(isTimingUnsure(apply(moved.doc, moved.inverse).doc.cues[0])).toBe(true);
  });

  it('pinning the cue (the user vouches for its times) resolves it too; unpinning brings it back', () => {
    const doc = timedDoc(0.62);
    const pinned = apply(doc, { type: 'setPinned', cueId: 'c1', pinned: true });
    expect(isTimingUnsure(pinned.doc.cues[0])).toBe(false);
    expect(checkDocument(pinned.doc, NETFLIX).filter((i) => i.rule === 'timing-unsure')).toEqual([]);
    expect(isTimingUnsure(apply(pinned.doc, pinned.inverse).doc.cues[0])).toBe(true);
  });

  it('a confidence at the threshold is not unsure; split and merge leave no cue unsure', () => {
    expect(isTimingUnsure(timedDoc(UNSURE_BELOW).cues[0])).toBe(false);
    const doc = timedDoc(0.3);
    const split = run(doc, { kind: 'split', cueId: 'c1' }).doc;
    expect(split.cues.filter(isTimingUnsure)).toEqual([]);
    expect(split.cues.filter((c) => c.timing !== undefined).map((c) => c.id)).toEqual(['c1']);
    const merged = run(doc, { kind: 'merge', cueIds: ['c1', 'c2'] }).doc;
    expect(merged.cues.filter(isTimingUnsure)).toEqual([]);
  });
});

describe('auto-time stores the confidence in its one step', () => {
  const plan = (sourceCueId: string, zh: string, en: string): PlannedCue => ({ sourceCueId, speaker: null, text: { [ZH]: zh, [EN]: en }, spoken: en });
  const turns = () => makeDoc([[0, 0, '你好。我很好。', 'Hello. I am fine.'], [0, 0, '再见。', 'Bye.']]);
  const planned = [plan('c1', '你好。', 'Hello.'), plan('c1', '我很好。', 'I am fine.'), plan('c2', '再见。', 'Bye.')];
  const times: CueTimes[] = [{ start: 0, end: 900 }, { start: 1000, end: 1900 }, { start: 2000, end: 2900 }];

  it('on the first cue of a turn (setTiming) and on the inserted ones (insertCue); undo takes it all back', () => {
    const doc = turns();
    const result = planAutoTime(doc, 'all', planned, times, [], [0.95, 0.42, 0.7]);
    expect(result.op.type).toBe('batch');
    const { doc: after, inverse } = apply(doc, result.op);
    expect(after.cues.map((c) => c.timing)).toEqual([
      { confidence: 0.95, start: 0, end: 900 },
      { confidence: 0.42, start: 1000, end: 1900 },
      { confidence: 0.7, start: 2000, end: 2900 },
    ]);
    expect(result.select).toEqual(after.cues.filter(isTimingUnsure).map((c) => c.id));
    expect(apply(after, inverse).doc).toEqual(doc);
    // Redo: the same batch again gives the same cues with their confidence.
    expect(apply(doc, result.op).doc).toEqual(after);
  });

  it('without confidences nothing is recorded, and a run without them clears an older one', () => {
    const doc = turns();
    const first = apply(doc, planAutoTime(doc, 'all', planned, times, [], [0.5, 0.5, 0.5]).op).doc;
    const again = planAutoTime(first, 'all', [plan('c1', '你好。', 'Hello.'), plan('c3', '我很好。', 'I am fine.'), plan('c2', '再见。', 'Bye.')]
      .map((p, i) => ({ ...p, sourceCueId: first.cues[i].id, text: first.cues[i].text })), times, []);
    expect(apply(first, again.op).doc.cues.map((c) => c.timing)).toEqual([undefined, undefined, undefined]);
  });

  it('a pinned cue keeps its times and gets no confidence', () => {
    const doc = makeDoc([[0, 0, '你好。', 'Hello.'], [1000, 1900, '再见。', 'Bye.']]);
    doc.cues[1].pinned = true;
    const pinnedPlan: PlannedCue[] = [plan('c1', '你好。', 'Hello.'), { ...plan('c2', '再见。', 'Bye.'), pinned: true }];
    const result = planAutoTime(doc, 'all', pinnedPlan, [{ start: 0, end: 900 }, { start: 1000, end: 1900 }], [], [0.5, 0.1]);
    const after = apply(doc, result.op).doc;
    expect(after.cues[1].timing).toBeUndefined();
    expect(result.select).toEqual(['c1']);
  });
});

describe('the project file', () => {
  it('saves and re-opens the confidence; a bad one is a warning and the cue stays', () => {
    const doc = timedDoc(0.62);
    const text = serializeDocument(doc, 'duosub');
    expect(text).toContain('"timing": {"confidence": 0.62, "start": 1000, "end": 3000}');
    expect(readSubtitleText(text, 'a.duosub.json').doc).toEqual(doc);
    const bad = text.replace('"confidence": 0.62', '"confidence": 7');
    const read = readSubtitleText(bad, 'a.duosub.json');
    expect(read.doc.cues.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(read.doc.cues[0].timing).toBeUndefined();
    expect(read.problems).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('cue c1: timing: confidence') })]);
    const backwards = readSubtitleText(text.replace('"start": 1000, "end": 3000}', '"start": 3000, "end": 1000}'), 'a.duosub.json');
    expect(backwards.doc.cues[0].timing).toBeUndefined();
    expect(backwards.problems).toEqual([expect.objectContaining({ message: 'cue c1: timing: end: ends before it starts; ignored' })]);
    // What the reader keeps, an undo can put back: deleting the cue and undoing restores it with its confidence.
    const reopened = readSubtitleText(text, 'a.duosub.json').doc;
    const deleted = apply(reopened, { type: 'deleteCue', cueId: 'c1' });
    expect(apply(deleted.doc, deleted.inverse).doc).toEqual(reopened);
  });

  it('subtitle exports leave it out', () => {
    const doc = timedDoc(0.62);
    for (const format of ['srt', 'vtt', 'ass', 'json', 'ttml'] as const) {
      const out = formatById(format).serialize!(doc, { lang: EN });
      expect(out).not.toMatch(/confidence|0\.62/);
    }
  });
});

describe('QC: timing unsure', () => {
  it('reports each unsure cue of a Chinese/English document once, as a timing warning', () => {
    const doc = timedDoc(0.62);
    doc.cues[1] = { ...doc.cues[1], timing: { confidence: 0.93, start: 3500, end: 6000 } };
    const unsure = checkDocument(doc, NETFLIX).filter((i) => i.rule === 'timing-unsure');
    expect(unsure).toEqual([{
      cueId: 'c1', lang: null, rule: 'timing-unsure', severity: 'warning', value: 0.62, limit: UNSURE_BELOW,
      message: expect.stringContaining('Timing unsure (confidence 0.62'),
    }]);
  });

  it('the live index drops it when the times move and brings it back on undo', () => {
    const doc = timedDoc(0.4);
    const index = new QcIndex(NETFLIX);
    const count = () => index.issues().filter((i) => i.rule === 'timing-unsure').length;
    index.update(doc);
    expect(count()).toBe(1);
    const moved = apply(doc, { type: 'setTimes', cueId: 'c1', start: 1000, end: 2900 });
    index.update(moved.doc);
    expect(count()).toBe(0);
    index.update(apply(moved.doc, moved.inverse).doc);
    expect(count()).toBe(1);
  });
});
