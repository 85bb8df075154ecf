import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { exportDocument } from '../../src/shared/formats/export';
import { formatLrcTime, lrcFormat, parseLrc, parseLrcTime, serializeLrc } from '../../src/shared/formats/lrc';
import { FormatError, readSubtitleText } from '../../src/shared/formats/registry';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/formats/lrc/${name}`, import.meta.url)), 'utf8');

function doc(cueList: SubtitleDocument['cues'], codes: string[]): SubtitleDocument {
  return { languages: codes.map((code) => ({ code, name: code })), cues: cueList, speakers: [], chapters: [], media: null, metadata: {} };
}

describe('lrc: reading', () => {
  it('reads a bilingual lyric file: same-time lines are one cue, the registry splits the languages', () => {
    const read = readSubtitleText(fixture('song.lrc'), 'song.lrc');
    expect(read.format).toBe('lrc');
    expect(read.problems).toEqual([]);
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.metadata.title).toBe('月亮代表我的心');
    // [offset:+250] shows every line 250 ms earlier; each cue ends where the next starts, or at a bare tag (the
    // [01:08.40] that clears the screen), the last at [length:].
    expect(read.doc.cues.map((c) => [c.start, c.end, c.text['zh-Hans'], c.text.en])).toEqual([
      [15_050, 21_550, '你问我爱你有多深', 'You ask me how deep my love is'],
      [21_550, 61_750, '我爱你有几分', 'How much I love you'],
      [61_750, 68_150, '月亮代表我的心', 'The moon represents my heart'],
      [130_250, 179_750, '月亮代表我的心', 'The moon represents my heart'],
      [179_750, 209_000, '轻轻的一个吻', 'A gentle kiss'],
    ]);
  });

  it('keeps the ID tags and word times, and writes the file back the same', () => {
    const text = fixture('song.lrc');
    const { doc: d } = parseLrc(text, 'x');
    expect(d.metadata.lrc).toEqual({
      tags: [['ti', '月亮代表我的心'], ['ar', '邓丽君'], ['al', '淡淡幽情'], ['by', 'Duosub'], ['length', '03:29'], ['offset', '+250']],
    });
    expect(d.cues[4].extra).toEqual({ lrc: { words: ['<03:00.00>轻轻的<03:01.20>一个吻', '<03:00.00>A gentle <03:01.20>kiss'], at: 179_750 } });
    const written = serializeLrc(d);
    // The multi-time line is written once per time; everything else comes back as it was.
    expect(written).toBe(text.replace(
      '[01:02.00][02:10.50]月亮代表我的心\n[01:02.00][02:10.50]The moon represents my heart\n[01:08.40]\n',
      '[01:02.00]月亮代表我的心\n[01:02.00]The moon represents my heart\n[01:08.40]\n[02:10.50]月亮代表我的心\n[02:10.50]The moon represents my heart\n',
    ));
    expect(parseLrc(written, 'x').doc).toEqual(d);
  });

  it('moves word times with their cue, and drops them when the text was edited', () => {
    const { doc: d } = parseLrc('[00:10.00]<00:10.00>芯片<00:11.50>未来\n[00:20.00]<00:20.00>edited <00:21.00>text\n', 'x');
    const moved = { ...d, cues: [{ ...d.cues[0], start: 12_000 }, { ...d.cues[1], text: { x: 'new text' } }] };
    expect(serializeLrc(moved)).toBe('[00:12.00]<00:12.00>芯片<00:13.50>未来\n[00:20.00]new text\n');
  });

  it('reads a messy file, naming each skipped line, keeping negative times flagged', () => {
    const { doc: d, problems } = parseLrc(fixture('messy.lrc'), 'zh-Hans');
    expect(d.cues.map((c) => [c.start, c.end, c.text['zh-Hans']])).toEqual([
      [-1000, 1000, 'before zero'],
      [1000, 2500, '好'],
      [2500, 6500, '[laughs] 哈'],
    ]);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[2, 'warning'], [3, 'error'], [5, 'warning'], [7, 'error']]);
  });

  it('applies a negative offset the other way', () => {
    const { doc: d } = parseLrc('[offset:-1000]\n[00:01.00]晚一秒\n', 'zh-Hans');
    expect(d.cues[0].start).toBe(2000);
  });

  it('reads the time tag forms players accept', () => {
    expect(parseLrcTime('01:02.34')).toBe(62_340);
    expect(parseLrcTime('01:02')).toBe(62_000);
    expect(parseLrcTime('01:02:34')).toBe(62_340);
    expect(parseLrcTime('01:02.345')).toBe(62_345);
    expect(parseLrcTime('120:00.00')).toBe(7_200_000);
    expect(parseLrcTime('01:75.00')).toBeNull();
    expect(formatLrcTime(62_345)).toBe('01:02.35');
    expect(formatLrcTime(7_200_000)).toBe('120:00.00');
  });

  it('detects LRC by its time tags, and not SRT, ASS or prose', () => {
    expect(lrcFormat.detect(fixture('song.lrc'), 'a.lrc')).toBe(1);
    expect(lrcFormat.detect(fixture('song.lrc'), 'a.txt')).toBeGreaterThan(0.5);
    expect(lrcFormat.detect('[Script Info]\nScriptType: v4.00+\n', 'a.ass')).toBe(0);
    expect(lrcFormat.detect('1\n00:00:01,000 --> 00:00:02,000\nhi\n', 'a.srt')).toBe(0);
    expect(() => readSubtitleText('just words\n', 'a.lrc')).toThrow(FormatError);
  });

  it('stays linear on a 10 MB line of brackets and a million empty lines', () => {
    expect(parseLrc('['.repeat(10_000_000), 'en').doc.cues).toEqual([]);
    expect(parseLrc('[00:01.00]'.repeat(1_000_000), 'en').doc.cues).toHaveLength(1);
    expect(parseLrc('[00:01.00]\n'.repeat(1_000_000), 'en').doc.cues).toHaveLength(1);
    // Bare tags alternate: an empty cue, then its end mark.
    const distinct = Array.from({ length: 100_000 }, (_, i) => `[${i}:00]`).join('\n');
    expect(parseLrc(distinct, 'en').doc.cues).toHaveLength(50_000);
  });
});

describe('lrc: writing', () => {
  const bilingual = doc(
    [
      { id: 'a', start: 1000, end: 2000, speaker: null, text: { 'zh-Hans': '<i>你好</i>', en: 'Hello' } },
      { id: 'b', start: 2000, end: 3000, speaker: null, text: {} },
      { id: 'c', start: 3000, end: 4000, speaker: null, text: { 'zh-Hans': '芯片——“未来”', en: 'Chips — "the future"' } },
      { id: 'd', start: 4000, end: 8000, speaker: null, text: { 'zh-Hans': '萨姆·奥尔特曼', en: 'Sam Altman' } },
    ],
    ['zh-Hans', 'en'],
  );

  it('writes each language under the same tag, plain text, an empty cue as a bare tag, the title as [ti:]', () => {
    const titled = { ...bilingual, metadata: { title: '播客' } };
    // The empty cue follows a cue still on screen: its first bare tag ends that cue, the second is the empty cue.
    expect(serializeLrc(titled, { langs: ['zh-Hans', 'en'] })).toBe(
      '[ti:播客]\n[00:01.00]你好\n[00:01.00]Hello\n[00:02.00]\n[00:02.00]\n[00:03.00]芯片——“未来”\n[00:03.00]Chips — "the future"\n' +
        '[00:04.00]萨姆·奥尔特曼\n[00:04.00]Sam Altman\n',
    );
  });

  it('marks the end of a cue followed by a gap, and of a last cue that is not 4 s long', () => {
    const gaps = doc(
      [
        { id: 'a', start: 1000, end: 1500, speaker: null, text: { x: '芯片' } },
        { id: 'b', start: 3000, end: 3200, speaker: null, text: {} },
        { id: 'c', start: 5000, end: 6000, speaker: null, text: { x: 'end' } },
      ],
      ['x'],
    );
    const text = serializeLrc(gaps);
    expect(text).toBe('[00:01.00]芯片\n[00:01.50]\n[00:03.00]\n[00:03.20]\n[00:05.00]end\n[00:06.00]\n');
    expect(parseLrc(text, 'x').doc.cues.map((c) => [c.start, c.end, c.text.x])).toEqual([
      [1000, 1500, '芯片'],
      [3000, 3200, ''],
      [5000, 6000, 'end'],
    ]);
  });

  it('round-trips a bilingual document through the registry, and exports by id', () => {
    const { text, extension } = exportDocument(bilingual, { format: 'lrc' });
    expect(extension).toBe('.lrc');
    const read = readSubtitleText(text, 'out.lrc');
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.cues.map((c) => [c.start, c.end, c.text['zh-Hans'] ?? '', c.text.en ?? ''])).toEqual([
      [1000, 2000, '你好', 'Hello'],
      [2000, 3000, '', ''],
      [3000, 4000, '芯片——“未来”', 'Chips — "the future"'],
      [4000, 8000, '萨姆·奥尔特曼', 'Sam Altman'],
    ]);
  });

  it('round-trips any document to 10 ms: same cues, starts, ends, texts, empty cues (property)', () => {
    const line = fc.oneof(fc.constant(''), fc.stringMatching(/^[a-zA-Z0-9\u4e00-\u9fa5“”—，。 ]{1,12}$/).filter((s) => s.trim() !== ''));
    const cue = fc.record({ gap: fc.integer({ min: 10, max: 90_000 }), zh: line, en: line, length: fc.integer({ min: 10, max: 90_000 }) });
    fc.assert(
      fc.property(fc.array(cue, { maxLength: 15 }), fc.integer({ min: 0, max: 3_000_000 }), (items, origin) => {
        let t = origin;
        const starts = items.map((c) => (t += c.gap));
        const d = doc(
          // Ends anywhere up to the next start: touching it, or with a gap (an end mark).
          items.map((c, i) => ({ id: `c${i}`, start: starts[i], end: Math.min(starts[i] + c.length, starts[i + 1] ?? Infinity), speaker: null, text: { zh: c.zh.trim(), en: c.en.trim() } })),
          ['zh', 'en'],
        );
        const back = parseLrc(serializeLrc(d, { langs: ['zh', 'en'] }), 'x');
        expect(back.problems).toEqual([]);
        const round10 = (ms: number) => Math.round(ms / 10) * 10;
        expect(back.doc.cues.map((c) => [c.start, c.end, c.text.x])).toEqual(
          d.cues.map((c) => [round10(c.start), round10(c.end), [c.text.zh, c.text.en].filter((t) => t !== '').join('\n')]),
        );
      }),
    );
  });
});
