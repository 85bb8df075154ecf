import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { ExportError, exportDocument } from '../../src/shared/formats/export';
import { readSubtitleText } from '../../src/shared/formats/registry';
import { exportSampleDoc, GOLDEN } from './export-helpers';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/export/${name}`, import.meta.url)), 'utf8');
const doc = exportSampleDoc();
const times = (d: SubtitleDocument) => d.cues.map((c) => [c.start, c.end]);
const texts = (d: SubtitleDocument, lang: string) => d.cues.map((c) => c.text[lang]);
const stacked = (langs: string[]) => doc.cues.map((c) => langs.map((l) => c.text[l]).join('\n'));

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('exportDocument: golden files', () => {
  for (const [name, options] of Object.entries(GOLDEN)) {
    it(`${name} is ${JSON.stringify(options)}`, () => {
      expect(exportDocument(doc, options).text).toBe(fixture(name));
    });
  }

  it('never changes the document (frozen input, same value after every export)', () => {
    const frozen = deepFreeze(exportSampleDoc());
    for (const options of Object.values(GOLDEN)) exportDocument(frozen, options);
    expect(frozen).toEqual(exportSampleDoc());
  });

  it('names the file ending for each format', () => {
    expect(exportDocument(doc, { format: 'duosub' }).extension).toBe('.duosub.json');
    expect(exportDocument(doc, { format: 'chapters-json' }).extension).toBe('.chapters.json');
    expect(exportDocument(doc, { format: 'ass', lang: 'en' }).extension).toBe('.ass');
  });
});

describe('exportDocument: each export read back', () => {
  it('one-language SRT, WebVTT and ASS give that language and the times', () => {
    for (const [name, lang] of [['zh-Hans.srt', 'zh-Hans'], ['en.srt', 'en'], ['en.vtt', 'en'], ['zh-Hans.ass', 'zh-Hans']]) {
      const back = readSubtitleText(fixture(name), name, { lang }).doc;
      expect(back.languages.map((l) => l.code)).toEqual([lang]);
      expect(times(back)).toEqual(times(doc));
      expect(texts(back, lang)).toEqual(texts(doc, lang));
    }
  });

  it('bilingual SRT and WebVTT hold both languages in each cue, in the chosen order', () => {
    const srt = readSubtitleText(fixture('bilingual.srt'), 'a.srt', { lang: 'x' }).doc;
    expect(texts(srt, 'x')).toEqual(stacked(['zh-Hans', 'en']));
    expect(times(srt)).toEqual(times(doc));
    const enFirst = readSubtitleText(fixture('bilingual.en-first.srt'), 'a.srt', { lang: 'x' }).doc;
    expect(texts(enFirst, 'x')).toEqual(stacked(['en', 'zh-Hans']));
    const bomCrlf = readSubtitleText(fixture('bilingual.crlf-bom.srt'), 'a.srt', { lang: 'x' }).doc;
    expect(bomCrlf.cues).toEqual(srt.cues);
    // WebVTT names each language (<lang> spans), so it reads back as the two languages whatever `lang` says.
    const vtt = readSubtitleText(fixture('bilingual.vtt'), 'a.vtt', { lang: 'x' }).doc;
    expect(vtt.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(vtt.cues.map((c) => c.text)).toEqual(doc.cues.map((c) => c.text));
  });

  it('bilingual ASS reads back as the same two languages, times and speakers', () => {
    for (const name of ['bilingual.ass', 'bilingual.en-first.ass']) {
      const back = readSubtitleText(fixture(name), name);
      expect(back.format).toBe('ass');
      expect(back.problems).toEqual([]);
      expect(times(back.doc)).toEqual(times(doc));
      for (const lang of ['zh-Hans', 'en']) expect(texts(back.doc, lang)).toEqual(texts(doc, lang));
      const names = (d: SubtitleDocument) => d.cues.map((c) => d.speakers.find((s) => s.id === c.speaker)?.name);
      expect(names(back.doc)).toEqual(names(doc));
    }
    expect(readSubtitleText(fixture('bilingual.en-first.ass'), 'a.ass').doc.languages.map((l) => l.code)).toEqual(['en', 'zh-Hans']);
  });

  it('the transcript reads back with the same turns, speakers, header and chapters', () => {
    const back = readSubtitleText(fixture('bilingual.txt'), 'a.txt');
    expect(back.format).toBe('transcript');
    expect(back.problems).toEqual([]);
    for (const lang of ['zh-Hans', 'en']) expect(texts(back.doc, lang)).toEqual(texts(doc, lang));
    expect(back.doc.speakers.map((s) => s.name)).toEqual(['Speaker 0', 'Speaker 1']);
    const { title, episode, description } = back.doc.metadata;
    expect({ title, episode, description }).toEqual(doc.metadata);
    expect(back.doc.chapters).toEqual(doc.chapters);
    const en = readSubtitleText(fixture('en.txt'), 'a.txt').doc;
    expect(texts(en, 'en')).toEqual(texts(doc, 'en'));
  });

  it('the project file reads back as the whole document', () => {
    expect(readSubtitleText(fixture('project.duosub.json'), 'a.duosub.json').doc).toEqual(doc);
  });

  it('JSON chapters are Podcasting 2.0 chapters in seconds', () => {
    expect(JSON.parse(fixture('chapters.json'))).toEqual({
      version: '1.2.0',
      chapters: [{ startTime: 0, title: '开场' }, { startTime: 4, title: '合作' }],
    });
  });
});

describe('exportDocument: options that do not fit', () => {
  it('rejects a language or an order the document does not have, as ExportError', () => {
    expect(() => exportDocument(doc, { format: 'srt', lang: 'fr' })).toThrow(ExportError);
    expect(() => exportDocument(doc, { format: 'ass', order: ['en', 'fr'] })).toThrow(/no language "fr"/);
    expect(() => exportDocument(doc, { format: 'vtt', order: ['en', 'en'] })).toThrow(/twice/);
  });

  it('a one-language document exports that language without being asked', () => {
    const en: SubtitleDocument = { ...doc, languages: [{ code: 'en', name: 'English' }] };
    expect(exportDocument(en, { format: 'srt' }).text).toBe(fixture('en.srt'));
  });

  it('an order naming one language writes only that language', () => {
    expect(exportDocument(doc, { format: 'srt', order: ['en'] }).text).toBe(fixture('en.srt'));
  });
});
