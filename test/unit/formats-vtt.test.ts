import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVtt, serializeVtt, vttFormat } from '../../src/shared/formats/vtt';
import { readSubtitleText } from '../../src/shared/formats/registry';
import { parseTimingLine, parseVttTimestamp, parseCueSettings } from '../../src/shared/formats/vtt-timing';
import { toVttLine } from '../../src/shared/formats/vtt-write';
import { speakerColor, type Cue, type SubtitleDocument } from '../../src/shared/model';

const FIXTURES = join(import.meta.dirname, '../fixtures/formats/vtt');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const SAMPLE = `WEBVTT - a title

NOTE a comment
that spans lines

intro
00:00:01.000 --> 00:00:02.500 align:start position:10%
Hello
there

00:00:03.000 --> 00:00:0x.000
broken

00:00:04.000 --> 00:00:05.000
<i>Bye</i>
`;

/** [start, end, text] of each cue, in the document's order. */
function cues(text: string, lang = 'en'): [number, number, string][] {
  return parseVtt(text, lang).doc.cues.map((c) => [c.start, c.end, c.text[lang]]);
}

function doc(cueList: Cue[], extra: Partial<SubtitleDocument> = {}): SubtitleDocument {
  return { languages: [{ code: 'en', name: 'English' }], cues: cueList, speakers: [], chapters: [], media: null, metadata: {}, ...extra };
}

function cue(start: number, end: number, en: string, more: Partial<Cue> = {}): Cue {
  return { id: `c${start}`, start, end, speaker: null, text: { en }, ...more };
}

describe('WebVTT', () => {
  it('reads cues with identifiers and settings, keeps the note, reports a bad timing and its skipped text by line', () => {
    const { doc: read, problems } = parseVtt(SAMPLE, 'en');
    expect(read.cues.map((c) => [c.start, c.end, c.text.en])).toEqual([[1000, 2500, 'Hello\nthere'], [4000, 5000, '<i>Bye</i>']]);
    expect(read.cues[0].extra).toEqual({ vtt: { id: 'intro', settings: 'align:start position:10%' } });
    expect(read.metadata).toEqual({ vtt: { header: ' - a title', blocks: [{ kind: 'note', text: 'NOTE a comment\nthat spans lines', before: 0, cue: 'c1' }] } });
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[11, 'error'], [12, 'warning']]);
    expect(problems[0].message).toMatch(/^bad cue timing "00:00:03.000 --> 00:00:0x.000": bad end time/);
  });

  it('is picked by its header and round-trips through the writer with its header, note, id and settings', () => {
    const read = readSubtitleText(SAMPLE, 'whatever.txt');
    expect(read.format).toBe('vtt');
    const written = serializeVtt(read.doc);
    expect(written).toBe(
      'WEBVTT - a title\n\nNOTE a comment\nthat spans lines\n\nintro\n00:00:01.000 --> 00:00:02.500 align:start position:10%\nHello\nthere\n\n' +
        '00:00:04.000 --> 00:00:05.000\n<i>Bye</i>\n',
    );
    expect(parseVtt(written, 'en').doc).toEqual(parseVtt(SAMPLE, 'en').doc);
  });

  it('writes one language of a bilingual document and needs to be told which', () => {
    const two: SubtitleDocument = {
      languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }], speakers: [], chapters: [], media: null, metadata: {},
      cues: [{ id: 'c1', start: 0, end: 1200, speaker: null, text: { 'zh-Hans': '你好', en: 'Hi --> there' } }],
    };
    // A document of several languages names each text's language with WebVTT's <lang> span.
    expect(serializeVtt(two, { lang: 'zh-Hans' })).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.200\n<lang zh-Hans>你好</lang>\n');
    expect(serializeVtt(two, { lang: 'en' })).toContain('Hi --&gt; there');
    expect(parseVtt(serializeVtt(two, { lang: 'en' }), 'en').doc.cues[0].text.en).toBe('Hi --> there');
    expect(serializeVtt(two, { langs: ['zh-Hans', 'en'] })).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.200\n<lang zh-Hans>你好</lang>\n<lang en>Hi --&gt; there</lang>\n');
    expect(parseVtt(serializeVtt(two, { langs: ['zh-Hans', 'en'] }), 'x')).toMatchObject({ doc: { languages: two.languages, cues: [{ text: two.cues[0].text }] }, languagesFromFile: true });
    expect(() => serializeVtt(two)).toThrow(/choose one/);
    expect(vttFormat.bilingual).toBe(true);
  });
});

describe('WebVTT signature and header (spec steps 1–12)', () => {
  it('accepts WEBVTT alone, followed by a space, a tab or a line break, after a BOM', () => {
    expect(parseVtt('WEBVTT', 'en')).toEqual({ doc: doc([]), problems: [] });
    for (const head of ['WEBVTT', 'WEBVTT title', 'WEBVTT\ttitle', '\uFEFFWEBVTT']) {
      expect(cues(`${head}\n\n00:01.000 --> 00:02.000\nx\n`)).toEqual([[1000, 2000, 'x']]);
      expect(vttFormat.detect(`${head}\n`, 'a.txt')).toBe(1);
    }
  });

  it('reports a missing or glued signature on line 1, as browsers refuse the file, and reads on', () => {
    for (const text of ['WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n', '00:01.000 --> 00:02.000\nx\n']) {
      const { doc: read, problems } = parseVtt(text, 'en');
      expect(read.cues).toHaveLength(1);
      expect(problems[0]).toMatchObject({ line: 1, severity: 'error' });
    }
    expect(vttFormat.detect('WEBVTTX\n', 'a.txt')).toBe(0);
    expect(vttFormat.detect('nothing', 'a.vtt')).toBe(0.4);
  });

  it('keeps a cue that follows the signature line with no blank line', () => {
    expect(cues(fixture('after-header.vtt'))).toEqual([[0, 1000, 'right after the header\n萨姆·奥尔特曼'], [1000, 2000, 'next']]);
  });

  it('keeps header lines and writes them back', () => {
    const read = parseVtt(fixture('header-lines.vtt'), 'zh-Hans').doc;
    expect(read.metadata).toEqual({ vtt: { header: ' - 字幕 Title\nKind: captions\nLanguage: zh-Hans' } });
    expect(serializeVtt(read)).toBe(fixture('header-lines.vtt'));
  });

  it('reads a header line directly above a timing line as the cue identifier, as Chromium does, and says so', () => {
    const { doc: read, problems } = parseVtt(fixture('header-as-id.vtt'), 'en');
    expect(read.cues[0].extra).toEqual({ vtt: { id: 'Kind: captions' } });
    expect(problems).toEqual([expect.objectContaining({ line: 2, severity: 'warning' })]);
  });
});

describe('WebVTT blocks (collect a WebVTT block)', () => {
  it('splits cues that have no blank line between them: a line holding "-->" ends the cue text', () => {
    const { doc: read, problems } = parseVtt(fixture('no-blank-lines.vtt'), 'zh-Hans');
    expect(read.cues.map((c) => c.text['zh-Hans'])).toEqual(['第一句：芯片', 'Second cue, no blank line above', 'third', 'after the skipped block']);
    // A text line holding "-->" that is no timing line starts a cue that cannot be read: it and its text go.
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[9, 'error'], [10, 'warning']]);
  });

  it('keeps a line of spaces inside a cue (only an empty line ends it) and writes it back', () => {
    const read = parseVtt(fixture('whitespace-lines.vtt'), 'en').doc;
    expect(read.cues[0].text.en).toBe('line one\n   \nafter a line of spaces');
    expect(serializeVtt(read)).toContain('line one\n   \nafter a line of spaces\n');
    expect(parseVtt(serializeVtt(read), 'en').doc).toEqual(read);
  });

  it('reads CRLF, CR and LF line ends and numbers lines across them', () => {
    expect(cues(fixture('line-endings.vtt'))).toEqual([[1000, 2000, 'CRLF'], [2000, 3000, 'CR only'], [3000, 4000, 'LF']]);
    expect(parseVtt('WEBVTT\r\n\r\n00:01.000 --> bad\r\nx\r\n', 'en').problems[0].line).toBe(3);
  });

  it('keeps NOTE, STYLE and REGION blocks where they stood and writes them back in place', () => {
    const { doc: read, problems } = parseVtt(fixture('blocks.vtt'), 'en');
    expect(read.cues.map((c) => c.text.en)).toEqual(['first', 'second', 'NOTE right above a timing line is the cue id', 'last']);
    expect(read.cues[2].extra).toEqual({ vtt: { id: 'NOTE' } });
    const blocks = (read.metadata.vtt as { blocks: { kind: string; before: number }[] }).blocks;
    expect(blocks.map((b) => [b.kind, b.before])).toEqual([['style', 0], ['region', 0], ['note', 0], ['note', 1], ['note', 4]]);
    // A STYLE block after the first cue is ignored by browsers: skipped, line by line; the NOTE-as-id is flagged.
    expect(problems.map((p) => p.line)).toEqual([21, 22, 24]);
    const written = serializeVtt(read);
    expect(written).toContain('WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\nREGION\nid:fred\nwidth:40%\n\nNOTE a comment\nacross lines\n\n00:00:01.000');
    expect(written).toContain('first\n\nNOTE between cues\n\n00:00:02.000');
    expect(written.endsWith('last\n\nNOTE at the end\n')).toBe(true);
    expect(parseVtt(written, 'en').doc).toEqual(read);
  });

  it('follows a kept block to its cue when cues are removed', () => {
    const read = parseVtt('WEBVTT\n\n00:01.000 --> 00:02.000\na\n\nNOTE about b\n\n00:02.000 --> 00:03.000\nb\n', 'en').doc;
    const edited = { ...read, cues: [read.cues[1]] };
    expect(serializeVtt(edited)).toBe('WEBVTT\n\nNOTE about b\n\n00:00:02.000 --> 00:00:03.000\nb\n');
  });

  it('reports text outside any cue, line by line', () => {
    const { doc: read, problems } = parseVtt('WEBVTT\n\n00:01.000 --> 00:02.000\na\n\nstray\ntext\n\n00:03.000 --> 00:04.000\nb\n', 'en');
    expect(read.cues).toHaveLength(2);
    expect(problems.map((p) => [p.line, p.message])).toEqual([[6, 'text outside any cue is ignored: "stray"'], [7, 'text outside any cue is ignored: "text"']]);
  });
});

describe('WebVTT timing lines and timestamps (collect WebVTT cue timings and settings)', () => {
  it.each([
    ['00:01.000', 1000], ['59:59.999', 3599999], ['00:00:01.000', 1000], ['1:00:03.000', 3603000], ['000:00:05.000', 5000],
    ['99999:00:00.000', 99999 * 3600000],
  ])('reads the timestamp %s', (text, ms) => expect(parseVttTimestamp(text)).toBe(ms));

  it.each([
    '1:00.000', '00:1.000', '00:01.00', '00:01.0000', '00:01,000', '00:60.000', '60:00.000', '01:60:00.000', '00:01', '00:01.', ':01.000',
    '-00:01.000', '00:01.000x', '4294967296999:00:00.000',
  ])('refuses the timestamp %s', (text) => expect(parseVttTimestamp(text)).toBeNull());

  it('reads times without spaces around the arrow, settings glued to the end time, tabs', () => {
    expect(parseTimingLine('00:01.000-->00:02.000')).toEqual({ ok: true, timing: { start: 1000, end: 2000, settings: '' } });
    expect(parseTimingLine('00:01.000 -->00:02.000align:start')).toEqual({ ok: true, timing: { start: 1000, end: 2000, settings: 'align:start' } });
    expect(parseTimingLine('\t00:01.000\t-->\t00:02.000\tline:0   size:50% ')).toEqual({ ok: true, timing: { start: 1000, end: 2000, settings: 'line:0 size:50%' } });
    expect(parseTimingLine('00:01.000 - -> 00:02.000')).toMatchObject({ ok: false, reason: 'expected "-->" after the start time' });
    const read = parseVtt(fixture('glued.vtt'), 'en').doc;
    expect(read.cues.map((c) => [c.start, c.end, c.extra?.vtt])).toEqual([
      [1000, 2000, undefined], [2000, 3000, { settings: 'align:start' }], [3000, 4000, { settings: 'line:0 position:20%' }],
      [4000, 5000, { settings: 'size:50% align:end' }],
    ]);
  });

  it('skips a cue with a bad timestamp with a problem naming the line, and keeps the valid ones', () => {
    const { doc: read, problems } = parseVtt(fixture('timestamps.vtt'), 'en');
    expect(read.cues.map((c) => c.text.en)).toEqual(['valid mm:ss.ttt', 'valid three-digit hours', 'valid one-digit hours', 'valid huge hours']);
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.line)).toEqual([3, 6, 9, 12, 15, 18, 21]);
    expect(problems.filter((p) => p.severity === 'warning').map((p) => p.line)).toEqual([4, 7, 10, 13, 16, 19, 22, 30]);
  });

  it('keeps a cue that ends before it starts, as browsers do, and flags its line', () => {
    const { doc: read, problems } = parseVtt(fixture('reversed.vtt'), 'en');
    expect(cues(fixture('reversed.vtt'))).toEqual([[5000, 4000, 'ends before it starts'], [6000, 6000, 'zero length']]);
    expect(problems).toEqual([expect.objectContaining({ line: 3, severity: 'warning' })]);
    expect(parseVtt(serializeVtt(read), 'en').doc.cues.map((c) => [c.start, c.end])).toEqual([[5000, 4000], [6000, 6000]]);
  });

  it('reads cue settings as browsers apply them and warns about the ones they ignore', () => {
    expect(parseCueSettings('line:0 position:10% align:start size:50%')).toMatchObject({ line: 0, snapToLines: true, position: 10, align: 'start', size: 50, ignored: [] });
    expect(parseCueSettings('line:50%,center vertical:rl position:20%,line-left')).toMatchObject({ line: 50, snapToLines: false, vertical: 'rl', position: 20 });
    expect(parseCueSettings('line:abc align:middle position:120% size: :x nocolon').ignored).toEqual(['line:abc', 'align:middle', 'position:120%', 'size:', ':x', 'nocolon']);
    const { doc: read, problems } = parseVtt(fixture('ids-settings.vtt'), 'en');
    expect(read.cues.map((c) => c.extra?.vtt)).toEqual([
      { id: 'intro', settings: 'line:0 position:10% align:start size:50%' }, { id: '第二条', settings: 'vertical:rl line:-2' },
      { id: '   ', settings: 'line:abc align:middle position:120% size:30%' }, { id: '42', settings: 'line:50%,center position:50%,line-left' },
    ]);
    expect(problems).toEqual([{ line: 12, message: 'cue settings browsers ignore: line:abc align:middle position:120%', severity: 'warning' }]);
    expect(parseVtt(serializeVtt(read), 'en').doc).toEqual(read);
  });
});

describe('WebVTT cue text', () => {
  it('decodes character references as browsers do', () => {
    expect(cues(fixture('entities.vtt')).map((c) => c[2])).toEqual([
      'Tom & Jerry <3 > \u200Ex\u200F a\u00A0b',
      '中文 AB \uFFFD € © é',
      '& x &x &unknown; < &#x; & &amp;',
    ]);
  });

  it('replaces NUL with U+FFFD in identifiers and text', () => {
    const read = parseVtt(fixture('nul.vtt'), 'en').doc;
    expect(read.cues[0].extra).toEqual({ vtt: { id: 'id\uFFFDx' } });
    expect(read.cues[0].text.en).toBe('nul \uFFFD here\uFFFD');
  });

  it('makes a voice covering the whole cue its speaker; other voices stay in the text', () => {
    const { doc: read } = parseVtt(fixture('voices.vtt'), 'en');
    expect(read.speakers).toEqual([
      { id: 's1', name: 'Mary', color: speakerColor(0) }, { id: 's2', name: 'John Smith', color: speakerColor(1) },
      { id: 's3', name: 'Tom & Jerry', color: speakerColor(2) }, { id: 's4', name: 'Spaced Name', color: speakerColor(3) },
    ]);
    expect(read.cues.map((c) => [c.speaker, c.text.en])).toEqual([
      ['s1', 'Hello there'], ['s2', 'Shouting'], ['s1', '我们聊芯片\nsecond line'], [null, '<v A>one</v> <v B>two</v>'], [null, '<v>no name'],
      ['s3', 'ampersand in the name'], ['s4', 'spaces'],
    ]);
    expect(read.cues[1].extra).toEqual({ vtt: { voiceClasses: ['loud'] } });
    const written = serializeVtt(read);
    expect(written).toContain('00:00:02.000 --> 00:00:03.000\n<v.loud John Smith>Shouting\n');
    expect(written).toContain('<v Mary>我们聊芯片\nsecond line\n');
    expect(written).toContain('<v Tom &amp; Jerry>ampersand in the name\n');
    expect(parseVtt(written, 'en').doc).toEqual(read);
  });

  it('keeps WebVTT spans, drops tags browsers ignore with a problem on their line', () => {
    const { doc: read, problems } = parseVtt(fixture('spans.vtt'), 'en');
    expect(read.cues.map((c) => c.text.en)).toEqual([
      '<i>italic</i> <b>bold</b> <u>under</u> <c.yellow.bg_blue>class</c>',
      '<lang zh-Hans>中文</lang> <ruby>漢<rt>かん</rt></ruby> <00:02.500>karaoke',
      'red struck x upper',
      '<b>bold with class</b> bad timestamp',
    ]);
    expect(problems.map((p) => [p.line, p.message.split(' ')[0]])).toEqual([
      [10, '<font>'], [10, '</font>'], [10, '<s>'], [10, '</s>'], [10, '<y'], [10, '</I>'], [13, '<1:00.000>'],
    ]);
  });

  it('orders cues as browsers do: start, then the longer first, then file order; warns when the file was not in order', () => {
    const { doc: read, problems } = parseVtt(fixture('order.vtt'), 'en');
    expect(read.cues.map((c) => (c.extra?.vtt as { id: string }).id)).toEqual(['d', 'b', 'e', 'c', 'a']);
    expect(read.cues.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(problems).toEqual([expect.objectContaining({ line: 16, severity: 'warning' })]);
  });

  it('keeps empty cues through a round trip', () => {
    const read = parseVtt(fixture('empty-cues.vtt'), 'en').doc;
    expect(read.cues.map((c) => c.text.en)).toEqual(['', 'between empties', '']);
    expect(serializeVtt(read)).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n00:00:02.000 --> 00:00:03.000\nbetween empties\n\n00:00:03.000 --> 00:00:04.000\n');
    expect(parseVtt(serializeVtt(read), 'en').doc).toEqual(read);
  });
});

describe('WebVTT writing: markup out of Duosub form', () => {
  it('escapes text and keeps WebVTT tags', () => {
    expect(toVttLine('Tom & Jerry: 3 < 5 > 2 -->')).toBe('Tom &amp; Jerry: 3 &lt; 5 &gt; 2 --&gt;');
    expect(toVttLine('<i>斜体</i> <c.x>c</c> <lang en>l</lang> <00:01.000>t <ruby>a<rt>b</rt></ruby>')).toBe('<i>斜体</i> <c.x>c</c> <lang en>l</lang> <00:01.000>t <ruby>a<rt>b</rt></ruby>');
    expect(toVttLine('<I>upper</I> <B>bold</B>')).toBe('<i>upper</i> <b>bold</b>');
    expect(toVttLine('<x> <V Bob> <1:00.000> &amp;')).toBe('&lt;x&gt; &lt;V Bob&gt; &lt;1:00.000&gt; &amp;amp;');
    expect(toVttLine('<v a-->b')).not.toContain('-->');
  });

  it('drops ASS overrides, <font> and <s>', () => {
    expect(toVttLine('{\\i1}a{\\i0} <font color="#ff0000">red</font> <s>gone</s>')).toBe('a red gone');
    expect(toVttLine('{\\unclosed')).toBe('{\\unclosed');
  });

  it('turns a leading {\\anN} into cue settings unless the cue has its own', () => {
    const timing = (text: string, more: Partial<Cue> = {}) => serializeVtt(doc([cue(0, 1000, text, more)])).split('\n')[2];
    expect(timing('{\\an8}顶部')).toBe('00:00:00.000 --> 00:00:01.000 line:0');
    expect(timing('{\\an7}x')).toBe('00:00:00.000 --> 00:00:01.000 line:0 position:0% align:start');
    expect(timing('{\\an9}x')).toBe('00:00:00.000 --> 00:00:01.000 line:0 position:100% align:end');
    expect(timing('{\\an5}x')).toBe('00:00:00.000 --> 00:00:01.000 line:50%,center');
    expect(timing('{\\an2}x')).toBe('00:00:00.000 --> 00:00:01.000');
    expect(timing('{\\an8}x', { extra: { vtt: { settings: 'align:end' } } })).toBe('00:00:00.000 --> 00:00:01.000 align:end');
    expect(serializeVtt(doc([cue(0, 1000, '{\\an8}顶部')]))).toContain('line:0\n顶部\n');
  });

  it('writes speakers as voices and leaves out ids and settings that would break the file', () => {
    const written = serializeVtt(doc([
      cue(0, 1000, 'hi', { speaker: 's1', extra: { vtt: { id: 'a --> b', settings: 'x\ny' } } }),
      cue(1000, 2000, '', { speaker: 's1' }),
    ], { speakers: [{ id: 's1', name: 'Sam <Altman>', color: '#000000' }] }));
    expect(written).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Sam &lt;Altman&gt;>hi\n\n00:00:01.000 --> 00:00:02.000\n<v Sam &lt;Altman&gt;>\n');
    const back = parseVtt(written, 'en').doc;
    expect(back.speakers.map((s) => s.name)).toEqual(['Sam <Altman>']);
    expect(back.cues.map((c) => [c.speaker, c.text.en])).toEqual([['s1', 'hi'], ['s1', '']]);
  });
});

describe('WebVTT on pathological input', () => {
  it('reads a 10 MB single line, a million blank lines, deep nesting and many open tags in linear time', () => {
    const long = 'a&amp;<'.repeat(1_500_000);
    expect(parseVtt(`WEBVTT\n\n00:01.000 --> 00:02.000\n${long}\n`, 'en').doc.cues).toHaveLength(1);
    expect(parseVtt(`WEBVTT\n\n00:01.000 --> 00:02.000\n<v ${'x'.repeat(10_000_000)}\n`, 'en').doc.cues[0].speaker).toBe('s1');
    const blanks = parseVtt(`WEBVTT${'\n'.repeat(1_000_000)}00:01.000 --> 00:02.000\nx\n`, 'en');
    expect(blanks.doc.cues).toHaveLength(1);
    const nested = parseVtt(`WEBVTT\n\n00:01.000 --> 00:02.000\n${'<b><i><c.x>'.repeat(200_000)}deep\n`, 'en');
    expect(nested.doc.cues[0].text.en.endsWith('deep')).toBe(true);
    expect(toVttLine('<v '.repeat(1_000_000)).length).toBeGreaterThan(3_000_000);
    expect(toVttLine('{\\'.repeat(1_000_000)).length).toBe(2_000_000);
    const arrows = parseVtt(`WEBVTT\n\n${'--> x\n'.repeat(200_000)}`, 'en');
    expect(arrows.problems).toHaveLength(200_000);
  });
});

describe('WebVTT round trip (property)', () => {
  // Texts Duosub's markup can hold and WebVTT gives back unchanged: no voices (a leading one would become the
  // speaker), no markup WebVTT drops (<s>, <font>, ASS overrides), no line breaks but between lines.
  const ALPHABET = ['芯', '片', '萨', '姆', '·', '“', '”', '—', 'a', 'Z', ' ', '&', '<', '>', '-', '/', '.', ';', '#', '1', ':', 'i', 'b', 'c', 'x', '\t'];
  const line = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''))
    .filter((l) => l.trim() !== '' && !/<\/?(?:v|s|font)\b|<[IBU]>/i.test(l));
  const text = fc.array(line, { maxLength: 3 }).map((lines) => lines.join('\n'));
  const id = fc.option(fc.constantFrom('intro', '第一条', '42', 'a b', 'NOTE'), { nil: undefined });
  const settings = fc.option(fc.constantFrom('line:0', 'align:start position:10%', 'size:50% vertical:rl', 'line:50%,center'), { nil: undefined });
  const speaker = fc.option(fc.constantFrom('s1', 's2'), { nil: null });
  const rawCue = fc.record({ start: fc.integer({ min: 0, max: 10_000_000 }), length: fc.integer({ min: 0, max: 100_000 }), zh: text, en: text, id, settings, speaker });
  type RawCue = typeof rawCue extends fc.Arbitrary<infer T> ? T : never;
  const speakers = [{ id: 's1', name: '萨姆·奥尔特曼', color: speakerColor(0) }, { id: 's2', name: 'Tom & <Jerry>', color: speakerColor(1) }];

  function generated(raw: RawCue[]): SubtitleDocument {
    // Browsers' order, which reading gives back: start, then the longer first.
    const sorted = [...raw].sort((a, b) => a.start - b.start || b.length - a.length);
    return {
      languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }], speakers, chapters: [], media: null, metadata: {},
      cues: sorted.map((r, i) => {
        const vtt = { ...(r.id !== undefined ? { id: r.id } : {}), ...(r.settings !== undefined ? { settings: r.settings } : {}) };
        return {
          id: `c${i + 1}`, start: r.start, end: r.start + r.length, speaker: r.speaker, text: { 'zh-Hans': r.zh, en: r.en },
          ...(Object.keys(vtt).length > 0 ? { extra: { vtt } } : {}),
        };
      }),
    };
  }

  /** What must survive: times, the stacked text, the speaker's name, id and settings. */
  function essence(d: SubtitleDocument, langs: string[]) {
    const names = new Map(d.speakers.map((s) => [s.id, s.name]));
    return d.cues.map((c) => ({
      start: c.start, end: c.end, text: langs.map((l) => c.text[l] ?? '').filter((t) => t !== '').join('\n'),
      speaker: c.speaker === null ? null : names.get(c.speaker), extra: c.extra?.vtt ?? null,
    }));
  }

  it('serialize → parse gives the same cues, one language', () => {
    fc.assert(fc.property(fc.array(rawCue, { maxLength: 12 }), (raw) => {
      const d = generated(raw);
      const back = parseVtt(serializeVtt(d, { lang: 'zh-Hans' }), 'zh-Hans').doc;
      expect(essence(back, ['zh-Hans'])).toEqual(essence(d, ['zh-Hans']));
    }), { numRuns: 300 });
  });

  it('serialize → parse gives the same cues, bilingual (each language in its <lang> span, top first)', () => {
    fc.assert(fc.property(fc.array(rawCue, { maxLength: 12 }), (raw) => {
      const d = generated(raw);
      const back = parseVtt(serializeVtt(d, { langs: ['en', 'zh-Hans'] }), 'x').doc;
      for (const lang of ['en', 'zh-Hans']) expect(essence(back, [lang])).toEqual(essence(d, [lang]));
      const named = ['en', 'zh-Hans'].filter((l) => d.cues.some((c) => c.text[l] !== ''));
      const codes = back.languages.map((l) => l.code);
      // The order (top first) shows only in a cue holding both languages.
      const both = d.cues.some((c) => c.text.en !== '' && c.text['zh-Hans'] !== '');
      expect(both ? codes : [...codes].sort()).toEqual(named.length > 0 ? named : ['x']);
    }), { numRuns: 300 });
  });

  it('a file Duosub wrote reads back to the same document', () => {
    fc.assert(fc.property(fc.array(rawCue, { maxLength: 12 }), (raw) => {
      const once = parseVtt(serializeVtt(generated(raw), { lang: 'en' }), 'en').doc;
      expect(parseVtt(serializeVtt(once), 'en').doc).toEqual(once);
    }), { numRuns: 200 });
  });
});
