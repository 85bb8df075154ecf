import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { exportDocument } from '../../src/shared/formats/export';
import { microdvdFormat, parseMicroDvd, serializeMicroDvd } from '../../src/shared/formats/microdvd';
import { fromMicroDvdLine, toMicroDvdLines } from '../../src/shared/formats/microdvd-markup';
import { detectFormat, readSubtitleText } from '../../src/shared/formats/registry';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/formats/microdvd/${name}`, import.meta.url)), 'utf8');

function doc(cueList: SubtitleDocument['cues'], codes: string[], metadata = {}): SubtitleDocument {
  return { languages: codes.map((code) => ({ code, name: code })), cues: cueList, speakers: [], chapters: [], media: null, metadata };
}

describe('microdvd: reading', () => {
  it('reads a bilingual film file at the rate its first line declares, styles as markup', () => {
    const read = readSubtitleText(fixture('film.sub'), 'film.sub');
    expect(read.format).toBe('microdvd');
    expect(read.problems).toEqual([]);
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.metadata.microdvd).toEqual({ frameRate: 25 });
    expect(read.doc.cues.map((c) => [c.start, c.end, c.text['zh-Hans'] ?? '', c.text.en ?? ''])).toEqual([
      [1000, 3000, '你好，世界', 'Hello, world'],
      [4000, 6000, '<i>芯片</i>', '<i>Chips</i>'],
      [8000, 10000, '<b><font color="#ff0000">萨姆·奥尔特曼</font></b>', '<b>Sam Altman</b>'],
      [12000, 14000, '“引号”——', '"Quotes" —'],
      [16000, 16000, '', ''],
      [20000, 22000, '<i>斜体</i>', 'plain'],
    ]);
    expect(read.doc.cues[3].extra).toEqual({ microdvd: { codes: '{f:Arial}{s:20}' } });
  });

  it('uses ReadOptions.frameRate when the file declares none, 23.976 by default', () => {
    expect(parseMicroDvd('{25}{50}x\n', 'en', 25).doc.cues[0]).toMatchObject({ start: 1000, end: 2000 });
    expect(parseMicroDvd('{24}{48}x\n', 'en').doc.cues[0]).toMatchObject({ start: 1001, end: 2002 });
    expect(readSubtitleText('{50}{100}x\n', 'a.sub', { frameRate: 50 }).doc.cues[0]).toMatchObject({ start: 1000, end: 2000 });
  });

  it('reads a messy file leniently, naming each bad line, keeping reversed cues', () => {
    const { doc: d, problems } = parseMicroDvd(fixture('messy.sub'), 'en');
    expect(d.cues.map((c) => [c.start, c.end, c.text.en])).toEqual([
      [2002, 1001, 'reversed'],
      [3003, 5005, 'open end'],
      [5005, 6006, 'fine'],
    ]);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[2, 'error'], [3, 'error'], [4, 'error'], [5, 'warning']]);
  });

  it('is not confused with SubViewer or VobSub .sub files', () => {
    expect(microdvdFormat.detect(fixture('subviewer.sub'), 'film.sub')).toBe(0);
    expect(detectFormat(fixture('subviewer.sub'), 'film.sub')?.id).not.toBe('microdvd');
    expect(microdvdFormat.detect('\u0000\u0000\u0001\u00ba binary', 'film.sub')).toBe(0);
    expect(microdvdFormat.detect(fixture('film.sub'), 'film.sub')).toBe(1);
    expect(microdvdFormat.detect(fixture('film.sub'), 'film.txt')).toBeGreaterThan(0.5);
    expect(microdvdFormat.detect('hello', 'film.txt')).toBe(0);
  });

  it('converts codes to the internal markup and back', () => {
    expect(fromMicroDvdLine('{Y:i}一|二')).toEqual({ text: '<i>一</i>\n<i>二</i>', codes: '' });
    expect(fromMicroDvdLine('{y:b,u}粗|{c:$00FF00}绿')).toEqual({ text: '<b><u>粗</u></b>\n<font color="#00ff00">绿</font>', codes: '' });
    expect(toMicroDvdLines(['<i>一', '二</i>'])).toEqual(['{Y:i}一', '二']);
    expect(toMicroDvdLines(['<b>粗</b>', '<font color="#00ff00">绿</font>', 'a|b'])).toEqual(['{y:b}粗', '{c:$00FF00}绿', 'a¦b']);
    expect(toMicroDvdLines(['{\\an8}<c.x>顶</c>'])).toEqual(['顶']);
  });

  it('stays linear on a 10 MB line and a million empty cues', () => {
    expect(parseMicroDvd('{1}{2}' + '{y:i}'.repeat(2_000_000), 'en').doc.cues).toHaveLength(1);
    expect(parseMicroDvd('{'.repeat(10_000_000), 'en').doc.cues).toHaveLength(0);
    expect(parseMicroDvd('{24}{24}\n'.repeat(1_000_000), 'en').doc.cues).toHaveLength(1_000_000);
  });
});

describe('microdvd: writing', () => {
  const bilingual = doc(
    [
      { id: 'a', start: 1000, end: 2000, speaker: null, text: { 'zh-Hans': '<i>你好</i>', en: '<i>Hello</i>' } },
      { id: 'b', start: 2000, end: 3000, speaker: null, text: {} },
      { id: 'c', start: 3000, end: 4000, speaker: null, text: { 'zh-Hans': '芯片——“未来”', en: 'Chips — "the future"' } },
      { id: 'd', start: 4000, end: 8000, speaker: null, text: { 'zh-Hans': '萨姆·奥尔特曼', en: 'Sam Altman' } },
    ],
    ['zh-Hans', 'en'],
  );

  it('writes the rate line, then stacked languages with their codes; empty cues too', () => {
    expect(serializeMicroDvd(bilingual, { langs: ['zh-Hans', 'en'], frameRate: 25 })).toBe(
      '{1}{1}25\n{25}{50}{Y:i}你好|Hello\n{50}{75}\n{75}{100}芯片——“未来”|Chips — "the future"\n{100}{200}萨姆·奥尔特曼|Sam Altman\n',
    );
    // The rate the file came with is kept when none is asked for.
    expect(serializeMicroDvd({ ...bilingual, metadata: { microdvd: { frameRate: 30 } } }, { lang: 'en' }).split('\n')[0]).toBe('{1}{1}30');
    expect(serializeMicroDvd(bilingual, { lang: 'en' }).split('\n').slice(0, 2)).toEqual(['{1}{1}23.976', '{24}{48}{y:i}Hello']);
  });

  it('round-trips a bilingual document through the registry and exports by id with a frame rate', () => {
    const { text, extension } = exportDocument(bilingual, { format: 'microdvd', frameRate: 25 });
    expect(extension).toBe('.sub');
    expect(text.startsWith('{1}{1}25\n')).toBe(true);
    const read = readSubtitleText(text, 'out.sub');
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.cues.map((c) => [c.start, c.end, c.text['zh-Hans'] ?? '', c.text.en ?? ''])).toEqual([
      [1000, 2000, '<i>你好</i>', '<i>Hello</i>'],
      [2000, 3000, '', ''],
      [3000, 4000, '芯片——“未来”', 'Chips — "the future"'],
      [4000, 8000, '萨姆·奥尔特曼', 'Sam Altman'],
    ]);
  });

  it('round-trips any document to one frame: same cues, times, texts (property)', () => {
    const line = fc.stringMatching(/^[a-zA-Z0-9\u4e00-\u9fa5“”—，。 ]{1,12}$/).filter((s) => s.trim() !== '');
    // Starts at least a frame apart (100 ms), so rounding to frames cannot reorder cues.
    const cue = fc.record({ gap: fc.integer({ min: 100, max: 3_600_000 }), len: fc.integer({ min: 0, max: 9_000 }), zh: line, en: line });
    const rate = fc.constantFrom(23.976, 24, 25, 29.97, 30, 60);
    fc.assert(
      fc.property(fc.array(cue, { maxLength: 15 }), rate, (items, frameRate) => {
        let t = 0;
        const d = doc(items.map((c, i) => ({ id: `c${i}`, start: (t += c.gap), end: t + c.len, speaker: null, text: { zh: c.zh.trim(), en: c.en.trim() } })), ['zh', 'en']);
        const back = parseMicroDvd(serializeMicroDvd(d, { langs: ['zh', 'en'], frameRate }), 'x');
        expect(back.problems).toEqual([]);
        expect(back.doc.metadata.microdvd).toEqual({ frameRate });
        const frame = 1000 / frameRate;
        back.doc.cues.forEach((c, i) => {
          expect(Math.abs(c.start - d.cues[i].start)).toBeLessThanOrEqual(frame);
          expect(Math.abs(c.end - d.cues[i].end)).toBeLessThanOrEqual(frame);
        });
        expect(back.doc.cues.map((c) => c.text.x)).toEqual(d.cues.map((c) => `${c.text.zh}\n${c.text.en}`));
      }),
    );
  });
});
