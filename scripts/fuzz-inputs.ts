/**
 * What the fuzzer feeds the readers: seeds written by every writer in the registry (so a new format brings its
 * own seeds), mutations of them, random text, and a fixed set of pathological inputs (a 10 MB line, a million
 * empty cues, deep nesting, binary junk, a 99999-hour time, negative and reversed times, huge numbers, lone
 * surrogates, NUL, and long runs of spaces, CRs, digits, `-->`, `<` that a backtracking pattern is quadratic on).
 * Everything is drawn from one seeded generator, so a seed reproduces a run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formats } from '../src/shared/formats/registry';
import type { Cue, SubtitleDocument } from '../src/shared/model';

export type Random = () => number;

/** mulberry32: tiny, fast, seeded. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rand: Random, n: number) => Math.floor(rand() * n);
const pick = <T>(rand: Random, items: readonly T[]): T => items[int(rand, items.length)];

const TEXTS = [
  '萨姆·奥尔特曼', '芯片', '“引号”', '——', 'Hello, world', "we're breaking news", '<i>斜体</i>', '{\\an8}上面',
  '<b>bold</b> & <u>u</u>', '<font color="#ff0000">红</font>', '{\\i1}ASS{\\i0}', '<v Sam>voice</v>', '&amp; &lt;',
  'a\nb', '', ' ', '-->', '1', '[00:01.00]', '{1}{2}', '<br/>', '"quoted"', '\\N', 'emoji 😀', 'tab\there',
];

/** Tokens the mutator splices in: the syntax of every format, and characters readers trip on. */
const TOKENS = [
  '-->', ' --> ', ':', ',', '.', '\n', '\r\n', '\r', '\n\n', '0', '00', '99', '59', '60', '999', '-', '+', '1e308',
  '99999:00:00,000', '-00:00:01,000', '00:00:01,000 --> 00:00:00,500', 'WEBVTT', 'NOTE ', 'STYLE', 'REGION',
  '[Script Info]', '[V4+ Styles]', '[V4 Styles]', '[Events]', 'Format: ', 'Dialogue: ', 'Style: ', 'Comment: ',
  '{', '}', '{\\', '{\\an8}', '{\\p1}', '\\N', '<', '>', '</', '<i>', '</i>', '<v ', '<c.', '<ruby>', '<rt>',
  '<00:00:01.000>', '&', '&amp;', '&#', '&#x', ';', '[', ']', '[offset:', '[00:00.00]', '[ar:', '{0}{25}', '{1}{1}23.976',
  '<tt xmlns="http://www.w3.org/ns/ttml">', '<body>', '<div>', '<p begin="00:00:01.000" end="00:00:02.000">', '</p>',
  '<span>', '<br/>', 'ttm:agent="', 'xml:lang="', 'tickRate="', 'frameRate="', '10000000t', '25f', '{"start":', '"end":',
  '"text":', '[{', '}]', 'null', 'true', '"format":"duosub"', '"version":1', '"cues":', '"languages":', '\u0000',
  '\uD800', '\uDC00', '\uFEFF', '\u2028', '\u3000', '\uFFFD', '😀', '"', "'", '\\', '\t', ' ', '#', '%',
];

/** A document with `n` cues, some empty, some in Chinese and English, with markup. */
function document(rand: Random, n: number, options: { times?: (i: number) => [number, number]; texts?: readonly string[] } = {}): SubtitleDocument {
  const cues: Cue[] = [];
  let t = int(rand, 10_000);
  for (let i = 0; i < n; i++) {
    const [start, end] = options.times ? options.times(i) : [t, t + int(rand, 5000)];
    t = end + int(rand, 2000);
    const texts = options.texts ?? TEXTS;
    cues.push({ id: `c${i + 1}`, start, end, speaker: null, text: { 'zh-Hans': pick(rand, texts), en: pick(rand, texts) } });
  }
  return {
    languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
    cues,
    speakers: [],
    chapters: [{ start: 0, title: '开始' }],
    media: null,
    metadata: {},
  };
}

/** Every writer's text of `doc`, bilingual where it can, else each language; a writer's refusal is skipped. */
function writeAll(doc: SubtitleDocument): string[] {
  const out: string[] = [];
  for (const format of formats) {
    const serialize = format.serialize;
    if (!serialize) continue;
    const options = format.bilingual ? [{ langs: ['zh-Hans', 'en'] }] : [{ lang: 'zh-Hans' }, { lang: 'en' }];
    for (const option of options) {
      try {
        out.push(serialize.call(format, doc, option));
      } catch {
        // A writer may refuse a document (e.g. times it cannot express); the others still give seeds.
      }
    }
  }
  return out;
}

const HOURS_99999 = 99_999 * 3_600_000;

/** The seed corpus: every writer's output for ordinary and odd documents, plus the test fixtures. */
export function seedCorpus(rand: Random, fixtureDirs: string[]): string[] {
  const seeds: string[] = [];
  for (let i = 0; i < 6; i++) seeds.push(...writeAll(document(rand, 1 + int(rand, 8))));
  seeds.push(...writeAll(document(rand, 3, { times: (i) => [HOURS_99999 + i * 1000, HOURS_99999 + i * 1000 + 500] })));
  seeds.push(...writeAll(document(rand, 3, { times: (i) => [-1000 * (i + 1), 500] })));
  seeds.push(...writeAll(document(rand, 3, { times: (i) => [5000 + i * 1000, 4000 + i * 1000] })));
  seeds.push(...writeAll(document(rand, 3, { times: (i) => [Number.MAX_SAFE_INTEGER - i, Number.MAX_SAFE_INTEGER] })));
  seeds.push(...writeAll(document(rand, 3, { texts: ['\uD800', '\uDC00x', 'a\u0000b', '\u0000', '\uFFFE'] })));
  seeds.push(...writeAll(document(rand, 3, { texts: [''] })));
  for (const dir of fixtureDirs) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (/\.(srt|vtt|ass|ssa|sbv|lrc|ttml|dfxp|xml|sub|json|txt)$/i.test(name)) {
        const text = readFileSync(join(dir, name), 'utf8');
        if (text.length < 200_000) seeds.push(text);
      }
    }
  }
  return seeds;
}

/** One random change: insert, delete, duplicate, swap lines, replace a number, truncate, splice two seeds. */
function mutateOnce(rand: Random, text: string, seeds: readonly string[]): string {
  const at = int(rand, text.length + 1);
  switch (int(rand, 9)) {
    case 0:
      return text.slice(0, at) + pick(rand, TOKENS) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + int(rand, 20));
    case 2: {
      const len = 1 + int(rand, 60);
      return text.slice(0, at + len) + text.slice(at, at + len).repeat(1 + int(rand, 4)) + text.slice(at + len);
    }
    case 3: {
      const lines = text.split('\n');
      const [a, b] = [int(rand, lines.length), int(rand, lines.length)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 4:
      return text.replace(/\d+/, () => pick(rand, ['0', '-1', '99999', '9'.repeat(1 + int(rand, 40)), '1e308', '60', '-0']));
    case 5:
      return text.slice(0, at);
    case 6: {
      const other = pick(rand, seeds);
      return text.slice(0, at) + other.slice(int(rand, other.length + 1));
    }
    case 7:
      return text.slice(0, at) + String.fromCharCode(int(rand, 0x10000)) + text.slice(at);
    default:
      return text.replace(/\n/g, () => (rand() < 0.1 ? pick(rand, ['\r\n', '\r', '\n\n', '']) : '\n'));
  }
}

export function mutate(rand: Random, seeds: readonly string[]): string {
  let text = pick(rand, seeds);
  const times = 1 + int(rand, 6);
  for (let i = 0; i < times; i++) text = mutateOnce(rand, text, seeds);
  return text;
}

/** Text made from scratch: tokens and random characters, or raw code units (binary junk read as text). */
export function generate(rand: Random): string {
  const n = 1 + int(rand, 200);
  let text = '';
  if (rand() < 0.3) {
    for (let i = 0; i < n * 4; i++) text += String.fromCharCode(int(rand, 0x10000));
    return text;
  }
  for (let i = 0; i < n; i++) text += rand() < 0.7 ? pick(rand, TOKENS) : String.fromCharCode(32 + int(rand, 95));
  return text;
}

export interface Pathological {
  name: string;
  make: () => string;
}

const TEN_MB = 10 * 1024 * 1024;
const MILLION = 1_000_000;

/** The inputs the issue names, run once each per fuzz run (they are big; their time is what is tested). */
export function pathological(): Pathological[] {
  const srtEmpty = '00:00:01,000 --> 00:00:02,000\n\n';
  const nested = (open: string, close: string, depth: number) => open.repeat(depth) + 'x' + close.repeat(depth);
  const junk = () => {
    const rand = seeded(7);
    let s = '';
    for (let i = 0; i < 1 << 20; i++) s += String.fromCharCode(int(rand, 0x10000));
    return s;
  };
  return [
    { name: '10 MB single line of letters', make: () => 'a'.repeat(TEN_MB) },
    { name: '10 MB single line of <i>', make: () => '<i>'.repeat(TEN_MB / 3) },
    { name: '10 MB single line of {\\', make: () => '{\\'.repeat(TEN_MB / 2) },
    { name: '10 MB single line of -->', make: () => '00:00:01,000 -->'.repeat(TEN_MB / 16) },
    { name: '10 MB single line of digits', make: () => '9'.repeat(TEN_MB) },
    { name: '10 MB single line of [', make: () => '['.repeat(TEN_MB) },
    { name: '10 MB single line of <', make: () => '<'.repeat(TEN_MB) },
    { name: '10 MB single line of &', make: () => '&#'.repeat(TEN_MB / 2) },
    { name: 'a million blank lines', make: () => '\n'.repeat(MILLION) },
    // The shapes a backtracking `\s*`, `\d+` or `[^>]*` is quadratic on (issue 11: 195 KB of blank lines took 49 s).
    { name: '10 MB of spaces', make: () => ' '.repeat(TEN_MB) + 'x' },
    // A million line breaks, as the blank-line inputs: ten million lines is past the per-character limit of any
    // reader that keeps each line (ASS reads 10 MB of CRs in ~11 s, linearly).
    { name: 'a million bare CRs', make: () => '\r'.repeat(MILLION) },
    { name: 'a million lines of spaces and tabs', make: () => ' \t \n'.repeat(MILLION) },
    { name: 'a million digit lines', make: () => '1\n'.repeat(MILLION) },
    { name: 'a million --> lines', make: () => ' --> \n'.repeat(MILLION) },
    { name: '10 MB of <a', make: () => '<a'.repeat(TEN_MB / 2) },
    { name: '10 MB of mixed syntax', make: () => ' \r\n\t-->{<9:,.'.repeat(TEN_MB / 13) },
    { name: 'a transcript speaker line then 10 MB of spaces', make: () => 'Speaker 1' + ' '.repeat(TEN_MB) + 'x\n' },
    { name: 'an ASS colour tag of 10 MB of spaces', make: () => '[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\c' + ' '.repeat(TEN_MB) + 'x}a\n' },
    { name: 'a million CRLF blank lines', make: () => '\r\n'.repeat(MILLION) },
    { name: 'a million empty SRT cues', make: () => srtEmpty.repeat(MILLION) },
    { name: 'a million empty WebVTT cues', make: () => 'WEBVTT\n\n' + '00:01.000 --> 00:02.000\n\n'.repeat(MILLION) },
    { name: 'a million empty ASS events', make: () => '[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n' + 'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,\n'.repeat(MILLION) },
    { name: 'a million empty LRC lines', make: () => '[00:01.00]\n'.repeat(MILLION) },
    { name: 'a million empty MicroDVD lines', make: () => '{1}{2}\n'.repeat(MILLION) },
    { name: 'a million empty JSON cues', make: () => '[' + '{"start":1,"end":2,"text":""},'.repeat(MILLION - 1) + '{"start":1,"end":2,"text":""}]' },
    { name: 'tags nested 100,000 deep in an SRT cue', make: () => '1\n00:00:01,000 --> 00:00:02,000\n' + nested('<i>', '</i>', 100_000) + '\n' },
    { name: 'voices nested 100,000 deep in a WebVTT cue', make: () => 'WEBVTT\n\n00:01.000 --> 00:02.000\n' + nested('<v a><c.b>', '</c></v>', 100_000) + '\n' },
    { name: 'spans nested 100,000 deep in TTML', make: () => '<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="00:00:01.000" end="00:00:02.000">' + nested('<span>', '</span>', 100_000) + '</p></div></body></tt>' },
    { name: 'override blocks 100,000 deep in ASS', make: () => '[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,' + '{\\i1{'.repeat(100_000) + 'x\n' },
    { name: 'JSON arrays nested 100,000 deep', make: () => nested('[', ']', 100_000) },
    { name: 'a project with objects nested 100,000 deep', make: () => '{"format":"duosub","version":1,"cues":' + nested('{"a":', '}', 100_000) + '}' },
    { name: '1 MB of binary junk', make: junk },
    { name: 'NUL bytes', make: () => '1\n00:00:01,000 --> 00:00:02,000\n' + '\u0000'.repeat(100_000) + '\n' },
    { name: 'lone surrogates', make: () => '1\n00:00:01,000 --> 00:00:02,000\n' + '\uD800\uDC00\uDC00\uD800'.repeat(100_000) + '\n' },
    { name: 'a 99999-hour SRT time', make: () => '1\n99999:00:00,000 --> 99999:00:01,000\nx\n' },
    { name: 'huge numbers everywhere', make: () => `${'9'.repeat(5000)}\n${'9'.repeat(5000)}:00:00,000 --> 00:00:01,${'9'.repeat(5000)}\n[${'9'.repeat(5000)}:00.00]{${'9'.repeat(5000)}}{1}\n{"start":1e309,"end":-1e309,"text":"x"}` },
    { name: 'negative and reversed times', make: () => '1\n-00:00:05,000 --> -00:00:01,000\na\n\n2\n00:00:09,000 --> 00:00:01,000\nb\n' },
  ];
}
