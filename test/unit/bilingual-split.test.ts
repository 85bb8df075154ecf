import { describe, expect, it } from 'vitest';
import { analyseBilingual, splitBilingual } from '../../src/shared/formats/bilingual-split';
import { exportDocument } from '../../src/shared/formats/export';
import { readSubtitleText } from '../../src/shared/formats/registry';
import type { SubtitleDocument } from '../../src/shared/model';
import { exportSampleDoc } from './export-helpers';

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23).replace('.', ',');

/** An SRT whose cues hold the given texts, one a second. */
function srt(texts: string[]): string {
  return texts.map((t, i) => `${i + 1}\n${clock(i * 1000)} --> ${clock(i * 1000 + 900)}\n${t}\n`).join('\n');
}

function oneLanguage(texts: string[], code = 'en'): SubtitleDocument {
  return {
    languages: [{ code, name: code }],
    cues: texts.map((t, i) => ({ id: `c${i + 1}`, start: i * 1000, end: i * 1000 + 900, speaker: null, text: { [code]: t } })),
    speakers: [], chapters: [], media: null, metadata: {},
  };
}

const codes = (d: SubtitleDocument) => d.languages.map((l) => l.code);
const texts = (d: SubtitleDocument, lang: string) => d.cues.map((c) => c.text[lang] ?? '');

describe("Duosub's own bilingual exports re-open as the same two languages", () => {
  const doc = exportSampleDoc();

  it('bilingual SRT, Chinese on top: zh-Hans then en, same texts and times', () => {
    const back = readSubtitleText(exportDocument(doc, { format: 'srt' }).text, 'film.srt');
    expect(codes(back.doc)).toEqual(['zh-Hans', 'en']);
    for (const lang of ['zh-Hans', 'en']) expect(texts(back.doc, lang)).toEqual(texts(doc, lang));
    expect(back.doc.cues.map((c) => [c.start, c.end])).toEqual(doc.cues.map((c) => [c.start, c.end]));
    expect(back.notes.join()).toMatch(/zh-Hans \(Chinese, on top\) and en \(English\); 4 of 4 cues/);
    expect(back.problems).toEqual([]);
  });

  it('English on top stays English on top, so saving writes it back the same way', () => {
    const text = exportDocument(doc, { format: 'srt', order: ['en', 'zh-Hans'] }).text;
    const back = readSubtitleText(text, 'film.srt');
    expect(codes(back.doc)).toEqual(['en', 'zh-Hans']);
    expect(exportDocument(back.doc, { format: 'srt' }).text).toBe(text);
  });

  it('CRLF and a byte-order mark change nothing', () => {
    const text = exportDocument(doc, { format: 'srt', bom: true, lineEnding: 'crlf' }).text;
    expect(texts(readSubtitleText(text, 'film.srt').doc, 'en')).toEqual(texts(doc, 'en'));
  });
});

describe('splitting a one-language document', () => {
  it('Chinese lines with Latin names count as Chinese, English lines with a Chinese name as English', () => {
    const doc = oneLanguage([
      '来自OpenAI的萨姆·阿尔特曼\nSam Altman from OpenAI',
      '我们用GPU训练\nWe train on GPUs',
      '他叫王小明\nHis name is 王小明, I think',
      '“引号”——还有破折号\n"Quotes" and dashes',
    ]);
    const { doc: split, split: done } = splitBilingual(doc);
    expect(done).toBe(true);
    expect(codes(split)).toEqual(['zh-Hans', 'en']);
    expect(texts(split, 'zh-Hans')).toEqual(['来自OpenAI的萨姆·阿尔特曼', '我们用GPU训练', '他叫王小明', '“引号”——还有破折号']);
    expect(texts(split, 'en')[2]).toBe('His name is 王小明, I think');
  });

  it('several lines per language, one-script cues, lines without letters and the cue ids and times kept', () => {
    const doc = oneLanguage([
      '第一行\n第二行\nFirst line\nsecond line',
      '只有中文',
      'English only',
      '♪ 音乐 ♪\n♪\n♪ Music ♪',
      '♪',
      '<i>斜体</i>\n<i>Italic</i>',
      '{\\an8}顶部\nTop',
      '再见\n\nBye',
    ]);
    const { doc: split, analysis } = splitBilingual(doc);
    expect(analysis).toMatchObject({ nonEmpty: 8, inOrder: 5, bilingual: true }); // 5 of 8 ≥ 60%
    expect(texts(split, 'zh-Hans')).toEqual(['第一行\n第二行', '只有中文', '', '♪ 音乐 ♪\n♪', '♪', '<i>斜体</i>', '{\\an8}顶部', '再见']);
    expect(texts(split, 'en')).toEqual(['First line\nsecond line', '', 'English only', '♪ Music ♪', '', '<i>Italic</i>', 'Top', 'Bye']);
    expect(split.cues.map((c) => [c.id, c.start, c.end])).toEqual(doc.cues.map((c) => [c.id, c.start, c.end]));
  });

  it('a file where only a few cues are mixed stays one language and says why', () => {
    const lines = Array.from({ length: 400 }, (_, i) => (i < 12 ? `第${i}句\nLine ${i}` : `只有中文的第${i}句`));
    const read = readSubtitleText(srt(lines), 'a.srt');
    expect(codes(read.doc)).toEqual(['zh-Hans']);
    expect(read.problems).toContainEqual({
      line: 0, severity: 'warning',
      message: '12 of 400 cues hold both Chinese and English lines; kept as one language (at least 60% of the cues must, for two languages)',
    });
  });

  it('too many cues the other way round: one language, with a warning', () => {
    const doc = oneLanguage([...Array(8).fill('中文\nEnglish'), 'English\n中文', 'English\n中文']);
    const result = splitBilingual(doc);
    expect(result.split).toBe(false);
    expect(result.analysis).toMatchObject({ inOrder: 8, reversed: 2, nonEmpty: 10, bilingual: false });
    expect(result.problems[0].message).toMatch(/more than 10% are the other way round/);
  });

  it('the 60% and 10% edges', () => {
    const mixed = (n: number, total: number) => oneLanguage([...Array(n).fill('中文\nEnglish'), ...Array(total - n).fill('中文')]);
    expect(analyseBilingual(mixed(6, 10)).bilingual).toBe(true);
    expect(analyseBilingual(mixed(5, 10)).bilingual).toBe(false);
    const reversed = oneLanguage([...Array(18).fill('中文\nEnglish'), 'English\n中文', 'English\n中文']);
    expect(analyseBilingual(reversed).bilingual).toBe(true); // 2 of 20 = 10%
    // Those few cues still put each line in its own language.
    expect(texts(splitBilingual(reversed).doc, 'zh-Hans')[19]).toBe('中文');
  });

  it('empty cues do not count, and stay empty', () => {
    const doc = oneLanguage(['中文\nEnglish', '', '中文\nEnglish', '   ']);
    const { doc: split, split: done } = splitBilingual(doc);
    expect(done).toBe(true);
    expect(texts(split, 'zh-Hans')).toEqual(['中文', '', '中文', '']);
  });

  it('a document with one script is never split', () => {
    expect(splitBilingual(oneLanguage(['中文', '你好'])).split).toBe(false);
    expect(splitBilingual(oneLanguage(['Hello', 'World'])).problems).toEqual([]);
  });

  it('Traditional Chinese and Japanese are told by the lines of their own side', () => {
    const hant = splitBilingual(oneLanguage(['我們說\nWe say', '這個時間\nThis time']));
    expect(codes(hant.doc)).toEqual(['zh-Hant', 'en']);
    const ja = splitBilingual(oneLanguage(['こんにちは\nHello', 'ありがとう\nThank you']));
    expect(codes(ja.doc)).toEqual(['ja', 'en']);
  });
});

describe('readSubtitleText: the language of a one-language file, and --lang', () => {
  it('guesses and says so', () => {
    const zh = readSubtitleText(srt(['大家好，欢迎收听。', '今天我们聊字幕。']), 'a.srt');
    expect(codes(zh.doc)).toEqual(['zh-Hans']);
    expect(zh.doc.languages[0].name).toBe('中文');
    expect(zh.notes[0]).toMatch(/^language zh-Hans \(中文\), guessed from the text: Chinese characters, \d+ Simplified-only/);
    expect(texts(zh.doc, 'zh-Hans')).toEqual(['大家好，欢迎收听。', '今天我们聊字幕。']);
    expect(codes(readSubtitleText(srt(['大家好，歡迎收聽。', '今天我們聊字幕。']), 'a.srt').doc)).toEqual(['zh-Hant']);
    expect(codes(readSubtitleText(srt(['Hello there', 'General Kenobi']), 'a.srt').doc)).toEqual(['en']);
  });

  it('one code names a one-language file and keeps a mixed file as one language (as before)', () => {
    const one = readSubtitleText(srt(['大家好', '再见']), 'a.srt', { lang: 'yue' });
    expect(codes(one.doc)).toEqual(['yue']);
    expect(one.notes).toEqual([]);
    const mixed = readSubtitleText(srt(['中文\nEnglish', '中文\nEnglish']), 'a.srt', { lang: 'x' });
    expect(texts(mixed.doc, 'x')).toEqual(['中文\nEnglish', '中文\nEnglish']);
  });

  it('two codes split a bilingual file with them, top first, even when few cues are mixed', () => {
    const file = srt(['中文\nEnglish', '只有中文', '只有中文', '只有中文']);
    expect(codes(readSubtitleText(file, 'a.srt').doc)).toEqual(['zh-Hans']);
    const read = readSubtitleText(file, 'a.srt', { lang: 'zh-Hant, en' });
    expect(codes(read.doc)).toEqual(['zh-Hant', 'en']);
    expect(texts(read.doc, 'en')).toEqual(['English', '', '', '']);
    expect(read.problems.map((p) => p.message)).toEqual(['split into zh-Hant and en as asked, though only 1 of 4 cues hold Chinese lines above English lines']);
    // Codes whose scripts are the file's go to their own script, whatever order they were given in.
    expect(codes(readSubtitleText(file, 'a.srt', { lang: 'en,zh-Hans' }).doc)).toEqual(['zh-Hans', 'en']);
    // Codes of other scripts are taken in file order.
    expect(codes(readSubtitleText(file, 'a.srt', { lang: 'yue,fr' }).doc)).toEqual(['yue', 'fr']);
  });

  it('two codes on a one-script file: the one that fits, with a warning', () => {
    const read = readSubtitleText(srt(['Hello', 'World']), 'a.srt', { lang: 'zh-Hans,en' });
    expect(codes(read.doc)).toEqual(['en']);
    expect(read.problems[0].message).toBe('two languages were given (zh-Hans, en) but the cues hold one; read as en');
  });

  it('more than two codes: the first two, with a warning', () => {
    const read = readSubtitleText(srt(['中文\nEnglish']), 'a.srt', { lang: 'zh-Hans,en,ja' });
    expect(codes(read.doc)).toEqual(['zh-Hans', 'en']);
    expect(read.problems[0].message).toMatch(/one or two languages/);
  });

  it('files that name their languages are left alone', () => {
    const project = exportDocument(exportSampleDoc(), { format: 'duosub' }).text;
    const read = readSubtitleText(project, 'p.duosub.json', { lang: 'fr' });
    expect(codes(read.doc)).toEqual(['zh-Hans', 'en']);
  });

  it('stays linear on a large bilingual file (50,000 cues)', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `第${i}句，我们说话\nLine ${i}, we talk`);
    const doc = splitBilingual(oneLanguage(lines)).doc;
    expect(doc.cues).toHaveLength(50_000);
    expect(doc.cues[49_999].text.en).toBe('Line 49999, we talk');
  });
});
