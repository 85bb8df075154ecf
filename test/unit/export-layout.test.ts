import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { exportDocument, type ExportOptions } from '../../src/shared/formats/export';
import { readSubtitleText } from '../../src/shared/formats/registry';
import { parseTranscript } from '../../src/shared/formats/transcript';
import { initialChoice, toExportOptions } from '../../src/renderer/src/export/export-choice';
import { exportSampleDoc } from './export-helpers';

const sampleText = readFileSync(fileURLToPath(new URL('../../resources/sample/openai-podcast-ep8.zh-en.txt', import.meta.url)), 'utf8');
const sample = (): SubtitleDocument => parseTranscript(sampleText).doc;
const excerptText = readFileSync(fileURLToPath(new URL('../../resources/sample/excerpt.duosub.json', import.meta.url)), 'utf8');
const excerpt = (): SubtitleDocument => readSubtitleText(excerptText, 'excerpt.duosub.json').doc;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** SRT blocks: number, timing and text lines. */
function srtBlocks(text: string): { n: string; timing: string; lines: string[] }[] {
  return text.split(/\n\n(?=\d+\n)/).filter((b) => b.trim() !== '').map((b) => {
    const [n, timing, ...lines] = b.replace(/\n+$/, '').split('\n');
    return { n, timing, lines };
  });
}

const CJK = /\p{Script=Han}/u;

describe('bilingual layout: lines per language', () => {
  for (const [name, load] of [['the sample transcript', sample], ['the sample project', excerpt]] as const) {
    it(`one line per language on ${name}: every cue is one Chinese line over one English line`, () => {
      // The sample's texts are one line each: break them to two lines per language first (export and read back).
      const twoLines = exportDocument(load(), { format: 'srt', linesPerLanguage: 2 }).text;
      const doc = readSubtitleText(twoLines, 'two-lines.srt', { lang: 'zh-Hans,en' }).doc;
      expect(doc.cues.filter((c) => c.text['zh-Hans']?.includes('\n') && c.text.en?.includes('\n')).length).toBeGreaterThan(3);
      expect(doc.cues.filter((c) => c.text['zh-Hans']?.trim() && c.text.en?.trim()).length).toBeGreaterThan(5);
      const blocks = srtBlocks(exportDocument(doc, { format: 'srt', linesPerLanguage: 1 }).text);
      expect(blocks).toHaveLength(doc.cues.length);
      blocks.forEach((block, i) => {
        const cue = doc.cues[i];
        const want = ['zh-Hans', 'en'].filter((l) => (cue.text[l] ?? '').trim() !== '').length;
        expect(block.lines, `cue ${i + 1}`).toHaveLength(want);
        if (want === 2) {
          expect(CJK.test(block.lines[0])).toBe(true);
          expect(CJK.test(block.lines[1])).toBe(false);
        }
      });
    });
  }

  it('two lines per language on the sample project breaks its long texts (so one line is a real choice)', () => {
    const blocks = srtBlocks(exportDocument(excerpt(), { format: 'srt', linesPerLanguage: 2 }).text);
    expect(blocks.filter((b) => b.lines.length === 4).length).toBeGreaterThan(1);
  });

  it('two lines per language on the sample: no language has more than two lines', () => {
    const doc = sample();
    const blocks = srtBlocks(exportDocument(doc, { format: 'srt', linesPerLanguage: 2 }).text);
    blocks.forEach((block, i) => {
      const zh = block.lines.filter((l) => CJK.test(l)).length;
      expect(zh, `cue ${i + 1}`).toBeLessThanOrEqual(2);
      expect(block.lines.length - zh, `cue ${i + 1}`).toBeLessThanOrEqual(2);
    });
  });

  it('joins Chinese lines without a space and English lines with one', () => {
    const doc: SubtitleDocument = { ...exportSampleDoc(), cues: [
      { id: 'c1', start: 0, end: 2000, speaker: null, text: { 'zh-Hans': '今天我们\n聊字幕。', en: 'Today we talk about\nsubtitles.' } },
    ] };
    const text = exportDocument(doc, { format: 'srt', linesPerLanguage: 1 }).text;
    expect(text).toBe('1\n00:00:00,000 --> 00:00:02,000\n今天我们聊字幕。\nToday we talk about subtitles.\n');
  });

  it('two lines per language: a long text is re-broken to at most two lines, a short one keeps its own break', () => {
    const long = 'This is a rather long English subtitle line that certainly does not fit on one line and goes on and on and on for a good while longer still';
    const doc: SubtitleDocument = { ...exportSampleDoc(), cues: [
      { id: 'c1', start: 0, end: 2000, speaker: null, text: { 'zh-Hans': '今天\n我们聊字幕。', en: long } },
    ] };
    const [block] = srtBlocks(exportDocument(doc, { format: 'srt', linesPerLanguage: 2 }).text);
    expect(block.lines.slice(0, 2)).toEqual(['今天', '我们聊字幕。']);
    const english = block.lines.slice(2);
    expect(english).toHaveLength(2);
    expect(english.join(' ')).toBe(long);
  });

  it('applies to WebVTT and ASS too, and a one-language export keeps its lines', () => {
    const doc = exportSampleDoc();
    expect(exportDocument(doc, { format: 'vtt', linesPerLanguage: 1 }).text).toContain('<lang en>Today we talk about subtitles.</lang>');
    expect(exportDocument(doc, { format: 'ass', linesPerLanguage: 1 }).text).toContain('Today we talk about subtitles.');
    expect(exportDocument(doc, { format: 'srt', lang: 'en', linesPerLanguage: 1 }).text).toContain('Today we talk about\nsubtitles.');
  });

  it('never changes the document', () => {
    const doc = deepFreeze(sample());
    const before = JSON.stringify(doc);
    for (const options of [
      { format: 'srt', linesPerLanguage: 1 }, { format: 'srt', linesPerLanguage: 2 }, { format: 'vtt', linesPerLanguage: 1 },
      { format: 'ass', linesPerLanguage: 2 }, { format: 'srt', lang: 'zh-Hans', emptyText: '…' },
    ] satisfies ExportOptions[]) exportDocument(doc, options);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('per-language exports keep every cue', () => {
  const doc: SubtitleDocument = { ...exportSampleDoc(), cues: exportSampleDoc().cues.map((c) => (c.id === 'c2' ? { ...c, text: { ...c.text, 'zh-Hans': '' } } : c)) };

  it('the Chinese and English SRTs have the same count, numbers and timings (an empty Chinese cue is kept)', () => {
    const zh = srtBlocks(exportDocument(doc, { format: 'srt', lang: 'zh-Hans' }).text);
    const en = srtBlocks(exportDocument(doc, { format: 'srt', lang: 'en' }).text);
    expect(zh).toHaveLength(doc.cues.length);
    expect(zh.map((b) => [b.n, b.timing])).toEqual(en.map((b) => [b.n, b.timing]));
    expect(zh[1].lines).toEqual([]);
    // The empty cue reads back as an empty cue, so the numbering survives a round trip too.
    expect(readSubtitleText(exportDocument(doc, { format: 'srt', lang: 'zh-Hans' }).text, 'x.srt').doc.cues).toHaveLength(4);
  });

  it('writes the placeholder the user chose for an empty text', () => {
    const zh = srtBlocks(exportDocument(doc, { format: 'srt', lang: 'zh-Hans', emptyText: '[untranslated]' }).text);
    expect(zh[1].lines).toEqual(['[untranslated]']);
    const both = srtBlocks(exportDocument(doc, { format: 'srt', emptyText: '…' }).text);
    expect(both[1].lines).toEqual(['…', 'Today we talk about', 'subtitles.']);
  });

  it('other per-language formats keep the count too', () => {
    for (const format of ['vtt', 'sbv', 'ttml', 'json', 'lrc', 'microdvd', 'ass'] as const) {
      const counts = ['zh-Hans', 'en'].map((lang) => readSubtitleText(exportDocument(doc, { format, lang }).text, `x.${format}`).doc.cues.length);
      expect(counts, format).toEqual([4, 4]);
    }
  });
});

describe('WebVTT voices and language spans', () => {
  const doc = exportSampleDoc();

  it('a bilingual cue carries its voice and one <lang> span per language', () => {
    const text = exportDocument(doc, { format: 'vtt' }).text;
    expect(text).toContain('<v Speaker 0><lang zh-Hans>大家好，欢迎收听。</lang>\n<lang en>Hello, and welcome.</lang>');
    expect(text).toContain('<lang en>Today we talk about\nsubtitles.</lang>');
  });

  it('reads back as the same two languages, texts and speakers', () => {
    for (const order of [undefined, ['en', 'zh-Hans']]) {
      const back = readSubtitleText(exportDocument(doc, { format: 'vtt', order }).text, 'x.vtt').doc;
      expect(back.languages.map((l) => l.code)).toEqual(order ?? ['zh-Hans', 'en']);
      expect(back.cues.map((c) => c.text)).toEqual(doc.cues.map((c) => c.text));
      expect(back.cues.map((c) => back.speakers.find((s) => s.id === c.speaker)?.name)).toEqual(['Speaker 0', 'Speaker 0', 'Speaker 1', 'Speaker 1']);
    }
  });

  it('a per-language file names its language, and reads back as it (whatever the reader would guess)', () => {
    const text = exportDocument(doc, { format: 'vtt', lang: 'en' }).text;
    expect(text).toContain('<v Speaker 0><lang en>Hello, and welcome.</lang>');
    const back = readSubtitleText(text, 'x.vtt', { lang: 'fr' }).doc;
    expect(back.languages.map((l) => l.code)).toEqual(['en']);
    expect(back.cues.map((c) => c.text.en)).toEqual(doc.cues.map((c) => c.text.en));
  });

  it('an empty language in a bilingual cue reads back empty', () => {
    const withEmpty: SubtitleDocument = { ...doc, cues: doc.cues.map((c, i) => (i === 1 ? { ...c, text: { ...c.text, 'zh-Hans': '' } } : c)) };
    const back = readSubtitleText(exportDocument(withEmpty, { format: 'vtt' }).text, 'x.vtt').doc;
    expect(back.cues.map((c) => c.text)).toEqual(withEmpty.cues.map((c) => c.text));
  });

  it('text that is not all whole-line spans is left as read', () => {
    const file = 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nSay <lang fr>bonjour</lang>\n';
    const back = readSubtitleText(file, 'x.vtt', { lang: 'en' }).doc;
    expect(back.languages.map((l) => l.code)).toEqual(['en']);
    expect(back.cues[0].text.en).toBe('Say <lang fr>bonjour</lang>');
  });
});

describe('the export dialog\'s layout options', () => {
  const languages = exportSampleDoc().languages;

  it('sends lines per language for a bilingual subtitle export only, and the placeholder for any subtitle export', () => {
    const choice = { ...initialChoice(languages), linesPerLanguage: 1 as const, emptyText: '…' };
    expect(toExportOptions(choice, languages)).toMatchObject({ format: 'srt', linesPerLanguage: 1, emptyText: '…' });
    expect(toExportOptions({ ...choice, format: 'vtt' }, languages)).toMatchObject({ linesPerLanguage: 1 });
    const one = toExportOptions({ ...choice, lang: 'en' }, languages);
    expect(one).toMatchObject({ lang: 'en', emptyText: '…' });
    expect(one).not.toHaveProperty('linesPerLanguage');
    const transcript = toExportOptions({ ...choice, format: 'txt' }, languages);
    expect(transcript).not.toHaveProperty('linesPerLanguage');
    expect(transcript).not.toHaveProperty('emptyText');
  });

  it('an empty cue is the default: no placeholder is sent', () => {
    expect(toExportOptions(initialChoice(languages), languages)).not.toHaveProperty('emptyText');
  });
});
