import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { exportDocument } from '../../src/shared/formats/export';
import { FormatError, readSubtitleText } from '../../src/shared/formats/registry';
import { parseTtml, ttmlFormat } from '../../src/shared/formats/ttml';
import { formatTtmlTime, parseTtmlTime, timeBase } from '../../src/shared/formats/ttml-time';
import { serializeTtml, toTtmlMarkup } from '../../src/shared/formats/ttml-write';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/formats/ttml/${name}`, import.meta.url)), 'utf8');
const rows = (d: SubtitleDocument) => d.cues.map((c) => [c.start, c.end, c.speaker, c.text]);

function doc(cueList: SubtitleDocument['cues'], codes: string[], speakers: SubtitleDocument['speakers'] = []): SubtitleDocument {
  return { languages: codes.map((code) => ({ code, name: code })), cues: cueList, speakers, chapters: [], media: null, metadata: {} };
}

describe('ttml: reading', () => {
  it('reads parallel xml:lang divs as one bilingual document, agents as speakers', () => {
    const read = readSubtitleText(fixture('bilingual.ttml'), 'talk.ttml');
    expect(read.format).toBe('ttml');
    expect(read.problems).toEqual([]);
    expect(read.languagesFromFile).toBe(true);
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.metadata.title).toBe('播客 第一期');
    expect(read.doc.speakers.map((s) => [s.id, s.name])).toEqual([['s1', '主持人'], ['s2', '萨姆·奥尔特曼']]);
    expect(rows(read.doc)).toEqual([
      [0, 2500, 's1', { 'zh-Hans': '欢迎收听本期节目。', en: 'Welcome to this episode.' }],
      [2500, 6120, 's2', { 'zh-Hans': '芯片的未来\n在于“能效”——', en: 'The future of chips\nis "efficiency" —' }],
      [7000, 8000, null, { en: 'English only' }],
    ]);
  });

  it('reads DFXP with tick times, referenced and inline styles, entities and <br/>', () => {
    const { doc: d, problems, languagesFromFile } = parseTtml(fixture('netflix.dfxp'), 'en');
    expect(problems).toEqual([]);
    expect(languagesFromFile).toBe(true);
    expect(d.languages.map((l) => l.code)).toEqual(['zh-Hans']);
    expect(rows(d)).toEqual([
      [1000, 2500, null, { 'zh-Hans': '欢迎收听\n本期节目。' }],
      [2500, 6120, null, { 'zh-Hans': '<i>今天的嘉宾是萨姆·奥尔特曼——</i>' }],
      [6120, 9000, null, { 'zh-Hans': '我们聊聊<i>“芯片”</i>&<u>未来</u>。' }],
    ]);
  });

  it('reads frame, sub-frame and offset times relative to the parent div', () => {
    const { doc: d, problems } = parseTtml(fixture('frames.ttml'), 'en');
    expect(problems).toEqual([]);
    expect(d.cues.map((c) => [c.start, c.end, c.text.en])).toEqual([
      [11_501, 12_000, 'Frame clock'], // 10 s + 1 s + 12 frames at 24000/1001 fps
      [13_021, 14_004, 'Sub-frame and frames'],
      [13_600, 14_000, 'Hours'],
      [70_000, 70_500, 'Offset minutes'],
    ]);
  });

  it('reads time expressions per TTML', () => {
    const base = timeBase(new Map([['frameRate', '25'], ['tickRate', '10000000']]));
    expect(parseTtmlTime('00:00:01.5', base)).toBe(1500);
    expect(parseTtmlTime('01:02:03:12', base)).toBe(3_723_480);
    expect(parseTtmlTime('100ms', base)).toBe(100);
    expect(parseTtmlTime('1.5s', base)).toBe(1500);
    expect(parseTtmlTime('2m', base)).toBe(120_000);
    expect(parseTtmlTime('1h', base)).toBe(3_600_000);
    expect(parseTtmlTime('30f', base)).toBe(1200);
    expect(parseTtmlTime('4000t', timeBase(new Map([['tickRate', '1000']])))).toBe(4000);
    expect(parseTtmlTime('4t', timeBase(new Map()))).toBe(4000); // no frame rate: one tick a second
    expect(parseTtmlTime('00:61:00', base)).toBeNull();
    expect(parseTtmlTime('soon', base)).toBeNull();
    expect(formatTtmlTime(3_723_480)).toBe('01:02:03.480');
  });

  it('reads a broken file tolerantly: problems with line numbers, every readable cue kept', () => {
    const { doc: d, problems } = parseTtml(fixture('broken.ttml'), 'en');
    expect(d.cues.map((c) => [c.start, c.end, c.text.en])).toEqual([
      [0, 4000, 'bad begin'],
      [1000, 2000, 'one unclosed'],
      [5000, 4000, 'reversed &bogus; entity'],
      [6000, 7000, 'a < b'],
      [8000, 9000, 'last'],
    ]);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([
      [5, 'warning'], [6, 'error'], [7, 'warning'], [8, 'warning'], [9, 'warning'], [10, 'warning'], [11, 'warning'], [8, 'error'],
    ]);
    expect(problems.find((p) => p.line === 8 && p.severity === 'error')?.message).toContain('ends before it starts');
  });

  it('gives problems, never an exception, for junk, and one clear error for XML that is not TTML', () => {
    for (const junk of ['<', '<tt', '<tt><p begin="', '<!--', '<![CDATA[', '</p></div>', '<tt><p>&#xFFFFFFF;&#0;</p></tt>', '\u0000<tt>\u0001']) {
      expect(() => parseTtml(junk, 'en')).not.toThrow();
    }
    const notTtml = parseTtml('<html><body><p>hi</p></body></html>', 'en');
    expect(notTtml.problems.some((p) => p.severity === 'error' && p.message.includes('<tt>'))).toBe(true);
    expect(() => readSubtitleText('<?xml version="1.0"?><tt xmlns="http://www.w3.org/ns/ttml"><body><p>no time', 'a.ttml')).not.toThrow();
    expect(() => readSubtitleText('<html></html>', 'a.ttml')).toThrow(FormatError);
  });

  it('decodes entities and keeps xml:space="preserve" text', () => {
    const text = '<tt xml:lang="en"><body><p begin="0s" end="1s" xml:space="preserve">a  &lt;b&gt; &#169;&#x4E2D;</p></body></tt>';
    expect(parseTtml(text, 'en').doc.cues[0].text.en).toBe('a  <b> ©中');
  });

  it('detects TTML and DFXP by their root element', () => {
    expect(ttmlFormat.detect(fixture('bilingual.ttml'), 'a.ttml')).toBe(1);
    expect(ttmlFormat.detect(fixture('netflix.dfxp'), 'a.xml')).toBe(1);
    expect(ttmlFormat.detect('<tt:tt xmlns:tt="http://www.w3.org/ns/ttml">', 'a.txt')).toBe(1);
    expect(ttmlFormat.detect('<?xml version="1.0"?><rss></rss>', 'a.xml')).toBe(0);
    expect(ttmlFormat.detect('1\n00:00:01,000 --> 00:00:02,000\n<i>tt</i>\n', 'a.srt')).toBe(0);
  });

  it('stays linear on deep nesting, a 10 MB tag and many empty cues, without recursion', () => {
    const deep = '<tt><body><p begin="0s" end="1s">' + '<span>'.repeat(200_000) + '深' + '</span>'.repeat(200_000) + '</p></body></tt>';
    expect(parseTtml(deep, 'zh').doc.cues[0].text.zh).toBe('深');
    const unclosed = '<tt><body><p begin="0s" end="1s">' + '<span>'.repeat(100_000) + '</p>'.repeat(100_000);
    expect(parseTtml(unclosed, 'zh').doc.cues).toHaveLength(1);
    expect(parseTtml('<tt a="' + 'x'.repeat(10_000_000), 'en').doc.cues).toEqual([]);
    expect(parseTtml('<tt ' + 'a'.repeat(10_000_000) + '>', 'en').doc.cues).toEqual([]);
    expect(parseTtml('<'.repeat(1_000_000), 'en').doc.cues).toEqual([]);
    // A million empty cues take ~2 s unloaded (see the report); 200,000 keep the suite quick.
    const many = '<tt><body>' + '<p begin="0s" end="0s"/>'.repeat(200_000) + '</body></tt>';
    expect(parseTtml(many, 'en').doc.cues).toHaveLength(200_000);
  });
});

describe('ttml: writing', () => {
  const speakers = [{ id: 'sam', name: '萨姆·奥尔特曼 & co', color: '#4e79a7' }, { id: '1 bad id', name: 'Host', color: '#f28e2b' }];
  const bilingual = doc(
    [
      { id: 'a', start: 1000, end: 2000, speaker: 'sam', text: { 'zh-Hans': '<i>你好</i>\n世界', en: '{\\an8}<b>Hello</b> <c.x>world</c>' } },
      { id: 'b', start: 2000, end: 3000, speaker: null, text: {} },
      { id: 'c', start: 3000, end: 4000, speaker: '1 bad id', text: { en: 'A < B & "C"' } },
    ],
    ['zh-Hans', 'en'],
    speakers,
  );

  it('writes one div per language, agents in the head, spans for markup', () => {
    const text = serializeTtml(bilingual, { langs: ['zh-Hans', 'en'] });
    expect(text).toContain('xml:lang="zh-Hans">');
    expect(text).toContain('<ttm:agent xml:id="sam" type="person"><ttm:name type="full">萨姆·奥尔特曼 &amp; co</ttm:name></ttm:agent>');
    expect(text).toContain('<ttm:agent xml:id="speaker2" type="person">');
    expect(text).toContain('<div xml:lang="zh-Hans">\n      <p begin="00:00:01.000" end="00:00:02.000" ttm:agent="sam"><span tts:fontStyle="italic">你好</span><br/>世界</p>\n      <p begin="00:00:02.000" end="00:00:03.000"></p>\n    </div>');
    expect(text).toContain('<p begin="00:00:01.000" end="00:00:02.000" ttm:agent="sam"><span tts:fontWeight="bold">Hello</span> world</p>');
    expect(text).toContain('ttm:agent="speaker2">A &lt; B &amp; &quot;C&quot;</p>');
  });

  it('always writes balanced spans', () => {
    expect(toTtmlMarkup('<i>a<b>b</i>c</b>')).toBe(
      '<span tts:fontStyle="italic">a<span tts:fontWeight="bold">b</span></span><span tts:fontWeight="bold">c</span>',
    );
    expect(toTtmlMarkup('</i>x<u>y')).toBe('x<span tts:textDecoration="underline">y</span>');
    expect(toTtmlMarkup('<font color="#ff0000">红</font>')).toBe('<span tts:color="#ff0000">红</span>');
  });

  it('round-trips a bilingual document through the registry, and exports by id', () => {
    const { text, extension } = exportDocument(bilingual, { format: 'ttml' });
    expect(extension).toBe('.ttml');
    const read = readSubtitleText(text, 'out.ttml');
    expect(read.problems).toEqual([]);
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.speakers.map((s) => s.name)).toEqual(['萨姆·奥尔特曼 & co', 'Host']);
    expect(rows(read.doc)).toEqual([
      [1000, 2000, 's1', { 'zh-Hans': '<i>你好</i>\n世界', en: '<b>Hello</b> world' }],
      [2000, 3000, null, { 'zh-Hans': '' }],
      [3000, 4000, 's2', { en: 'A < B & "C"' }],
    ]);
    const single = readSubtitleText(exportDocument(bilingual, { format: 'ttml', lang: 'en' }).text, 'en.ttml');
    expect(single.doc.languages.map((l) => l.code)).toEqual(['en']);
    expect(single.doc.cues.map((c) => c.text.en)).toEqual(['<b>Hello</b> world', '', 'A < B & "C"']);
  });

  it('round-trips any document exactly to the millisecond: cues, times, texts, speakers (property)', () => {
    const line = fc.string({ unit: fc.constantFrom(...'萨姆芯片“”——, abcXYZ&"\'>'.split('')), minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s !== '');
    const text = fc.array(line, { minLength: 0, maxLength: 3 }).map((l) => l.join('\n'));
    const cue = fc.record({ start: fc.integer({ min: 0, max: 360_000_000 }), len: fc.integer({ min: 0, max: 9_000 }), zh: text, en: text, who: fc.constantFrom(null, 'a', 'b') });
    const people = [{ id: 'a', name: '萨姆', color: '#000000' }, { id: 'b', name: 'Sam <A>', color: '#000000' }];
    fc.assert(
      fc.property(fc.array(cue, { maxLength: 12 }), (items) => {
        const sorted = [...items].sort((a, b) => a.start - b.start || a.len - b.len);
        const d = doc(sorted.map((c, i) => ({ id: `c${i}`, start: c.start, end: c.start + c.len, speaker: c.who, text: { zh: c.zh, en: c.en } })), ['zh', 'en'], people);
        const back = parseTtml(serializeTtml(d, { langs: ['zh', 'en'] }), 'x');
        expect(back.problems).toEqual([]);
        expect(back.doc.cues.map((c) => [c.start, c.end, c.text])).toEqual(d.cues.map((c) => [c.start, c.end, c.text]));
        const names = new Map(back.doc.speakers.map((s) => [s.id, s.name]));
        expect(back.doc.cues.map((c) => (c.speaker ? names.get(c.speaker) : null))).toEqual(d.cues.map((c) => people.find((p) => p.id === c.speaker)?.name ?? null));
      }),
    );
  });
});
