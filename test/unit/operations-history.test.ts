import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyOperation, OperationError, type Operation } from '../../src/shared/operations';
import { History, COALESCE_MS, estimateOperationBytes } from '../../src/shared/history';
import type { SubtitleDocument } from '../../src/shared/model';

function sampleDoc(): SubtitleDocument {
  return {
    languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
    cues: [
      { id: 'c1', start: 0, end: 1000, speaker: 's0', text: { 'zh-Hans': '你好', en: 'Hello' } },
      { id: 'c2', start: 1200, end: 2500, speaker: 's1', text: { 'zh-Hans': '谢谢', en: 'Thanks' } },
    ],
    speakers: [{ id: 's0', name: 'Speaker 0', color: '#4e79a7' }, { id: 's1', name: 'Speaker 1', color: '#f28e2b' }],
    chapters: [],
    media: null,
    metadata: {},
  };
}

describe('operations', () => {
  it('setText changes one language and returns its inverse', () => {
    const doc = sampleDoc();
    const { doc: next, inverse } = applyOperation(doc, { type: 'setText', cueId: 'c2', lang: 'en', text: 'Thank you' });
    expect(next.cues[1].text).toEqual({ 'zh-Hans': '谢谢', en: 'Thank you' });
    expect(doc.cues[1].text.en).toBe('Thanks');
    expect(next.cues[0]).toBe(doc.cues[0]);
    expect(applyOperation(next, inverse).doc).toEqual(doc);
  });

  it('setTimes validates and inverts', () => {
    const doc = sampleDoc();
    const { doc: next, inverse } = applyOperation(doc, { type: 'setTimes', cueId: 'c1', start: 100, end: 900 });
    expect(next.cues[0]).toMatchObject({ start: 100, end: 900 });
    expect(applyOperation(next, inverse).doc).toEqual(doc);
    expect(() => applyOperation(doc, { type: 'setTimes', cueId: 'c1', start: 900, end: 100 })).toThrow(OperationError);
    expect(() => applyOperation(doc, { type: 'setTimes', cueId: 'c1', start: 1.5, end: 100 })).toThrow(OperationError);
    expect(() => applyOperation(doc, { type: 'setTimes', cueId: 'nope', start: 0, end: 1 })).toThrow(/no cue/);
    expect(() => applyOperation(doc, { type: 'setText', cueId: 'c1', lang: 'fr', text: 'x' })).toThrow(/no language/);
  });

  it('undo of any sequence of operations restores the document (property)', () => {
    const op = fc.oneof(
      fc.record({ type: fc.constant('setText' as const), cueId: fc.constantFrom('c1', 'c2'), lang: fc.constantFrom('zh-Hans', 'en'), text: fc.string() }),
      fc.tuple(fc.constantFrom('c1', 'c2'), fc.nat(100_000), fc.nat(100_000)).map(
        ([cueId, a, b]): Operation => ({ type: 'setTimes', cueId, start: Math.min(a, b), end: Math.max(a, b) }),
      ),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), fc.array(fc.nat(5000), { maxLength: 30 }), (ops, gaps) => {
      const original = sampleDoc();
      const history = new History();
      let doc = original;
      let time = 0;
      ops.forEach((o, i) => {
        const applied = applyOperation(doc, o);
        doc = applied.doc;
        time += gaps[i] ?? 0;
        history.record(o, applied.inverse, time);
      });
      const done = doc;
      while (history.canUndo) doc = history.undo(doc)!.doc;
      expect(doc).toEqual(original);
      while (history.canRedo) doc = history.redo(doc)!.doc;
      expect(doc).toEqual(done);
    }));
  });
});

describe('history', () => {
  function typeInto(history: History, doc: SubtitleDocument, texts: string[], start: number, step: number) {
    let current = doc;
    texts.forEach((text, i) => {
      const op: Operation = { type: 'setText', cueId: 'c1', lang: 'en', text };
      const applied = applyOperation(current, op);
      current = applied.doc;
      history.record(op, applied.inverse, start + i * step);
    });
    return current;
  }

  it('coalesces typing into word-sized steps', () => {
    const history = new History();
    let doc = typeInto(history, sampleDoc(), ['Hello ', 'Hello w', 'Hello wo', 'Hello wo ', 'Hello wo a', 'Hello wo ab'], 1000, 100);
    // A typed space or punctuation starts a new step; the letters after it join that step.
    doc = history.undo(doc)!.doc;
    expect(doc.cues[0].text.en).toBe('Hello wo');
    doc = history.undo(doc)!.doc;
    expect(doc.cues[0].text.en).toBe('Hello');
    expect(history.canUndo).toBe(false);
  });

  it('a pause longer than the coalescing window starts a new step', () => {
    const history = new History();
    let doc = typeInto(history, sampleDoc(), ['Hellox', 'Helloxy'], 0, COALESCE_MS + 1);
    doc = history.undo(doc)!.doc;
    expect(doc.cues[0].text.en).toBe('Hellox');
  });

  it('timing edits never coalesce and a new edit clears redo', () => {
    const history = new History();
    let doc = sampleDoc();
    for (const start of [10, 20]) {
      const op: Operation = { type: 'setTimes', cueId: 'c1', start, end: 1000 };
      const applied = applyOperation(doc, op);
      doc = applied.doc;
      history.record(op, applied.inverse, 0);
    }
    doc = history.undo(doc)!.doc;
    expect(doc.cues[0].start).toBe(10);
    expect(history.canRedo).toBe(true);
    const op: Operation = { type: 'setText', cueId: 'c2', lang: 'en', text: 'x' };
    history.record(op, applyOperation(doc, op).inverse, 0);
    expect(history.canRedo).toBe(false);
  });

  it('drops the oldest steps when the history outgrows its byte limit, keeping the newest', () => {
    const history = new History({ bytes: 20_000 });
    let doc = sampleDoc();
    const big = 'x'.repeat(1000); // ~6 KB a step (op and inverse, 3 bytes a character at worst)
    for (let i = 0; i < 20; i++) {
      const op: Operation = { type: 'setText', cueId: i % 2 ? 'c1' : 'c2', lang: 'en', text: `${i} ${big}` };
      const applied = applyOperation(doc, op);
      doc = applied.doc;
      history.record(op, applied.inverse, i * 10_000);
    }
    expect(history.estimatedBytes).toBeLessThanOrEqual(20_000);
    expect(history.undoCount).toBeGreaterThanOrEqual(2);
    expect(history.undoCount).toBeLessThan(20);
    doc = history.undo(doc)!.doc;
    expect(doc.cues[0].text.en).toMatch(/^17 /); // the newest steps are the ones kept
    // One step bigger than the whole limit is still undoable.
    const huge: Operation = { type: 'setText', cueId: 'c1', lang: 'en', text: 'y'.repeat(20_000) };
    history.record(huge, applyOperation(doc, huge).inverse, 1e9);
    expect(history.undoCount).toBe(1);
  });

  it('still caps by count, and the size estimate is close to the JSON size', () => {
    const history = new History(3);
    let doc = sampleDoc();
    for (let i = 0; i < 5; i++) {
      const op: Operation = { type: 'setTimes', cueId: 'c1', start: i, end: 1000 };
      const applied = applyOperation(doc, op);
      doc = applied.doc;
      history.record(op, applied.inverse, 0);
    }
    expect(history.undoCount).toBe(3);
    const op: Operation = { type: 'batch', ops: [{ type: 'setText', cueId: 'c1', lang: 'en', text: '你好'.repeat(500) }, { type: 'deleteCue', cueId: 'c2' }] };
    const json = Buffer.byteLength(JSON.stringify(op));
    expect(estimateOperationBytes(op)).toBeGreaterThanOrEqual(json);
    expect(estimateOperationBytes(op)).toBeLessThan(json * 2 + 400);
  });

  it('round-trips through plain data and keeps behaving the same (coalescing, redo)', () => {
    const history = new History();
    let doc = typeInto(history, sampleDoc(), ['Hello w', 'Hello wo', 'Hello wo ', 'Hello wo a'], 1000, 100);
    doc = history.undo(doc)!.doc;
    const copy = History.fromJSON(JSON.parse(JSON.stringify(history.toJSON())));
    expect(copy.toJSON()).toEqual(history.toJSON());
    expect(copy.estimatedBytes).toBe(history.estimatedBytes);
    const op: Operation = { type: 'setText', cueId: 'c1', lang: 'en', text: 'Hello wox' };
    const applied = applyOperation(doc, op);
    for (const h of [history, copy]) h.record(op, applied.inverse, 1500);
    expect(copy.toJSON()).toEqual(history.toJSON());
    expect(copy.canRedo).toBe(false);
  });
});

describe('history: text committed by an input method', () => {
  /** Records each text of cue c1 in `lang` as its own setText, 100 ms apart (well inside the coalescing window). */
  function typeTexts(history: History, lang: string, texts: string[]): SubtitleDocument {
    let current = sampleDoc();
    texts.forEach((text, i) => {
      const op: Operation = { type: 'setText', cueId: 'c1', lang, text };
      const applied = applyOperation(current, op);
      current = applied.doc;
      history.record(op, applied.inverse, 1000 + i * 100);
    });
    return current;
  }

  function undoneTexts(history: History, doc: SubtitleDocument, lang: string): string[] {
    const seen: string[] = [];
    for (let result = history.undo(doc); result; result = history.undo(result.doc)) seen.push(result.doc.cues[0].text[lang]);
    return seen;
  }

  it('a two-character commit right after Latin typing is its own step', () => {
    const history = new History();
    // "你好" + typed "ab" (one step), then the IME commits 芯片 (two characters: within the length rule).
    const doc = typeTexts(history, 'zh-Hans', ['你好a', '你好ab', '你好ab芯片']);
    expect(undoneTexts(history, doc, 'zh-Hans')).toEqual(['你好ab', '你好']);
  });

  it('typing after a commit does not join the commit, and consecutive commits stay apart', () => {
    const history = new History();
    const doc = typeTexts(history, 'zh-Hans', ['你好卡', '你好卡瓦', '你好卡瓦x', '你好卡瓦xy']);
    expect(undoneTexts(history, doc, 'zh-Hans')).toEqual(['你好卡瓦', '你好卡', '你好']);
  });

  it('kana and hangul commits end a step too; deleting Han characters still coalesces', () => {
    const kana = new History();
    expect(undoneTexts(kana, typeTexts(kana, 'en', ['Helloか', 'Helloかな']), 'en')).toEqual(['Helloか', 'Hello']);
    const hangul = new History();
    expect(undoneTexts(hangul, typeTexts(hangul, 'en', ['Hello한', 'Hello한x']), 'en')).toEqual(['Hello한', 'Hello']);
    // Backspacing through Chinese is one step, as backspacing through Latin is.
    const deleting = new History();
    expect(undoneTexts(deleting, typeTexts(deleting, 'zh-Hans', ['你', '']), 'zh-Hans')).toEqual(['你好']);
  });

  it('Latin typing still coalesces as before', () => {
    const history = new History();
    const doc = typeTexts(history, 'en', ['Hellox', 'Helloxy', 'Helloxyz']);
    expect(undoneTexts(history, doc, 'en')).toEqual(['Hello']);
  });
});
