import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyOperation, changesCueList, OperationError, type Operation } from '../../src/shared/operations';
import { isLanguageCode, replacementOf } from '../../src/shared/operations-languages';
import { contract } from '../../src/shared/api';
import type { Cue, SubtitleDocument } from '../../src/shared/model';

function cue(id: string, start: number, text: Record<string, string>): Cue {
  return { id, start, end: start + 900, speaker: null, text };
}

function bilingual(): SubtitleDocument {
  return {
    languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
    cues: [
      cue('c1', 0, { 'zh-Hans': '萨姆·奥尔特曼谈“芯片”', en: 'Sam Altman on chips' }),
      cue('c2', 1000, { 'zh-Hans': '——我们需要更多算力。' }),
      cue('c3', 2000, { en: 'More compute.', 'zh-Hans': '更多算力。' }),
    ],
    speakers: [],
    chapters: [],
    media: null,
    metadata: { qcProfiles: { en: 'netflix-en' } },
  };
}

/** Applies `op`, then its inverse: the document must come back exactly (same JSON, key order included). */
function roundTrip(doc: SubtitleDocument, op: Operation): SubtitleDocument {
  const applied = applyOperation(doc, op);
  const undone = applyOperation(applied.doc, applied.inverse);
  expect(JSON.stringify(undone.doc)).toBe(JSON.stringify(doc));
  // Redo from the undone document gives the same result again.
  expect(JSON.stringify(applyOperation(undone.doc, op).doc)).toBe(JSON.stringify(applied.doc));
  return applied.doc;
}

describe('language operations', () => {
  it('renames a language and undoes it', () => {
    const next = roundTrip(bilingual(), { type: 'renameLanguage', code: 'en', name: '英文' });
    expect(next.languages[1]).toEqual({ code: 'en', name: '英文' });
    expect(() => applyOperation(bilingual(), { type: 'renameLanguage', code: 'fr', name: 'x' })).toThrow(/no language fr/);
  });

  it('changes a code: every text moves in place, cues without that language stay the same objects', () => {
    const doc = bilingual();
    const next = roundTrip(doc, { type: 'changeLanguageCode', from: 'en', to: 'en-GB' });
    expect(next.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en-GB']);
    expect(next.cues[0].text).toEqual({ 'zh-Hans': '萨姆·奥尔特曼谈“芯片”', 'en-GB': 'Sam Altman on chips' });
    expect(Object.keys(next.cues[2].text)).toEqual(['en-GB', 'zh-Hans']);
    expect(next.cues[1]).toBe(doc.cues[1]);
  });

  it('changes a code together with its display name, and the inverse gives the old name back', () => {
    const doc = bilingual();
    const { doc: next, inverse } = applyOperation(doc, { type: 'changeLanguageCode', from: 'zh-Hans', to: 'zh-Hant', name: '繁體' });
    expect(next.languages[0]).toEqual({ code: 'zh-Hant', name: '繁體' });
    expect(applyOperation(next, inverse).doc.languages[0]).toEqual({ code: 'zh-Hans', name: '中文' });
  });

  it('refuses a code already used, an invalid code and object-prototype names', () => {
    const doc = bilingual();
    expect(() => applyOperation(doc, { type: 'changeLanguageCode', from: 'en', to: 'zh-Hans' })).toThrow(/already has a language zh-Hans/);
    for (const bad of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '', 'en_US', 'e n', '-en', 'x'.repeat(36)]) {
      expect(() => applyOperation(doc, { type: 'changeLanguageCode', from: 'en', to: bad }), bad).toThrow(OperationError);
    }
    expect(Object.getPrototypeOf(doc.cues[0].text)).toBe(Object.prototype);
  });

  it('swaps the order and back', () => {
    const next = roundTrip(bilingual(), { type: 'setLanguageOrder', codes: ['en', 'zh-Hans'] });
    expect(next.languages.map((l) => l.code)).toEqual(['en', 'zh-Hans']);
    for (const codes of [['en'], ['en', 'en'], ['en', 'fr'], ['en', 'zh-Hans', 'fr']]) {
      expect(() => applyOperation(bilingual(), { type: 'setLanguageOrder', codes })).toThrow(/each language once/);
    }
  });

  it('removes a language with every text in it, and the inverse restores them exactly', () => {
    const doc = bilingual();
    const next = roundTrip(doc, { type: 'removeLanguage', code: 'zh-Hans' });
    expect(next.languages).toEqual([{ code: 'en', name: 'English' }]);
    expect(next.cues.map((c) => c.text)).toEqual([{ en: 'Sam Altman on chips' }, {}, { en: 'More compute.' }]);
    expect(next.cues).toHaveLength(3);
  });

  it('keeps the last language', () => {
    const one = applyOperation(bilingual(), { type: 'removeLanguage', code: 'en' }).doc;
    expect(() => applyOperation(one, { type: 'removeLanguage', code: 'zh-Hans' })).toThrow(/at least one language/);
  });

  it('replaces document parts as one step whose inverse restores the document', () => {
    const doc = bilingual();
    const after: SubtitleDocument = {
      ...doc,
      languages: [...doc.languages, { code: 'fr', name: 'Français' }],
      cues: [...doc.cues.map((c) => ({ ...c, text: { ...c.text, fr: 'Bonjour' } })), cue('c4', 5000, { fr: 'Seul' })],
    };
    const op = replacementOf(doc, after, 'Add fr');
    expect(Object.keys(op.type === 'replaceContent' ? op.content : {})).toEqual(['languages', 'cues']);
    expect(changesCueList(op)).toBe(true);
    expect(roundTrip(doc, op)).toEqual(after);
  });

  it('refuses a replacement that would leave duplicate cue ids or languages', () => {
    const doc = bilingual();
    expect(() => applyOperation(doc, { type: 'replaceContent', content: { cues: [doc.cues[0], doc.cues[0]] } })).toThrow(/same id/);
    expect(() => applyOperation(doc, { type: 'replaceContent', content: { languages: [doc.languages[1], doc.languages[1]] } })).toThrow(/twice/);
  });

  it('undoes any sequence of language operations exactly (property)', () => {
    const codes = ['zh-Hans', 'en', 'ja', 'fr-CA'];
    const arbOp: fc.Arbitrary<Operation> = fc.oneof(
      fc.record({ type: fc.constant('renameLanguage' as const), code: fc.constantFrom(...codes), name: fc.string({ maxLength: 8 }) }),
      fc.record({ type: fc.constant('changeLanguageCode' as const), from: fc.constantFrom(...codes), to: fc.constantFrom(...codes, 'ko') }),
      fc.record({ type: fc.constant('setLanguageOrder' as const), codes: fc.shuffledSubarray(codes, { minLength: 2, maxLength: 2 }) }),
      fc.record({ type: fc.constant('removeLanguage' as const), code: fc.constantFrom(...codes) }),
    );
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 12 }), (ops) => {
        const start = bilingual();
        let doc = start;
        const inverses: Operation[] = [];
        for (const op of ops) {
          try {
            const applied = applyOperation(doc, op);
            doc = applied.doc;
            inverses.unshift(applied.inverse);
          } catch (error) {
            if (!(error instanceof OperationError)) throw error;
          }
        }
        for (const inverse of inverses) doc = applyOperation(doc, inverse).doc;
        expect(JSON.stringify(doc)).toBe(JSON.stringify(start));
      }),
      { numRuns: 300 },
    );
  });
});

describe('language codes', () => {
  it('accepts BCP 47-shaped codes', () => {
    for (const code of ['zh', 'zh-Hans', 'zh-Hant-TW', 'en', 'en-GB', 'yue', 'es-419', 'x-klingon'.replace('x-', 'tlh-')]) {
      expect(isLanguageCode(code), code).toBe(true);
    }
  });

  it('rejects keys that break plain objects, in the operation schema too', () => {
    const schema = contract['doc.apply'].args;
    const apply = (op: unknown) => schema.safeParse({ docId: 'd1', op }).success;
    expect(apply({ type: 'changeLanguageCode', from: 'en', to: 'en-GB' })).toBe(true);
    expect(apply({ type: 'renameLanguage', code: 'en', name: '英文' })).toBe(true);
    expect(apply({ type: 'setLanguageOrder', codes: ['en', 'zh-Hans'] })).toBe(true);
    expect(apply({ type: 'removeLanguage', code: 'en' })).toBe(true);
    for (const to of ['__proto__', 'constructor', 'toString', 'en us', 'x'.repeat(36), '']) {
      expect(apply({ type: 'changeLanguageCode', from: 'en', to }), to).toBe(false);
    }
    // Only main builds these: the renderer cannot send a whole document or a restore.
    expect(apply({ type: 'replaceContent', content: {} })).toBe(false);
    expect(apply({ type: 'restoreLanguage', language: { code: 'en', name: '' }, index: 0, texts: [] })).toBe(false);
    const add = contract['doc.addLanguage'].args;
    expect(add.safeParse({ docId: 'd1', source: { kind: 'upload', uploadId: 'u1' }, lang: 'en' }).success).toBe(true);
    expect(add.safeParse({ docId: 'd1', source: { kind: 'upload', uploadId: 'u1' }, lang: 'toString' }).success).toBe(false);
  });
});
