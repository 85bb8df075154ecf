import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { exportDocument } from '../../src/shared/formats/export';
import { jsonCuesFormat, parseJsonCues, serializeJsonCues } from '../../src/shared/formats/json-cues';
import { serializeDuosub } from '../../src/shared/formats/duosub';
import { detectFormat, FormatError, readSubtitleText } from '../../src/shared/formats/registry';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/formats/json/${name}`, import.meta.url)), 'utf8');

function doc(cueList: SubtitleDocument['cues'], codes: string[], speakers: SubtitleDocument['speakers'] = []): SubtitleDocument {
  return { languages: codes.map((code) => ({ code, name: code })), cues: cueList, speakers, chapters: [], media: null, metadata: {} };
}

describe('json: reading', () => {
  it('reads a bilingual cue list with speakers as a document in the languages it names', () => {
    const read = readSubtitleText(fixture('bilingual.json'), 'talk.json');
    expect(read.format).toBe('json');
    expect(read.problems).toEqual([]);
    expect(read.languagesFromFile).toBe(true);
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.speakers.map((s) => [s.id, s.name])).toEqual([['s1', '主持人'], ['s2', 'Sam Altman']]);
    expect(read.doc.cues.map((c) => [c.start, c.end, c.speaker, c.text['zh-Hans'], c.text.en])).toEqual([
      [0, 2500, 's1', '欢迎收听本期节目。', 'Welcome to this episode.'],
      [2500, 6120, 's1', '今天的嘉宾是萨姆·奥尔特曼——', "Today's guest is Sam Altman —"],
      [6120, 9000, 's2', '我们聊聊“芯片”。', 'We talk about "chips".'],
      [9000, 10000, null, undefined, undefined],
    ]);
  });

  it('reads seconds when a time has a fraction (Whisper), keeps other fields, guesses the language', () => {
    const read = readSubtitleText(fixture('whisper.json'), 'w.json');
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans']);
    expect(read.doc.cues.map((c) => [c.start, c.end, c.extra])).toEqual([
      [0, 2500, { json: { id: 0 } }],
      [2500, 6120, { json: { id: 1 } }],
      [6120, 9000, { json: { id: 2 } }],
    ]);
    expect(serializeJsonCues(read.doc)).toContain('{"start":2500,"end":6120,"text":"今天的嘉宾是萨姆·奥尔特曼——","id":1}');
  });

  it('reads a messy list leniently, each skipped cue a problem at its own line', () => {
    const { doc: d, problems } = parseJsonCues(fixture('messy.json'), 'en');
    expect(d.cues.map((c) => [c.start, c.end, c.text.en])).toEqual([
      [1000, 2000, 'ok'],
      [5000, 4000, 'reversed'],
      [6000, 7500, 'time codes'],
    ]);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[3, 'error'], [4, 'error'], [5, 'error'], [7, 'error']]);
    expect(problems[2].message).toContain('ends before it starts');
  });

  it('names the line where broken JSON stops, and reads nothing from it', () => {
    const { doc: d, problems } = parseJsonCues('[\n  {"start": 1, "end": 2, "text": "a"},\n  {"start": 3,, }\n]', 'en');
    expect(d.cues).toEqual([]);
    expect(problems).toEqual([{ line: 3, message: expect.stringContaining('not valid JSON'), severity: 'error' }]);
    expect(() => readSubtitleText('[{"start": ', 'a.json')).toThrow(FormatError);
  });

  it('leaves a Duosub project to its own reader', () => {
    const project = serializeDuosub(doc([{ id: 'c1', start: 0, end: 1000, speaker: null, text: { en: 'hi' } }], ['en']));
    expect(jsonCuesFormat.detect(project, 'p.duosub.json')).toBe(0);
    expect(jsonCuesFormat.detect(project, 'p.json')).toBe(0);
    expect(detectFormat(project, 'p.json')?.id).toBe('duosub');
    expect(jsonCuesFormat.detect('{"cues": []}', 'a.json')).toBe(0);
    expect(jsonCuesFormat.detect(fixture('bilingual.json'), 'a.txt')).toBeGreaterThan(0.5);
    expect(jsonCuesFormat.detect('[1, 2, 3]', 'a.txt')).toBe(0);
  });

  it('stays linear on a 10 MB text and a million empty cues', () => {
    const long = parseJsonCues(JSON.stringify([{ start: 0, end: 1, text: '长'.repeat(5_000_000) }]), 'zh');
    expect(long.doc.cues[0].text.zh).toHaveLength(5_000_000);
    const many = '[' + '{"start":0,"end":0,"text":""},'.repeat(999_999) + '{"start":0,"end":0,"text":""}]';
    expect(parseJsonCues(many, 'en').doc.cues).toHaveLength(1_000_000);
  });
});

describe('json: writing', () => {
  const speakers = [{ id: 'sam', name: '萨姆·奥尔特曼', color: '#4e79a7' }];
  const bilingual = doc(
    [
      { id: 'a', start: 1000, end: 2000, speaker: 'sam', text: { 'zh-Hans': '<i>你好</i>', en: '{\\i1}Hello' } },
      { id: 'b', start: 2000, end: 3000, speaker: null, text: {} },
      { id: 'c', start: 3000, end: 4000, speaker: null, text: { en: 'English only' } },
    ],
    ['zh-Hans', 'en'],
    speakers,
  );

  it('writes one cue per line: a string for one language, an object for several, SRT-style markup', () => {
    expect(serializeJsonCues(bilingual, { langs: ['zh-Hans', 'en'] })).toBe(
      '[\n' +
        '  {"start":1000,"end":2000,"text":{"zh-Hans":"<i>你好</i>","en":"Hello"},"speaker":"萨姆·奥尔特曼"},\n' +
        '  {"start":2000,"end":3000,"text":{}},\n' +
        '  {"start":3000,"end":4000,"text":{"en":"English only"}}\n]\n',
    );
    expect(serializeJsonCues(bilingual, { lang: 'zh-Hans' })).toContain('{"start":3000,"end":4000,"text":""}');
    expect(serializeJsonCues(doc([], ['en']))).toBe('[]\n');
  });

  it('round-trips a bilingual document through the registry, and exports by id', () => {
    const { text, extension } = exportDocument(bilingual, { format: 'json' });
    expect(extension).toBe('.json');
    const read = readSubtitleText(text, 'out.json');
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.speakers.map((s) => s.name)).toEqual(['萨姆·奥尔特曼']);
    expect(read.doc.cues.map((c) => [c.start, c.end, c.text])).toEqual([
      [1000, 2000, { 'zh-Hans': '<i>你好</i>', en: 'Hello' }],
      [2000, 3000, {}],
      [3000, 4000, { en: 'English only' }],
    ]);
  });

  it('round-trips any document exactly: cues, times, texts (property)', () => {
    const text = fc.string({ unit: fc.constantFrom(...'萨姆芯片“”——, abcXYZ\n\\"}>&'.split('')), maxLength: 20 });
    const cue = fc.record({ start: fc.integer({ min: -5_000, max: 360_000_000 }), len: fc.integer({ min: -100, max: 9_000 }), zh: text, en: text });
    fc.assert(
      fc.property(fc.array(cue, { maxLength: 15 }), (items) => {
        const sorted = [...items].sort((a, b) => a.start - b.start || a.len - b.len);
        const d = doc(sorted.map((c, i) => ({ id: `c${i}`, start: c.start, end: c.start + c.len, speaker: null, text: { zh: c.zh, en: c.en } })), ['zh', 'en']);
        const back = parseJsonCues(serializeJsonCues(d, { langs: ['zh', 'en'] }), 'x');
        expect(back.doc.cues.map((c) => [c.start, c.end, c.text])).toEqual(d.cues.map((c) => [c.start, c.end, c.text]));
        const single = parseJsonCues(serializeJsonCues(d, { lang: 'en' }), 'en');
        expect(single.doc.cues.map((c) => c.text.en)).toEqual(d.cues.map((c) => c.text.en));
      }),
    );
  });
});
