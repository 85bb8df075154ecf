import { describe, expect, it } from 'vitest';
import { parseVtt, serializeVtt } from '../../src/shared/formats/vtt';
import { readSubtitleText } from '../../src/shared/formats/registry';

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

describe('WebVTT', () => {
  it('reads cues with identifiers and settings, skips notes, reports a bad timing by line', () => {
    const { doc, problems } = parseVtt(SAMPLE, 'en');
    expect(doc.cues.map((c) => [c.start, c.end, c.text.en])).toEqual([[1000, 2500, 'Hello\nthere'], [4000, 5000, '<i>Bye</i>']]);
    expect(problems).toEqual([{ line: 11, message: 'bad cue timing "00:00:03.000 --> 00:00:0x.000"', severity: 'error' }]);
  });

  it('is picked by its header and round-trips through the writer', () => {
    const read = readSubtitleText(SAMPLE, 'whatever.txt');
    expect(read.format).toBe('vtt');
    const written = serializeVtt(read.doc);
    expect(written.startsWith('WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHello\nthere\n')).toBe(true);
    expect(parseVtt(written, 'en').doc).toEqual(read.doc);
  });

  it('writes one language of a bilingual document and needs to be told which', () => {
    const doc = {
      languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }], speakers: [], chapters: [], media: null, metadata: {},
      cues: [{ id: 'c1', start: 0, end: 1200, speaker: null, text: { 'zh-Hans': '你好', en: 'Hi --> there' } }],
    };
    expect(serializeVtt(doc, { lang: 'zh-Hans' })).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.200\n你好\n');
    expect(serializeVtt(doc, { lang: 'en' })).toContain('Hi -> there');
    expect(() => serializeVtt(doc)).toThrow(/choose one/);
  });
});
