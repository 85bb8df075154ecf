import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { parseSrt, serializeSrt, srtFormat } from '../../src/shared/formats/srt';
import { readSrtTime } from '../../src/shared/formats/srt-time';
import { FormatError, readSubtitleText } from '../../src/shared/formats/registry';
import { formatClock, formatTimecode, parseChapterMark, parseTimecode } from '../../src/shared/timecode';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/formats/${name}`, import.meta.url)), 'utf8');

describe('srt: reading', () => {
  it('reads the golden file to the expected document', () => {
    const { doc, problems } = parseSrt(fixture('golden.srt'), 'en');
    expect(problems).toEqual([]);
    expect(doc).toEqual(JSON.parse(fixture('golden.srt.json')));
  });

  it('writes the golden document back to the same bytes', () => {
    const doc = JSON.parse(fixture('golden.srt.json')) as SubtitleDocument;
    expect(serializeSrt(doc)).toBe(fixture('golden.srt'));
  });

  it('reads a messy file leniently and names each bad line', () => {
    const { doc, problems } = parseSrt(fixture('messy.srt'), 'zh-Hans');
    expect(doc.languages).toEqual([{ code: 'zh-Hans', name: '中文' }]);
    // The reversed cue (5 s → 4 s) is kept where its start puts it, and flagged.
    expect(doc.cues.map((c) => [c.start, c.end, c.text['zh-Hans']])).toEqual([
      [1000, 2000, 'first'],
      [2500, 3000, 'second'],
      [5000, 4000, 'backwards'],
      [6000, 7000, 'last'],
    ]);
    expect(problems).toEqual([
      { line: 1, message: 'text outside any cue is ignored: "junk before"', severity: 'warning' },
      { line: 11, message: 'bad timecode "00:01:xx,000"', severity: 'error' },
      { line: 15, message: expect.stringContaining('ends before it starts'), severity: 'error' },
    ]);
  });

  it('reads cues that have no index lines and sorts cues out of order', () => {
    const text = '00:00:05,000 --> 00:00:06,000\nB\n\n00:00:01,000 --> 00:00:02,000\nA\n';
    const { doc, problems } = parseSrt(text, 'en');
    expect(doc.cues.map((c) => [c.id, c.text.en])).toEqual([
      ['c1', 'A'],
      ['c2', 'B'],
    ]);
    expect(problems).toEqual([{ line: 0, message: expect.stringContaining('not in time order'), severity: 'warning' }]);
  });

  it('keeps a cue whose text is a number', () => {
    const { doc } = parseSrt('1\n00:00:01,000 --> 00:00:02,000\n42\n\n2\n00:00:03,000 --> 00:00:04,000\nok\n', 'en');
    expect(doc.cues.map((c) => c.text.en)).toEqual(['42', 'ok']);
  });

  it('detects SRT by its timing lines and by its name', () => {
    expect(srtFormat.detect(fixture('golden.srt'), 'a.srt')).toBe(1);
    expect(srtFormat.detect(fixture('golden.srt'), 'a.txt')).toBeGreaterThan(0.5);
    expect(srtFormat.detect('hello', 'a.srt')).toBeGreaterThan(0);
    expect(srtFormat.detect('hello', 'a.txt')).toBe(0);
  });
});

describe('srt: bad input, kept and flagged', () => {
  const cues = (text: string) => parseSrt(text, 'zh-Hans').doc.cues.map((c) => [c.start, c.end, c.text['zh-Hans']]);

  it('keeps a reversed cue and names its line', () => {
    const text = '1\n00:00:05,000 --> 00:00:04,000\n萨姆·奥尔特曼\n\n2\n00:00:06,000 --> 00:00:07,000\n芯片\n';
    const { doc, problems } = parseSrt(text, 'zh-Hans');
    expect(doc.cues.map((c) => [c.id, c.start, c.end])).toEqual([['c1', 5000, 4000], ['c2', 6000, 7000]]);
    expect(problems).toEqual([{ line: 2, message: expect.stringContaining('ends before it starts'), severity: 'error' }]);
  });

  it('keeps a cue with a negative time, read as zero, and names its line', () => {
    const { doc, problems } = parseSrt('\n\n1\n-00:00:01,000 --> 00:00:02,000\n“引号”\n', 'zh-Hans');
    expect(doc.cues.map((c) => [c.start, c.end, c.text['zh-Hans']])).toEqual([[0, 2000, '“引号”']]);
    expect(problems).toEqual([{ line: 4, message: expect.stringContaining('negative time'), severity: 'warning' }]);
  });

  it('keeps a text line holding "-->" as text and flags it', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\n北京 --> 上海\nA --> B\n';
    const { doc, problems } = parseSrt(text, 'zh-Hans');
    expect(doc.cues.map((c) => c.text['zh-Hans'])).toEqual(['北京 --> 上海\nA --> B']);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[3, 'warning'], [4, 'warning']]);
    expect(problems[0].message).toContain('kept as text');
  });

  it('reads empty cues and writes them back as cues with no text line', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\n——\n\n3\n00:00:05,000 --> 00:00:06,000\n';
    const first = parseSrt(text, 'zh-Hans');
    expect(first.problems).toEqual([]);
    expect(cues(text)).toEqual([[1000, 2000, ''], [3000, 4000, '——'], [5000, 6000, '']]);
    const written = serializeSrt(first.doc);
    expect(written).toBe(text + '');
    expect(parseSrt(written, 'zh-Hans').doc).toEqual(first.doc);
  });

  it('gives one clear error for prose named .srt, and none for an empty text', () => {
    const prose = 'This is a letter.\nIt has no subtitles.\n\nNot one.\n';
    const { doc, problems } = parseSrt(prose, 'en');
    expect(doc.cues).toEqual([]);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([
      { line: 0, message: expect.stringContaining('not an SRT file'), severity: 'error' },
    ]);
    expect(() => readSubtitleText(prose, 'letter.srt')).toThrow(FormatError);
    expect(() => readSubtitleText(prose, 'letter.srt')).toThrow(/not an SRT file/);
    expect(parseSrt('', 'en').problems).toEqual([]);
  });

  it('keeps SRT markup as the internal form and decodes nothing else', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>芯片</i> &amp; <font color="#ff0000">chips</font>\n';
    expect(cues(text)).toEqual([[1000, 2000, '{\\an8}<i>芯片</i> &amp; <font color="#ff0000">chips</font>']]);
  });

  it('counts CRLF and lone CR line ends as one line each', () => {
    const text = '\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nok\r\n\r\n2\r00:00:0x,000 --> 00:00:04,000\rlost\r';
    const { doc, problems } = parseSrt(text, 'en');
    expect(doc.cues.map((c) => c.text.en)).toEqual(['ok']);
    expect(problems).toEqual([{ line: 6, message: 'bad timecode "00:00:0x,000"', severity: 'error' }]);
  });

  it('reads a 99999-hour time code and huge numbers without failing', () => {
    expect(cues('1\n99999:00:00,000 --> 99999:00:01,000\nlong\n')).toEqual([[359_996_400_000, 359_996_401_000, 'long']]);
    const huge = parseSrt(`${'9'.repeat(400)}\n${'9'.repeat(30)}:00:00,000 --> 00:00:01,000\nx\n`, 'en');
    expect(huge.doc.cues).toEqual([]);
    expect(huge.problems[0]).toMatchObject({ line: 2, severity: 'error' });
  });

  it('reads cues glued together without blank lines, and coordinates after the times', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000 X1:10 X2:20\na\n2\n00:00:03,000-->00:00:04,000\nb\n';
    expect(cues(text)).toEqual([[1000, 2000, 'a'], [3000, 4000, 'b']]);
  });

  it('lists at most 10,000 problems and counts the rest', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nok\n' + '\n00:00:0x,000 --> 00:00:02,000\n'.repeat(20_000);
    const { problems } = parseSrt(text, 'en');
    expect(problems).toHaveLength(10_001);
    expect(problems.at(-1)).toEqual({ line: 0, message: '10000 more problems not listed', severity: 'warning' });
  });

  it('reads time codes as parseTimecode does', () => {
    const read = (s: string) => readSrtTime(s, 0, s.length);
    fc.assert(fc.property(fc.integer({ min: 0, max: 3_599_999_999 }), (ms) => read(formatTimecode(ms)) === ms));
    for (const s of ['01:02:03,004', '01:02:03.4', '02:03,004', '1:2:3', '00:01:xx,000', '00:61:00,000', '1,000', ':1:2', '1:2:3:4', '01:02:03,0004', '']) {
      expect(Number.isNaN(read(s)) ? null : read(s), s).toBe(parseTimecode(s));
    }
    expect(read('-00:00:01,500')).toBe(-1500);
    expect(Object.is(read('-00:00:00,000'), 0)).toBe(true);
  });
});

describe('srt: writing', () => {
  const bilingual: SubtitleDocument = {
    languages: [
      { code: 'zh-Hans', name: '中文' },
      { code: 'en', name: 'English' },
    ],
    cues: [
      { id: 'a', start: 0, end: 1000, speaker: null, text: { 'zh-Hans': '你好', en: 'Hello' } },
      { id: 'b', start: 1000, end: 2000, speaker: null, text: { 'zh-Hans': '只有中文' } },
      { id: 'c', start: 2000, end: 3000, speaker: null, text: { en: 'two\n\nparagraphs' } },
    ],
    speakers: [],
    chapters: [],
    media: null,
    metadata: {},
  };

  it('writes one language, keeping cues without text in it as empty cues, so every language numbers alike', () => {
    expect(serializeSrt(bilingual, { lang: 'en' })).toBe(
      '1\n00:00:00,000 --> 00:00:01,000\nHello\n\n2\n00:00:01,000 --> 00:00:02,000\n\n3\n00:00:02,000 --> 00:00:03,000\ntwo\nparagraphs\n',
    );
    const numbers = (lang: string) => serializeSrt(bilingual, { lang }).match(/^\d+(?=\n\d)/gm);
    expect(numbers('zh-Hans')).toEqual(['1', '2', '3']);
    expect(numbers('en')).toEqual(numbers('zh-Hans'));
    expect(parseSrt(serializeSrt(bilingual, { lang: 'en' }), 'en').doc.cues.map((c) => c.text.en)).toEqual(['Hello', '', 'two\nparagraphs']);
  });

  it('asks for a language when the document has several, and rejects an unknown one', () => {
    expect(() => serializeSrt(bilingual)).toThrow(/zh-Hans, en/);
    expect(() => serializeSrt(bilingual, { lang: 'fr' })).toThrow(/no language "fr"/);
  });

  it('round-trips any document it can represent', () => {
    const line = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .map((s) => s.replace(/[\r\n]/g, ' ').replace(/-->/g, '->').trim())
      .filter((s) => s.length > 0);
    const cueArb = fc.record({
      duration: fc.integer({ min: 0, max: 10_000 }),
      gap: fc.integer({ min: 0, max: 5_000 }),
      lines: fc.array(line, { minLength: 0, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(cueArb, { maxLength: 20 }), fc.integer({ min: 0, max: 360_000_000 }), (items, origin) => {
        let t = origin;
        const cues = items.map((c, i) => {
          const start = t + c.gap;
          t = start + c.duration;
          return { id: `c${i + 1}`, start, end: t, speaker: null, text: { en: c.lines.join('\n') } };
        });
        const doc: SubtitleDocument = { ...bilingual, languages: [{ code: 'en', name: 'English' }], cues };
        const back = parseSrt(serializeSrt(doc), 'en');
        expect(back.problems).toEqual([]);
        expect(back.doc).toEqual(doc);
      }),
    );
  });
});

describe('timecode', () => {
  it('formats and parses SRT time codes', () => {
    expect(formatTimecode(3_723_004)).toBe('01:02:03,004');
    expect(formatTimecode(3_723_004, '.')).toBe('01:02:03.004');
    expect(formatTimecode(360_000_000)).toBe('100:00:00,000');
    expect(parseTimecode('01:02:03,004')).toBe(3_723_004);
    expect(parseTimecode('01:02:03.4')).toBe(3_723_400);
    expect(parseTimecode('02:03,004')).toBe(123_004);
    expect(parseTimecode('00:01:xx,000')).toBeNull();
    expect(parseTimecode('00:61:00,000')).toBeNull();
  });

  it('round-trips every millisecond value', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3_599_999_999 }), (ms) => parseTimecode(formatTimecode(ms)) === ms));
  });

  it('formats clocks and reads chapter marks', () => {
    expect(formatClock(186_000)).toBe('3:06.000');
    expect(formatClock(3_723_004)).toBe('1:02:03.004');
    expect(parseChapterMark('03:06')).toBe(186_000);
    expect(parseChapterMark('1:02:03')).toBe(3_723_000);
    expect(parseChapterMark('90:00')).toBe(5_400_000);
    expect(parseChapterMark('3:6')).toBeNull();
    expect(parseChapterMark('1:60:00')).toBeNull();
  });
});
