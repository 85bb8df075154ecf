/** Subtitle-sized cues from turns: the limits, hand-made turns, and the whole sample. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planSubtitleCues, splitToFit, type PlannedCue } from '../../src/shared/align/build-cues';
import { DEFAULT_CUE_LIMITS, breakLines, charsPerLine, fits } from '../../src/shared/align/limits';
import { CommandError } from '../../src/shared/plan/errors';
import { parseTranscript } from '../../src/shared/formats/transcript';
import type { SubtitleDocument } from '../../src/shared/model';
import { EN, ZH, makeDoc } from './commands-helpers';

function sample(): SubtitleDocument {
  const text = readFileSync(new URL('../../resources/sample/openai-podcast-ep8.zh-en.txt', import.meta.url), 'utf8');
  return parseTranscript(text).doc;
}

const squash = (text: string) => text.replace(/\s+/gu, '');
const fitsAll = (cue: PlannedCue) => Object.entries(cue.text).every(([lang, text]) => fits(text, lang, DEFAULT_CUE_LIMITS));

describe('limits', () => {
  it('has the Netflix figures and falls back by language family', () => {
    expect(DEFAULT_CUE_LIMITS).toEqual({ charsPerLine: { en: 42, 'zh-Hans': 16 }, maxLines: 2, maxDurationMs: 7000, minDurationMs: 833 });
    expect(charsPerLine(DEFAULT_CUE_LIMITS, 'zh-Hant')).toBe(16);
    expect(charsPerLine(DEFAULT_CUE_LIMITS, 'en-GB')).toBe(42);
    expect(charsPerLine(DEFAULT_CUE_LIMITS, 'ja')).toBe(16);
    expect(charsPerLine(DEFAULT_CUE_LIMITS, 'fr')).toBe(42);
  });

  it('breaks English at word boundaries within the line length', () => {
    const text = 'We have been working together for about the last eighteen months on a new chip.';
    const lines = breakLines(text, EN, 42);
    expect(lines).toEqual(['We have been working together for about', 'the last eighteen months on a new chip.']);
    expect(fits(text, EN)).toBe(true);
    expect(fits(`${text} Really.`, EN)).toBe(false);
    expect(fits('x'.repeat(43), EN)).toBe(false);
  });

  it('counts a CJK character as one and never breaks inside a Latin word', () => {
    expect(fits('一'.repeat(32), ZH)).toBe(true);
    expect(fits('一'.repeat(33), ZH)).toBe(false);
    expect(breakLines(`${'一'.repeat(14)}OpenAI播客`, ZH, 16)).toEqual(['一'.repeat(14), 'OpenAI播客']);
  });
});

describe('splitToFit', () => {
  it('cuts both languages at matching clauses', () => {
    const texts = {
      [ZH]: '明年年底我们将开始部署十吉瓦规模的机架系统,这将是服务于全球先进智能需求的庞大计算基础设施。',
      [EN]: 'And late next year we will start deploying ten gigawatts of these racks, which is a gigantic amount of computing infrastructure.',
    };
    expect(splitToFit(texts, [ZH, EN], DEFAULT_CUE_LIMITS)).toEqual([
      { [ZH]: '明年年底我们将开始部署十吉瓦规模的机架系统,', [EN]: 'And late next year we will start deploying ten gigawatts of these racks,' },
      { [ZH]: '这将是服务于全球先进智能需求的庞大计算基础设施。', [EN]: 'which is a gigantic amount of computing infrastructure.' },
    ]);
  });

  it('falls back to a word boundary when the long language has no clause', () => {
    const texts = { [ZH]: '过去十八个月里,我们共同设计了一款新型定制芯片。', [EN]: "We've been working together for about the last eighteen months designing a new custom chip." };
    const parts = splitToFit(texts, [ZH, EN], DEFAULT_CUE_LIMITS);
    expect(parts).toHaveLength(2);
    expect(parts[0][ZH]).toBe('过去十八个月里,');
    for (const part of parts) expect(fits(part[EN], EN)).toBe(true);
  });

  it('leaves a text that fits, or one that cannot cut, whole', () => {
    expect(splitToFit({ [ZH]: '好。', [EN]: 'Yes.' }, [ZH, EN], DEFAULT_CUE_LIMITS)).toEqual([{ [ZH]: '好。', [EN]: 'Yes.' }]);
    const word = { [ZH]: '', [EN]: 'x'.repeat(100) };
    expect(splitToFit(word, [ZH, EN], DEFAULT_CUE_LIMITS)).toEqual([word]);
  });
});

describe('planSubtitleCues on hand-made documents', () => {
  it('makes one cue per bead, keeping speaker and source id, with the spoken text', () => {
    const doc = makeDoc([[0, 0, '你好。我很好。', 'Hello. I am fine.', 's1'], [0, 0, '再见。', 'Bye.', 's2']]);
    expect(planSubtitleCues(doc, 'all', EN)).toEqual([
      { sourceCueId: 'c1', speaker: 's1', text: { [ZH]: '你好。', [EN]: 'Hello.' }, spoken: 'Hello.' },
      { sourceCueId: 'c1', speaker: 's1', text: { [ZH]: '我很好。', [EN]: 'I am fine.' }, spoken: 'I am fine.' },
      { sourceCueId: 'c2', speaker: 's2', text: { [ZH]: '再见。', [EN]: 'Bye.' }, spoken: 'Bye.' },
    ]);
    expect(planSubtitleCues(doc, ['c2'], ZH)).toEqual([{ sourceCueId: 'c2', speaker: 's2', text: { [ZH]: '再见。', [EN]: 'Bye.' }, spoken: '再见。' }]);
  });

  it('keeps a pinned turn whole, marked pinned', () => {
    const doc = makeDoc([[1000, 9000, '你好。我很好。', 'Hello. I am fine.']]);
    doc.cues[0].pinned = true;
    expect(planSubtitleCues(doc, 'all', EN)).toEqual([
      { sourceCueId: 'c1', speaker: null, text: { [ZH]: '你好。我很好。', [EN]: 'Hello. I am fine.' }, spoken: 'Hello. I am fine.', pinned: true },
    ]);
  });

  it('gives sentences without a counterpart cues with the other language empty', () => {
    const doc = makeDoc([[0, 0, '', 'One. Two.']]);
    expect(planSubtitleCues(doc, 'all', EN).map((c) => c.text)).toEqual([{ [ZH]: '', [EN]: 'One.' }, { [ZH]: '', [EN]: 'Two.' }]);
  });

  it('keeps a turn without any text as one cue', () => {
    const doc = makeDoc([[0, 0, '', ' ']]);
    expect(planSubtitleCues(doc, 'all', EN)).toEqual([{ sourceCueId: 'c1', speaker: null, text: { [ZH]: '', [EN]: ' ' }, spoken: ' ' }]);
  });

  it('treats other languages generically and places a third language with its pair', () => {
    const doc: SubtitleDocument = {
      ...makeDoc([]),
      languages: [{ code: 'ja', name: '日本語' }, { code: 'fr', name: 'Français' }, { code: 'de', name: 'Deutsch' }],
      cues: [{ id: 'c1', start: 0, end: 0, speaker: null, text: { ja: 'こんにちは。元気ですか？', fr: 'Bonjour. Ça va?', de: 'Hallo. Wie geht es?' } }],
    };
    expect(planSubtitleCues(doc, 'all', 'fr').map((c) => c.text)).toEqual([
      { ja: 'こんにちは。', fr: 'Bonjour.', de: 'Hallo.' },
      { ja: '元気ですか？', fr: 'Ça va?', de: 'Wie geht es?' },
    ]);
  });

  it('refuses a spoken language the document does not have', () => {
    expect(() => planSubtitleCues(makeDoc([[0, 0, '好。', 'Yes.']]), 'all', 'de')).toThrow(CommandError);
  });
});

describe('planSubtitleCues on the sample transcript', () => {
  const doc = sample();
  const planned = planSubtitleCues(doc, 'all', EN);

  it('covers every turn, in order', () => {
    const sources = [...new Set(planned.map((p) => p.sourceCueId))];
    expect(sources).toEqual(doc.cues.map((c) => c.id));
    const firstIndex = planned.map((p) => doc.cues.findIndex((c) => c.id === p.sourceCueId));
    expect(firstIndex).toEqual([...firstIndex].sort((a, b) => a - b));
    // 559 with the Netflix limits (at most 84 English / 32 Chinese characters per cue); ~5.7 cues a turn.
    expect(planned.length).toBeGreaterThan(500);
    expect(planned.length).toBeLessThan(620);
  });

  it('gives back each turn when its cues are joined again (modulo whitespace)', () => {
    for (const cue of doc.cues) {
      const parts = planned.filter((p) => p.sourceCueId === cue.id);
      for (const lang of [ZH, EN]) expect(squash(parts.map((p) => p.text[lang]).join(''))).toBe(squash(cue.text[lang] ?? ''));
      for (const p of parts) expect(p.spoken).toBe(p.text[EN]);
      for (const p of parts) expect(p.speaker).toBe(cue.speaker);
    }
  });

  it('fits every cue in the limits, except single unsplittable words (none in the sample)', () => {
    const over = planned.filter((p) => !fitsAll(p));
    for (const p of over) {
      for (const [lang, text] of Object.entries(p.text)) if (!fits(text, lang)) expect(text.trim()).not.toMatch(/\s/u);
    }
    expect(over).toHaveLength(0);
  });

  it('leaves no cue with text in one language only: a sentence without a counterpart joins a neighbour', () => {
    const oneSided = planned.filter((p) => (p.text[ZH] === '') !== (p.text[EN] === ''));
    expect(oneSided).toEqual([]);
  });
});
