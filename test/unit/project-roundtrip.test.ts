/**
 * Any document the app can hold saves as a project and re-opens equal (issue 11). Documents are made the way the
 * app makes them: a file of any format read by the real readers (with extreme times, any Unicode text, bad language
 * codes), then edited through the real operations with whatever the contract lets the page send.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatById, readSubtitleText, serializeDocument, type FormatId } from '../../src/shared/formats/registry';
import { applyOperation, type Operation } from '../../src/shared/operations';
import { applyLanguageOperation, type LanguageOperation } from '../../src/shared/operations-languages';
import type { Cue, SubtitleDocument } from '../../src/shared/model';

const HOUR = 3_600_000;
/** Times the readers accept: the edge of the old 277-hour cap, 99999 hours (SRT), and the contract's whole range. */
const time = fc.oneof(
  fc.integer({ min: 0, max: 10 * HOUR }),
  fc.constantFrom(0, 999_999_999, 1_000_000_000, 1_000_000_001, 99_999 * HOUR, 9_999_999 * HOUR),
);
/** Any UTF-16 (lone surrogates too), lines, markup, and CJK. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\n', '<i>', '</i>', '{\\an8}', '你', '😀', '&', '-->', '\t', '\u3000'), maxLength: 12 }),
);
const GOOD_CODES = ['en', 'zh-Hans', 'zh-Hant', 'ja', 'pt-BR', 'yue', 'abcdefgh-12345678-abcdefgh-1234567'];
const BAD_CODES = ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'x'.repeat(36), 'en_US', 'a b', '中文'];
const code = fc.oneof(fc.constantFrom(...GOOD_CODES), fc.constantFrom(...BAD_CODES));
const speakerName = fc.oneof(fc.constant(''), fc.constantFrom('Host', '__proto__', 'toString', ' '), fc.string({ unit: 'binary', maxLength: 10 }));

interface Source {
  format: FormatId;
  codes: string[];
  cues: { start: number; length: number; texts: string[]; speaker: string }[];
}

const source: fc.Arbitrary<Source> = fc.record({
  format: fc.constantFrom<FormatId>('srt', 'vtt', 'ass', 'ssa', 'sbv', 'lrc', 'ttml', 'microdvd', 'json', 'transcript', 'duosub'),
  codes: fc.uniqueArray(code, { minLength: 1, maxLength: 3 }),
  cues: fc.array(fc.record({ start: time, length: fc.integer({ min: -2000, max: 5000 }), texts: fc.array(text, { minLength: 3, maxLength: 3 }), speaker: speakerName }), { maxLength: 6 }),
});

/** The source written by its format's own writer (so the file is one that format really has), or null if refused. */
function fileOf(s: Source): string | null {
  const cues: Cue[] = s.cues.map((c, i) => ({
    id: `c${i + 1}`, start: c.start, end: Math.max(0, c.start + c.length), speaker: c.speaker === '' ? null : `s${i}`,
    // Own properties even for `__proto__` (what JSON.parse gives a reader of a hostile file).
    text: Object.fromEntries(s.codes.map((lang, k) => [lang, c.texts[k]])),
  }));
  const doc: SubtitleDocument = {
    languages: s.codes.map((lang) => ({ code: lang, name: lang })),
    cues,
    speakers: s.cues.flatMap((c, i) => (c.speaker === '' ? [] : [{ id: `s${i}`, name: c.speaker, color: '#4e79a7' }])),
    chapters: [],
    media: null,
    metadata: {},
  };
  const format = formatById(s.format);
  try {
    return format.serialize!(doc, format.bilingual ? { langs: s.codes } : { lang: s.codes[0] });
  } catch {
    return null;
  }
}

function read(file: string, format: FormatId): SubtitleDocument | null {
  try {
    return readSubtitleText(file, `file${formatById(format).extensions[0]}`).doc;
  } catch {
    return null;
  }
}

function reopened(doc: SubtitleDocument): SubtitleDocument {
  const project = serializeDocument(doc, 'duosub');
  const again = readSubtitleText(project, 'saved.duosub.json');
  expect(again.problems.filter((p) => p.severity === 'error' && !/please fix its times/.test(p.message))).toEqual([]);
  return again.doc;
}

type Edit =
  | { kind: 'text'; cue: number; lang: number; text: string }
  | { kind: 'times'; cue: number; start: number; end: number }
  /** Auto-time's confidence for the cue's current times (`useCurrent`) or for other times (a stale one). */
  | { kind: 'timing'; cue: number; confidence: number; useCurrent: boolean; start: number; end: number }
  | { kind: 'rename'; lang: number; name: string }
  | { kind: 'recode'; lang: number; to: string }
  | { kind: 'remove'; lang: number };

const contractMs = fc.integer({ min: 0, max: 1_000_000_000 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), cue: fc.nat(), lang: fc.nat(), text: fc.oneof(text, fc.constant('x'.repeat(5000))) }),
  fc.record({ kind: fc.constant('times' as const), cue: fc.nat(), start: contractMs, end: contractMs }),
  fc.record({
    kind: fc.constant('timing' as const), cue: fc.nat(), useCurrent: fc.boolean(), start: contractMs, end: contractMs,
    confidence: fc.oneof(fc.integer({ min: 0, max: 100 }).map((n) => n / 100), fc.double({ min: 0, max: 1, noNaN: true }).map(Math.abs)),
  }),
  fc.record({ kind: fc.constant('rename' as const), lang: fc.nat(), name: fc.string({ unit: 'binary', maxLength: 100 }) }),
  fc.record({ kind: fc.constant('recode' as const), lang: fc.nat(), to: fc.constantFrom(...GOOD_CODES, 'x-private', 'de-CH-1996') }),
  fc.record({ kind: fc.constant('remove' as const), lang: fc.nat() }),
);

/** One edit as the page would send it (the contract's limits), applied by the real operations; refused ones skipped. */
function applyEdit(doc: SubtitleDocument, e: Edit): SubtitleDocument {
  const cue = doc.cues.length ? doc.cues['cue' in e ? e.cue % doc.cues.length : 0] : null;
  const lang = doc.languages.length ? doc.languages[('lang' in e ? e.lang : 0) % doc.languages.length].code : null;
  let op: Operation | LanguageOperation | null = null;
  if (e.kind === 'text' && cue && lang) op = { type: 'setText', cueId: cue.id, lang, text: e.text };
  if (e.kind === 'times' && cue) op = { type: 'setTimes', cueId: cue.id, start: Math.min(e.start, e.end), end: Math.max(e.start, e.end) };
  if (e.kind === 'timing' && cue) {
    const [start, end] = e.useCurrent ? [cue.start, cue.end] : [Math.min(e.start, e.end), Math.max(e.start, e.end)];
    op = { type: 'setTiming', cueId: cue.id, timing: { confidence: e.confidence, start, end } };
  }
  if (e.kind === 'rename' && lang) op = { type: 'renameLanguage', code: lang, name: e.name };
  if (e.kind === 'recode' && lang) op = { type: 'changeLanguageCode', from: lang, to: e.to };
  if (e.kind === 'remove' && lang && doc.languages.length > 1) op = { type: 'removeLanguage', code: lang };
  if (!op) return doc;
  try {
    return 'cueId' in op && (op.type === 'setText' || op.type === 'setTimes' || op.type === 'setTiming') ? applyOperation(doc, op).doc : applyLanguageOperation(doc, op as LanguageOperation).doc;
  } catch {
    return doc; // refused (e.g. a code already in use): the document is unchanged, as in the app
  }
}

describe('project round trip', () => {
  it('every document a reader makes, then edited, saves and re-opens equal', () => {
    let opened = 0;
    fc.assert(
      fc.property(source, fc.array(edit, { maxLength: 6 }), (s, edits) => {
        const file = fileOf(s);
        const doc = file === null ? null : read(file, s.format);
        if (!doc) return;
        opened++;
        expect(reopened(doc)).toEqual(doc);
        const edited = edits.reduce(applyEdit, doc);
        expect(reopened(edited)).toEqual(edited);
      }),
      { numRuns: 400, seed: 11 },
    );
    // Most sources are files a reader opens: the property is not vacuous.
    expect(opened).toBeGreaterThan(200);
  });

  it('a bad code in TTML xml:lang or JSON text keys is a warning at its line, the text kept under a stand-in', () => {
    const ttml = '<tt xmlns="http://www.w3.org/ns/ttml">\n<body>\n<div xml:lang="__proto__">\n<p begin="00:00:01.000" end="00:00:02.000">x</p>\n</div>\n</body>\n</tt>';
    const fromTtml = readSubtitleText(ttml, 'a.ttml');
    expect(fromTtml.doc.cues[0].text).toEqual({ 'und-x-bad': 'x' });
    expect(fromTtml.problems).toEqual([{ line: 4, message: '"__proto__" is not a language code (e.g. en, zh-Hans, pt-BR); read as und-x-bad', severity: 'warning' }]);
    const json = '[\n{"start": 1, "end": 2, "text": {"toString": "t", "en": "e"}}\n]';
    const fromJson = readSubtitleText(json, 'a.json');
    expect(fromJson.doc.languages.map((l) => [l.code, l.name])).toEqual([['und-x-bad', 'Unknown ("toString")'], ['en', 'English']]);
    expect(fromJson.problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('"toString" is not a language code') })]);
    for (const read of [fromTtml, fromJson]) expect(reopened(read.doc)).toEqual(read.doc);
  });

  it('hostile projects: bad codes, `__proto__` keys, empty speaker ids and huge times re-open, and then round-trip', () => {
    const hostile = JSON.stringify({
      format: 'duosub', version: 1,
      languages: [{ code: '__proto__', name: 'P' }, { code: 'toString', name: 'T' }, { code: 'y'.repeat(40), name: 'L' }, { code: 'en', name: 'English' }],
      speakers: [{ id: 's1', name: '__proto__', color: '#123456' }],
      cues: [
        { id: 'c1', start: 99_999 * HOUR, end: 99_999 * HOUR + 1, speaker: '', text: JSON.parse('{"__proto__": "p", "toString": "t", "en": "e"}') },
        { id: 'c2', start: -5, end: 3, speaker: 's1', text: { constructor: 'c' } },
      ],
      metadata: { title: 'x' },
    });
    const first = readSubtitleText(hostile, 'h.duosub.json');
    const codes = first.doc.languages.map((l) => l.code);
    expect(codes).toEqual(['und-x-bad', 'und-x-bad2', 'und-x-bad3', 'en', 'und-x-bad4']);
    expect(first.doc.cues.find((c) => c.id === 'c1')!.text).toEqual({ 'und-x-bad': 'p', 'und-x-bad2': 't', en: 'e' });
    expect(first.doc.cues.find((c) => c.id === 'c1')!.speaker).toBeNull();
    expect(first.problems.map((p) => p.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^"__proto__" is not a language code .*; read as und-x-bad$/),
      'cue c1: empty speaker id; read as no speaker',
    ]));
    expect(first.problems.every((p) => p.line > 0)).toBe(true);
    for (const cue of first.doc.cues) expect(Object.getPrototypeOf(cue.text)).toBe(Object.prototype);
    expect(reopened(first.doc)).toEqual(first.doc);
    for (const format of ['srt', 'vtt', 'ass'] as const) expect(() => serializeDocument(first.doc, format, { lang: 'en' })).not.toThrow();
  });
});
