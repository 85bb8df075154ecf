import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { exportDocument } from '../../src/shared/formats/export';
import { FormatError, readSubtitleText } from '../../src/shared/formats/registry';
import { formatSbvTime, parseSbv, parseSbvTime, sbvFormat, serializeSbv } from '../../src/shared/formats/sbv';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/formats/sbv/${name}`, import.meta.url)), 'utf8');
const cues = (doc: SubtitleDocument, lang: string) => doc.cues.map((c) => [c.start, c.end, c.text[lang]]);

function doc(cueList: SubtitleDocument['cues'], codes: string[]): SubtitleDocument {
  return { languages: codes.map((code) => ({ code, name: code })), cues: cueList, speakers: [], chapters: [], media: null, metadata: {} };
}

describe('sbv: reading', () => {
  it('reads a YouTube bilingual file as two languages through the registry', () => {
    const read = readSubtitleText(fixture('podcast.sbv'), 'podcast.sbv');
    expect(read.format).toBe('sbv');
    expect(read.problems).toEqual([]);
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(cues(read.doc, 'zh-Hans').slice(0, 3)).toEqual([
      [0, 2500, '欢迎收听本期节目。'],
      [2500, 6120, '今天的嘉宾是萨姆·奥尔特曼——'],
      [6120, 9000, '我们聊聊“芯片”。'],
    ]);
    expect(read.doc.cues[1].text.en).toBe("Today's guest is Sam Altman —");
    expect(read.doc.cues).toHaveLength(5);
    expect(read.doc.cues[4]).toMatchObject({ start: 62_345, end: 3_600_000 });
  });

  it('reads a messy file leniently, naming each bad line, keeping reversed cues', () => {
    const { doc: d, problems } = parseSbv(fixture('messy.sbv'), 'en');
    expect(cues(d, 'en')).toEqual([
      [1000, 2000, 'first'],
      [5000, 4000, 'reversed'],
      [6000, 7000, 'no blank line before me'],
    ]);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[1, 'warning'], [6, 'error'], [9, 'error']]);
    expect(problems[1].message).toContain('0:00:0x.000');
    expect(problems[2].message).toContain('ends before it starts');
  });

  it('keeps negative times and flags them', () => {
    const { doc: d, problems } = parseSbv('-0:00:01.000,0:00:02.000\n前\n', 'zh-Hans');
    expect(cues(d, 'zh-Hans')).toEqual([[-1000, 2000, '前']]);
    expect(problems).toEqual([{ line: 1, message: expect.stringContaining('negative'), severity: 'error' }]);
  });

  it('reads SubViewer 2 files (header, [br]) with the same timing lines', () => {
    const text = '[INFORMATION]\n[TITLE]Film\n[END INFORMATION]\n[SUBTITLE]\n00:00:01.00,00:00:02.00\n你好[br]Hello\n';
    const { doc: d, problems } = parseSbv(text, 'en');
    expect(problems).toEqual([]);
    expect(cues(d, 'en')).toEqual([[1000, 2000, '你好\nHello']]);
  });

  it('detects SBV by its timing lines, not SRT or prose', () => {
    expect(sbvFormat.detect(fixture('podcast.sbv'), 'a.sbv')).toBe(1);
    expect(sbvFormat.detect(fixture('podcast.sbv'), 'a.txt')).toBeGreaterThan(0.5);
    expect(sbvFormat.detect('1\n00:00:01,000 --> 00:00:02,000\nhi\n', 'a.srt')).toBe(0);
    expect(sbvFormat.detect('hello, world', 'a.txt')).toBe(0);
  });

  it('gives one clear error for prose named .sbv', () => {
    const { problems } = parseSbv('Dear reader,\nthis is prose.\n', 'en');
    expect(problems.filter((p) => p.severity === 'error')).toHaveLength(1);
    expect(() => readSubtitleText('Dear reader,\nthis is prose.\n', 'a.sbv')).toThrow(FormatError);
  });

  it('reads time forms and rejects bad ones', () => {
    expect(parseSbvTime('0:00:01.5')).toBe(1500);
    expect(parseSbvTime('1:02:03.004')).toBe(3_723_004);
    expect(parseSbvTime('00:59.000')).toBe(59_000);
    expect(parseSbvTime('0:61:00.000')).toBeNull();
    expect(parseSbvTime('99999:00:00.000')).toBe(359_996_400_000);
    expect(formatSbvTime(3_723_004)).toBe('1:02:03.004');
  });

  it('stays linear on a 10 MB line and a million blank lines', () => {
    const long = parseSbv('x'.repeat(10_000_000), 'en');
    expect(long.doc.cues).toEqual([]);
    const blanks = parseSbv('\n'.repeat(1_000_000) + '0:00:01.000,0:00:02.000\nend\n', 'en');
    expect(blanks.doc.cues).toHaveLength(1);
    expect(sbvFormat.detect('\n'.repeat(1_000_000), 'a.sbv')).toBe(0.4);
    expect(parseSbv('0:00:01.000,0:00:01.000\n\n'.repeat(1_000_000), 'en').doc.cues).toHaveLength(1_000_000);
  });
});

describe('sbv: writing', () => {
  const bilingual = doc(
    [
      { id: 'a', start: 0, end: 1500, speaker: null, text: { 'zh-Hans': '<i>你好</i>', en: '{\\an8}Hello' } },
      { id: 'b', start: 1500, end: 2000, speaker: null, text: {} },
      { id: 'c', start: 2000, end: 3000, speaker: null, text: { 'zh-Hans': '只有中文' } },
      { id: 'd', start: 3000, end: 4000, speaker: null, text: { 'zh-Hans': '萨姆·奥尔特曼谈“芯片”——', en: 'Sam Altman on "chips" —' } },
      { id: 'e', start: 4000, end: 5000, speaker: null, text: { 'zh-Hans': '谢谢', en: 'Thanks' } },
    ],
    ['zh-Hans', 'en'],
  );

  it('writes stacked languages, plain text, and empty cues as a bare timing line', () => {
    expect(serializeSbv(bilingual, { langs: ['zh-Hans', 'en'] })).toBe(
      '0:00:00.000,0:00:01.500\n你好\nHello\n\n0:00:01.500,0:00:02.000\n\n0:00:02.000,0:00:03.000\n只有中文\n\n' +
        '0:00:03.000,0:00:04.000\n萨姆·奥尔特曼谈“芯片”——\nSam Altman on "chips" —\n\n0:00:04.000,0:00:05.000\n谢谢\nThanks\n',
    );
    expect(serializeSbv(bilingual, { langs: ['en', 'zh-Hans'] }).split('\n').slice(1, 3)).toEqual(['Hello', '你好']);
  });

  it('round-trips a bilingual document through the registry, and exports by id', () => {
    const text = exportDocument(bilingual, { format: 'sbv' }).text;
    const read = readSubtitleText(text, 'out.sbv');
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.cues.map((c) => [c.start, c.end, c.text['zh-Hans'] ?? '', c.text.en ?? ''])).toEqual([
      [0, 1500, '你好', 'Hello'],
      [1500, 2000, '', ''],
      [2000, 3000, '只有中文', ''],
      [3000, 4000, '萨姆·奥尔特曼谈“芯片”——', 'Sam Altman on "chips" —'],
      [4000, 5000, '谢谢', 'Thanks'],
    ]);
    expect(exportDocument(bilingual, { format: 'sbv', lang: 'en' }).extension).toBe('.sbv');
  });

  it('round-trips any document: same cues, times and texts (property)', () => {
    const line = fc.stringMatching(/^[a-zA-Z0-9\u4e00-\u9fa5“”—，。 ]{1,12}$/).filter((s) => s.trim() !== '' && !s.includes(':'));
    const cue = fc.record({ start: fc.integer({ min: 0, max: 36_000_000 }), len: fc.integer({ min: 0, max: 9_000 }), zh: line, en: line });
    fc.assert(
      fc.property(fc.array(cue, { maxLength: 15 }), (items) => {
        const sorted = [...items].sort((a, b) => a.start - b.start || a.len - b.len);
        const d = doc(sorted.map((c, i) => ({ id: `c${i}`, start: c.start, end: c.start + c.len, speaker: null, text: { zh: c.zh.trim(), en: c.en.trim() } })), ['zh', 'en']);
        const back = parseSbv(serializeSbv(d, { langs: ['zh', 'en'] }), 'x');
        expect(back.problems).toEqual([]);
        expect(back.doc.cues.map((c) => [c.start, c.end, c.text.x])).toEqual(d.cues.map((c) => [c.start, c.end, `${c.text.zh}\n${c.text.en}`]));
        const single = parseSbv(serializeSbv(d, { lang: 'en' }), 'en');
        expect(single.doc.cues.map((c) => c.text.en)).toEqual(d.cues.map((c) => c.text.en));
      }),
    );
  });
});
