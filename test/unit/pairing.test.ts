import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinTexts } from '../../src/shared/commands/merge';
import { readSubtitleText } from '../../src/shared/formats/registry';
import type { Cue, SubtitleDocument } from '../../src/shared/model';
import { joinInLanguage, pairDocuments } from '../../src/shared/pairing';

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23).replace('.', ',');
const srt = (cues: [number, number, string][]) =>
  cues.map(([start, end, text], i) => `${i + 1}\n${clock(start)} --> ${clock(end)}\n${text}\n`).join('\n');

// film.zh.srt and film.en.srt: equal times, an English split, an English merge, a cue on each side alone,
// overlapping neighbours, drifted times.
const FILM_ZH = srt([
  [1000, 3000, '大家好，欢迎收听。'],
  [3500, 7500, '今天我们请到了萨姆·阿尔特曼。'],
  [8000, 9500, '他来自OpenAI。'],
  [9500, 11000, '他做芯片。'],
  [12000, 13000, '（笑声）'],
  [14000, 16050, '“引号”——真好。'],
  [15950, 18000, '谢谢。'],
  [22000, 24000, '再见。'],
  [26000, 27000, '好'],
]);
const FILM_EN = srt([
  [1000, 3000, 'Hello, and welcome.'],
  [3500, 5500, 'Today our guest is'],
  [5500, 7500, 'Sam Altman.'],
  [8000, 11000, 'He is from OpenAI,\nand he builds chips.'],
  [14000, 16000, '"Quotes" -- nice.'],
  [16000, 18000, 'Thank you.'],
  [20000, 21000, '[applause]'],
  [22900, 24900, 'Goodbye.'],
  [26600, 27600, 'OK'],
]);

const rows = (d: SubtitleDocument) => d.cues.map((c) => [c.id, c.start, c.end, c.text['zh-Hans'] ?? null, c.text.en ?? null]);

function doc(code: string, cues: [number, number, string][], extra: Partial<SubtitleDocument> = {}): SubtitleDocument {
  return {
    languages: [{ code, name: code }],
    cues: cues.map(([start, end, text], i): Cue => ({ id: `c${i + 1}`, start, end, speaker: null, text: { [code]: text } })),
    speakers: [], chapters: [], media: null, metadata: {}, ...extra,
  };
}

describe('pairDocuments: film.zh.srt + film.en.srt', () => {
  const zh = readSubtitleText(FILM_ZH, 'film.zh.srt').doc;
  const en = readSubtitleText(FILM_EN, 'film.en.srt').doc;
  const { doc: paired, report } = pairDocuments(zh, en);

  it('reads the two files as zh-Hans and en', () => {
    expect(zh.languages.map((l) => l.code)).toEqual(['zh-Hans']);
    expect(en.languages.map((l) => l.code)).toEqual(['en']);
  });

  it('pairs by time: one-to-one, a split joined, a merge grouped, lone cues kept in time order', () => {
    expect(paired.languages).toEqual([{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }]);
    expect(rows(paired)).toEqual([
      ['c1', 1000, 3000, '大家好，欢迎收听。', 'Hello, and welcome.'],
      // English split one Chinese cue in two: joined with a space.
      ['c2', 3500, 7500, '今天我们请到了萨姆·阿尔特曼。', 'Today our guest is Sam Altman.'],
      // English merged two Chinese cues: they are grouped (Chinese joined without a space), first id kept.
      ['c3', 8000, 11000, '他来自OpenAI。他做芯片。', 'He is from OpenAI,\nand he builds chips.'],
      ['c5', 12000, 13000, '（笑声）', null],
      // Overlapping neighbours stay apart.
      ['c6', 14000, 16050, '“引号”——真好。', '"Quotes" -- nice.'],
      ['c7', 15950, 18000, '谢谢。', 'Thank you.'],
      // Paired with nothing: its own cue, with a fresh id.
      ['c10', 20000, 21000, null, '[applause]'],
      // Drifted by 0.9 s (more than half inside) and by 0.6 s (40% each way, each other's best).
      ['c8', 22000, 24000, '再见。', 'Goodbye.'],
      ['c9', 26000, 27000, '好', 'OK'],
    ]);
  });

  it('reports how many paired, how many were joined, and every cue left alone', () => {
    expect(report).toEqual({
      paired: 7,
      joined: 2,
      unpaired: [
        { lang: 'zh-Hans', start: 12000, end: 13000, text: '（笑声）' },
        { lang: 'en', start: 20000, end: 21000, text: '[applause]' },
      ],
    });
  });

  it('loses no text of either file', () => {
    const all = (d: SubtitleDocument, lang: string) => d.cues.map((c) => c.text[lang] ?? '').join('').replace(/\s/g, '');
    expect(all(paired, 'en')).toBe(all(en, 'en'));
    expect(all(paired, 'zh-Hans')).toBe(all(zh, 'zh-Hans'));
  });

  it('pairs the other way round too (English base, Chinese added)', () => {
    const back = pairDocuments(en, zh);
    expect(back.doc.languages.map((l) => l.code)).toEqual(['en', 'zh-Hans']);
    const c2 = back.doc.cues.find((c) => c.id === 'c2')!;
    // The English split is grouped now, and the English joined with a space.
    expect([c2.start, c2.end, c2.text.en, c2.text['zh-Hans']]).toEqual([3500, 7500, 'Today our guest is Sam Altman.', '今天我们请到了萨姆·阿尔特曼。']);
    const c4 = back.doc.cues.find((c) => c.id === 'c4')!;
    expect(c4.text['zh-Hans']).toBe('他来自OpenAI。他做芯片。');
    expect(back.report.unpaired.map((u) => u.lang)).toEqual(['zh-Hans', 'en']);
  });
});

describe('pairDocuments: rules', () => {
  it('refuses an added language the document already has, and a file with several languages', () => {
    const zh = doc('zh-Hans', [[0, 1000, '你好']]);
    expect(() => pairDocuments(zh, doc('zh-Hans', [[0, 1000, '你好']]))).toThrow(/already has the language zh-Hans/);
    expect(() => pairDocuments(zh, doc('en', [[0, 1000, 'Hi']]), { lang: 'zh-Hans' })).toThrow(/already has/);
    const two = { ...doc('en', [[0, 1000, 'Hi']]), languages: [{ code: 'en', name: 'en' }, { code: 'fr', name: 'fr' }] };
    expect(() => pairDocuments(zh, two)).toThrow(/must hold one language; it holds 2 \(en, fr\)/);
  });

  it('options.lang names the added language', () => {
    const { doc: out } = pairDocuments(doc('zh-Hans', [[0, 1000, '你好']]), doc('en', [[0, 1000, 'Hi']]), { lang: 'en-GB' });
    expect(out.languages[1]).toEqual({ code: 'en-GB', name: 'en-GB' });
    expect(out.cues[0].text).toEqual({ 'zh-Hans': '你好', 'en-GB': 'Hi' });
  });

  it("keeps the base's speakers, chapters, media and metadata; added speakers map by name", () => {
    const base: SubtitleDocument = {
      ...doc('zh-Hans', [[0, 1000, '你好'], [2000, 3000, '再见']]),
      speakers: [{ id: 's0', name: 'Sam', color: '#4e79a7' }],
      chapters: [{ start: 0, title: '开场' }],
      media: { path: 'film.mp4', duration: 9000 },
      metadata: { title: '电影' },
    };
    base.cues[0].speaker = 's0';
    const added: SubtitleDocument = {
      ...doc('en', [[0, 1000, 'Hi'], [2000, 3000, 'Bye'], [5000, 6000, 'Later'], [7000, 8000, 'Who?']]),
      speakers: [{ id: 'a', name: 'Sam', color: '#000000' }, { id: 'b', name: 'Kim', color: '#000000' }],
    };
    added.cues[1].speaker = 'b';
    added.cues[2].speaker = 'a';
    added.cues[3].speaker = 'b';
    const { doc: out } = pairDocuments(base, added);
    expect(out.chapters).toBe(base.chapters);
    expect(out.media).toBe(base.media);
    expect(out.metadata).toBe(base.metadata);
    expect(out.speakers.map((s) => [s.id, s.name])).toEqual([['s0', 'Sam'], ['s1', 'Kim']]);
    expect(out.cues.map((c) => [c.id, c.speaker])).toEqual([['c1', 's0'], ['c2', 's1'], ['c3', 's0'], ['c4', 's1']]);
  });

  it('new cues get ids the base does not use', () => {
    const base = doc('zh-Hans', [[0, 1000, '一'], [2000, 3000, '二']]);
    base.cues[0].id = 'c3';
    const { doc: out } = pairDocuments(base, doc('en', [[5000, 6000, 'x'], [7000, 8000, 'y']]));
    const ids = out.cues.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 2)).toEqual(['c3', 'c2']);
  });

  it('one long added cue over many base cues groups them; many added cues in one base cue join', () => {
    const base = doc('zh-Hans', [[0, 1000, '一'], [1000, 2000, '二'], [2000, 3000, '三'], [5000, 9000, '很长的一句']]);
    const added = doc('en', [[0, 3000, 'One two three'], [5000, 6000, 'A'], [6000, 7000, 'long'], [7000, 9000, 'line']]);
    const { doc: out, report } = pairDocuments(base, added);
    expect(rows(out)).toEqual([
      ['c1', 0, 3000, '一二三', 'One two three'],
      ['c4', 5000, 9000, '很长的一句', 'A long line'],
    ]);
    expect(report).toEqual({ paired: 2, joined: 2, unpaired: [] });
  });

  it('a base cue holding two languages keeps both when grouped, and gains a third', () => {
    const base: SubtitleDocument = {
      ...doc('zh-Hans', []),
      languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
      cues: [
        { id: 'a', start: 0, end: 1000, speaker: null, text: { 'zh-Hans': '你好', en: 'Hello' } },
        { id: 'b', start: 1000, end: 2000, speaker: null, text: { 'zh-Hans': '世界', en: 'world' } },
      ],
    };
    const { doc: out } = pairDocuments(base, doc('ja', [[0, 2000, 'こんにちは世界']]));
    expect(out.cues).toEqual([{ id: 'a', start: 0, end: 2000, speaker: null, text: { 'zh-Hans': '你好世界', en: 'Hello world', ja: 'こんにちは世界' } }]);
  });

  it('touching neighbours, zero-length cues, unsorted added cues and an empty base', () => {
    const base = doc('zh-Hans', [[0, 2000, '一'], [2000, 4000, '二']]);
    const added = doc('en', [[2100, 4000, 'two'], [1900, 1900, 'blip'], [0, 1900, 'one']]);
    const { doc: out, report } = pairDocuments(base, added);
    expect(rows(out)).toEqual([['c1', 0, 2000, '一', 'one blip'], ['c2', 2000, 4000, '二', 'two']]);
    expect(report.unpaired).toEqual([]);
    const empty = pairDocuments(doc('zh-Hans', []), added);
    expect(empty.doc.cues.map((c) => [c.start, c.text.en])).toEqual([[0, 'one'], [1900, 'blip'], [2100, 'two']]);
    expect(empty.report).toMatchObject({ paired: 0, joined: 0 });
    expect(empty.report.unpaired).toHaveLength(3);
  });

  it('a cue that only touches its neighbour is not paired with it', () => {
    const { doc: out, report } = pairDocuments(doc('zh-Hans', [[0, 2000, '一']]), doc('en', [[1900, 4000, 'later']]));
    expect(rows(out)).toEqual([['c1', 0, 2000, '一', null], ['c2', 1900, 4000, null, 'later']]);
    expect(report.unpaired.map((u) => u.lang)).toEqual(['zh-Hans', 'en']);
  });

  it('joins in one pass the way merge does, for any texts', () => {
    fc.assert(fc.property(fc.array(fc.string()), fc.constantFrom('zh-Hans', 'en', 'ja', 'fr'), (texts, lang) => {
      expect(joinInLanguage(texts, lang)).toBe(texts.reduce((a, b) => joinTexts(a, b, lang), ''));
    }));
  });

  it('100,000 + 100,000 cues pair (two sorted sweeps, not all pairs)', () => {
    const n = 100_000;
    const base = doc('zh-Hans', Array.from({ length: n }, (_, i): [number, number, string] => [i * 2000, i * 2000 + 1800, `第${i}句`]));
    const added = doc('en', Array.from({ length: n }, (_, i): [number, number, string] => [i * 2000 + 150, i * 2000 + 1900, `Line ${i}`]));
    const { doc: out, report } = pairDocuments(base, added);
    expect(out.cues).toHaveLength(n);
    expect(report.paired).toBe(n);
    expect(out.cues[n - 1].text.en).toBe(`Line ${n - 1}`);
  });

  it('a pathological file (every cue over every other) still finishes', () => {
    const n = 20_000;
    const base = doc('zh-Hans', Array.from({ length: n }, (_, i): [number, number, string] => [i, 10_000_000, `${i}`]));
    const added = doc('en', Array.from({ length: n }, (_, i): [number, number, string] => [i, 10_000_000, `${i}`]));
    expect(pairDocuments(base, added).doc.cues.length).toBeGreaterThan(0);
  });
});
