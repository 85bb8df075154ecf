/**
 * Every format that writes two languages in one file must read its own bilingual export back as the same
 * document: cue count, times (to the format's precision), both texts and the language order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportDocument, SUBTITLE_EXPORTS, type ExportFormat } from '../../src/shared/formats/export';
import { formats, readSubtitleText } from '../../src/shared/formats/registry';
import type { Cue, SubtitleDocument } from '../../src/shared/model';

/** How far a time may move through a format: ASS/SSA/LRC write centiseconds, MicroDVD frames (23.976 fps). */
const PRECISION_MS: Partial<Record<ExportFormat, number>> = { ass: 10, ssa: 10, lrc: 10, microdvd: Math.ceil(1000 / 23.976) };

const EXTENSION: Record<string, string> = { microdvd: '.sub', json: '.json', ttml: '.ttml' };

const bilingualFormats = formats
  .filter((f) => f.bilingual && f.serialize && (SUBTITLE_EXPORTS as readonly string[]).includes(f.id))
  .map((f) => f.id as ExportFormat);

const HAN = Array.from('们这说个来时会为对国大家好欢迎收听今天我们聊字幕芯片开始谢谢问题觉得真快已经小时电影翻译检查数据规则');
const PUNCT = ['，', '。', '？', '——', '“引号”', '！'];
const NAMES = ['OpenAI', 'GPU', 'Claude', 'TPU'];
const WORDS = ['hello', 'and', 'welcome', 'today', 'we', 'talk', 'about', 'subtitles', 'chips', 'thank', 'you', "let's", 'begin', 'OK'];
const CHINESE_NAMES = ['萨姆', '小明', '阿尔'];

/** A Chinese line: Han characters, maybe punctuation and one Latin name (still more Han than Latin words). */
const zhLine = fc.tuple(
  fc.array(fc.constantFrom(...HAN), { minLength: 2, maxLength: 14 }),
  fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
  fc.option(fc.constantFrom(...PUNCT), { nil: undefined }),
).map(([han, name, punct]) => {
  const half = Math.ceil(han.length / 2);
  return han.slice(0, half).join('') + (name ?? '') + han.slice(half).join('') + (punct ?? '');
});

/** An English line: words, maybe one two-character Chinese name (still more Latin words than Han). */
const enLine = fc.tuple(
  fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 9 }),
  fc.option(fc.constantFrom(...CHINESE_NAMES), { nil: undefined }),
).map(([words, name]) => {
  const out = [...words];
  if (name) out.splice(1, 0, name);
  const line = out.join(' ');
  return line[0].toUpperCase() + line.slice(1) + '.';
});

const text = (line: fc.Arbitrary<string>) => fc.array(line, { minLength: 1, maxLength: 2 }).map((l) => l.join('\n'));

interface CueSpec {
  gap: number;
  duration: number;
  zh: string;
  en: string;
  /** 0: both languages; 1: Chinese only; 2: English only (only on every fifth cue, so most cues hold both). */
  only: number;
}

const cueSpec: fc.Arbitrary<CueSpec> = fc.record({
  gap: fc.integer({ min: 0, max: 3000 }),
  duration: fc.integer({ min: 500, max: 6000 }),
  zh: text(zhLine),
  en: text(enLine),
  only: fc.constantFrom(0, 0, 1, 2),
});

const bilingualDoc: fc.Arbitrary<SubtitleDocument> = fc.tuple(
  fc.array(cueSpec, { minLength: 1, maxLength: 25 }),
  fc.constantFrom(['zh-Hans', 'en'], ['en', 'zh-Hans']),
  fc.integer({ min: 0, max: 3_600_000 }),
).map(([specs, order, offset]) => {
  let at = offset;
  const cues = specs.map((s, i): Cue => {
    const start = at + s.gap;
    at = start + s.duration;
    const only = i % 5 === 4 ? s.only : 0;
    const cueText: Record<string, string> = {};
    if (only !== 2) cueText['zh-Hans'] = s.zh;
    if (only !== 1) cueText.en = s.en;
    return { id: `c${i + 1}`, start, end: at, speaker: null, text: cueText };
  });
  const names: Record<string, string> = { 'zh-Hans': '中文', en: 'English' };
  return { languages: order.map((code) => ({ code, name: names[code] })), cues, speakers: [], chapters: [], media: null, metadata: {} };
});

function expectSameDocument(back: SubtitleDocument, doc: SubtitleDocument, precision: number): void {
  expect(back.languages.map((l) => l.code)).toEqual(doc.languages.map((l) => l.code));
  expect(back.cues).toHaveLength(doc.cues.length);
  back.cues.forEach((cue, i) => {
    const want = doc.cues[i];
    expect(Math.abs(cue.start - want.start), `start of cue ${i + 1}`).toBeLessThanOrEqual(precision);
    expect(Math.abs(cue.end - want.end), `end of cue ${i + 1}`).toBeLessThanOrEqual(precision);
    for (const lang of ['zh-Hans', 'en']) expect(cue.text[lang] ?? '', `${lang} of cue ${i + 1}`).toBe(want.text[lang] ?? '');
  });
}

describe('bilingual exports re-open as the same document', () => {
  it('covers the bilingual formats of the registry', () => {
    expect(bilingualFormats).toContain('srt');
  });

  for (const format of bilingualFormats) {
    it(`${format}: generated zh-Hans/en documents`, () => {
      fc.assert(
        fc.property(bilingualDoc, (doc) => {
          const exported = exportDocument(doc, { format });
          const back = readSubtitleText(exported.text, `film${EXTENSION[format] ?? exported.extension}`);
          expect(back.format).toBe(format);
          expectSameDocument(back.doc, doc, PRECISION_MS[format] ?? 0);
        }),
        { numRuns: 40 },
      );
    });
  }
});
