import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { duosubFormat, parseDuosub, serializeDuosub } from '../../src/shared/formats/duosub';
import { parseTranscript } from '../../src/shared/formats/transcript';
import { FormatError, readSubtitleText } from '../../src/shared/formats/registry';

const sample = readFileSync(
  fileURLToPath(new URL('../../resources/sample/openai-podcast-ep8.zh-en.txt', import.meta.url)),
  'utf8',
);

/** A small valid project, as our writer lays it out, to break one line at a time. */
const small: SubtitleDocument = {
  languages: [
    { code: 'zh-Hans', name: '中文' },
    { code: 'en', name: 'English' },
  ],
  speakers: [{ id: 's0', name: 'Host', color: '#4e79a7' }],
  chapters: [{ start: 0, title: '开场' }],
  media: { path: 'episode.mp3', duration: 60_000 },
  metadata: { title: 'T', untimed: false, custom: { a: 1 } },
  cues: [
    { id: 'c1', start: 0, end: 1000, speaker: 's0', text: { 'zh-Hans': '你好', en: 'Hello' } },
    { id: 'c2', start: 1000, end: 2000, speaker: null, text: { en: 'Bye' } },
  ],
};

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('duosub: round trip', () => {
  it('writes and reads back the imported sample unchanged', () => {
    const { doc } = parseTranscript(sample);
    const text = serializeDuosub(doc);
    const back = parseDuosub(text);
    expect(back.problems).toEqual([]);
    expect(back.doc).toEqual(doc);
    expect(serializeDuosub(back.doc)).toBe(text);
  });

  it('writes a stable key order, one cue per line', () => {
    const text = serializeDuosub(small);
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'languages', 'speakers', 'chapters', 'media', 'metadata', 'cues']);
    expect(lineOf(text, '"id": "c2"')).toBe(lineOf(text, '"id": "c1"') + 1);
    const shuffled = { ...small, metadata: { custom: { a: 1 }, untimed: false, title: 'T' } };
    expect(serializeDuosub(shuffled)).toBe(text);
  });

  it('round-trips arbitrary documents', () => {
    const langs = ['zh-Hans', 'en'];
    const cueArb = fc.record({
      len: fc.integer({ min: 0, max: 10_000 }),
      speaker: fc.constantFrom(null, 's0', 's1'),
      text: fc.dictionary(fc.constantFrom(...langs), fc.string({ unit: 'grapheme', maxLength: 40 })),
    });
    fc.assert(
      fc.property(fc.array(cueArb, { maxLength: 20 }), fc.dictionary(fc.string({ minLength: 1 }).filter((key) => key !== '__proto__'), fc.jsonValue()), (items, meta) => {
        let t = 0;
        const cues = items.map((c, i) => ({ id: `c${i + 1}`, start: t, end: (t += c.len), speaker: c.speaker, text: c.text }));
        const doc: SubtitleDocument = {
          ...small,
          speakers: [small.speakers[0], { id: 's1', name: 'Guest "1"', color: '#123abc' }],
          cues,
          metadata: JSON.parse(JSON.stringify(meta)),
        };
        const back = parseDuosub(serializeDuosub(doc));
        expect(back.problems).toEqual([]);
        expect(back.doc).toEqual(doc);
      }),
    );
  });
});

describe('duosub: a "__proto__" metadata key', () => {
  it('is dropped with a warning, and no object gains a prototype from it', () => {
    const text = serializeDuosub(small).replace('"metadata": {', '"metadata": {"__proto__": {"polluted": true}, ');
    const { doc, problems } = parseDuosub(text);
    expect(problems.map((p) => p.message)).toContain('metadata key "__proto__" is not allowed; ignored');
    expect(Object.keys(doc.metadata)).not.toContain('__proto__');
    expect((doc.metadata as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('duosub: validation', () => {
  const good = serializeDuosub(small);

  it('keeps a cue that ends before it starts, as every reader does, flagged at its own line', () => {
    const text = good.replace('"start": 1000, "end": 2000', '"start": 2000, "end": 1000');
    const { doc, problems } = parseDuosub(text);
    expect(problems).toEqual([{ line: lineOf(text, '"id": "c2"'), message: 'cue c2: ends (1000 ms) before it starts (2000 ms): kept, please fix its times', severity: 'error' }]);
    expect(doc.cues.map((c) => [c.id, c.start, c.end])).toEqual([['c1', 0, 1000], ['c2', 2000, 1000]]);
  });

  it('rejects non-integer milliseconds with the line and the field', () => {
    const text = good.replace('"end": 1000,', '"end": 1000.5,');
    const { problems } = parseDuosub(text);
    expect(problems).toEqual([{ line: lineOf(text, '"id": "c1"'), message: 'cue 1: end: must be whole milliseconds', severity: 'error' }]);
  });

  it('adds unknown languages and speakers with a warning instead of losing text', () => {
    const text = good.replace('"text": {"en": "Bye"}', '"text": {"en": "Bye", "fr": "Salut"}').replace('"speaker": null', '"speaker": "s9"');
    const { doc, problems } = parseDuosub(text);
    const line = lineOf(text, '"id": "c2"');
    expect(problems).toEqual([
      { line, message: 'cue c2: text in "fr", which is not in "languages"; added', severity: 'warning' },
      { line, message: 'cue c2: unknown speaker "s9"; added', severity: 'warning' },
    ]);
    expect(doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en', 'fr']);
    expect(doc.speakers.map((s) => s.id)).toEqual(['s0', 's9']);
  });

  it('warns about an unknown version and reads on; refuses a newer one', () => {
    const old = parseDuosub(good.replace('"version": 1', '"version": 0'));
    expect(old.problems).toEqual([{ line: 3, message: expect.stringContaining('unknown version 0'), severity: 'warning' }]);
    expect(old.doc.cues).toHaveLength(2);
    const newer = good.replace('"version": 1', '"version": 7');
    expect(() => readSubtitleText(newer, 'a.duosub.json')).toThrow('made by a newer Duosub (version 7)');
  });

  it('names the line where invalid JSON breaks', () => {
    const text = good.replace('"end": 1000,', '"end": 1000,,');
    const { problems, doc } = parseDuosub(text);
    expect(doc.cues).toEqual([]);
    expect(problems[0]).toMatchObject({ line: lineOf(text, ',,'), severity: 'error' });
    expect(problems[0].message).toMatch(/^invalid JSON/);
    try {
      readSubtitleText(text, 'p.duosub.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).line).toBe(lineOf(text, ',,'));
    }
  });

  it('replaces a speaker colour that is not #rrggbb', () => {
    const { doc, problems } = parseDuosub(good.replace('#4e79a7', 'red;background:url(x)'));
    expect(doc.speakers[0].color).toMatch(/^#[0-9a-f]{6}$/);
    expect(problems).toHaveLength(1);
  });

  it('is detected by content and by name', () => {
    expect(duosubFormat.detect(good, 'x.json')).toBe(1);
    expect(duosubFormat.detect('{ broken', 'x.duosub.json')).toBeGreaterThan(0.5);
    expect(duosubFormat.detect('{"a": 1}', 'x.json')).toBe(0);
  });
});
