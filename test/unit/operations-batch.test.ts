import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyOperation, OperationError, type Operation } from '../../src/shared/operations';
import type { SubtitleDocument } from '../../src/shared/model';

function doc(cues: number): SubtitleDocument {
  return {
    media: null,
    languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
    speakers: [],
    chapters: [],
    metadata: {},
    cues: Array.from({ length: cues }, (_, i) => ({
      id: `c${i}`, start: i * 1000, end: i * 1000 + 800, speaker: null, text: { 'zh-Hans': `第${i}句`, en: `line ${i}` },
    })),
  };
}

/** One op at a time, as applyBatch did before it shared one copy of the cue list. */
function oneByOne(start: SubtitleDocument, ops: Operation[]): SubtitleDocument {
  return ops.reduce((d, op) => applyOperation(d, op).doc, start);
}

const edit = fc.oneof(
  fc.record({ type: fc.constant('setText' as const), cueId: fc.integer({ min: 0, max: 5 }).map((i) => `c${i}`), lang: fc.constantFrom('zh-Hans', 'en'), text: fc.string() }),
  fc.record({ type: fc.constant('setTimes' as const), cueId: fc.integer({ min: 0, max: 5 }).map((i) => `c${i}`), start: fc.nat(5000), end: fc.nat(5000) })
    .map((op) => ({ ...op, end: Math.max(op.start, op.end) })),
  // Not a text or time edit: breaks a run, so runs and single edits mix.
  fc.constant({ type: 'batch' as const, ops: [] }),
);

describe('applyBatch', () => {
  it('gives the same document as applying each edit alone, and its inverse restores the original', () => {
    fc.assert(fc.property(fc.array(edit as fc.Arbitrary<Operation>, { maxLength: 30 }), (ops) => {
      const start = doc(6);
      const batched = applyOperation(start, { type: 'batch', ops });
      expect(batched.doc).toEqual(oneByOne(start, ops));
      expect(applyOperation(batched.doc, batched.inverse).doc).toEqual(start);
    }), { numRuns: 300 });
  });

  it('refuses a bad edit inside a run as the edit alone does', () => {
    const start = doc(3);
    const ops: Operation[] = [
      { type: 'setText', cueId: 'c0', lang: 'en', text: 'a' },
      { type: 'setText', cueId: 'c1', lang: 'fr', text: 'b' },
    ];
    expect(() => applyOperation(start, { type: 'batch', ops })).toThrow(OperationError);
    expect(() => applyOperation(start, { type: 'batch', ops: [ops[0], { type: 'setTimes', cueId: 'c9', start: 0, end: 1 }] })).toThrow(/no cue with id c9/);
    expect(() => applyOperation(start, { type: 'batch', ops: [ops[0], { type: 'setTimes', cueId: 'c1', start: 5, end: 1 }] })).toThrow(/bad times/);
  });
});
