import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormatError, detectFormat, readSubtitleText, serializeDocument } from '../../src/shared/formats/registry';
import { documentInfo } from '../../src/shared/info';

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
const sample = read('../../resources/sample/openai-podcast-ep8.zh-en.txt');
const golden = read('../fixtures/formats/golden.srt');

describe('format registry', () => {
  it('picks the format by content, whatever the file is called', () => {
    expect(detectFormat(sample, 'notes.md')?.id).toBe('transcript');
    expect(detectFormat(golden, 'subs.txt')?.id).toBe('srt');
    expect(readSubtitleText(serializeDocument(readSubtitleText(sample, 'a.txt').doc, 'duosub'), 'x').format).toBe('duosub');
  });

  it('converts the sample to SRT in either language', () => {
    const { doc } = readSubtitleText(sample, 'a.txt');
    const zh = readSubtitleText(serializeDocument(doc, 'srt', { lang: 'zh-Hans' }), 'zh.srt', { lang: 'zh-Hans' });
    expect(zh.doc.cues.map((c) => c.text['zh-Hans'])).toEqual(doc.cues.map((c) => c.text['zh-Hans']));
    expect(() => serializeDocument(doc, 'srt')).toThrow(/zh-Hans, en/);
  });

  it('throws FormatError only when nothing can be read', () => {
    expect(() => readSubtitleText('', 'a.srt')).toThrow(FormatError);
    expect(() => readSubtitleText('just prose', 'a.txt')).toThrow(/not a subtitle file/);
    const bad = '1\n00:00:0x,000 --> 00:00:02,000\nhi\n';
    expect(() => readSubtitleText(bad, 'a.srt')).toThrow(expect.objectContaining({ line: 2, message: 'bad timecode "00:00:0x,000"' }));
    const partly = readSubtitleText(`${bad}\n2\n00:00:03,000 --> 00:00:04,000\nok\n`, 'a.srt');
    expect(partly.doc.cues).toHaveLength(1);
    expect(partly.problems).toEqual([{ line: 2, message: 'bad timecode "00:00:0x,000"', severity: 'error' }]);
  });

  it('summarises a document', () => {
    const { doc, problems, format } = readSubtitleText(sample, 'a.txt');
    const info = documentInfo(doc, format, 'utf-8', problems);
    expect(info).toMatchObject({ format: 'transcript', languages: ['zh-Hans', 'en'], cues: 98, untimed: true, problems: [] });
    expect(info.speakers).toEqual(['Speaker 0', 'Speaker 1', 'Speaker 2', 'Speaker 3', 'Speaker 4']);
    expect(info.chapters[8]).toEqual({ start: 1_430_000, title: '总结与未来项目' });
    expect(info.duration).toBe(doc.cues[97].end);
  });
});
