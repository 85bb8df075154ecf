/**
 * Word boundaries for Chinese (and Japanese) text, the same in Node and in the page.
 *
 * The segmenter is BudouX (pure JavaScript, a 75 KB model made for CJK line breaking, synchronous, no platform
 * data): ICU's word breaker behind Intl.Segmenter cuts 芯片 and every transliterated name into characters, and
 * jieba-wasm, although its dictionary keeps more compounds whole, needs a 4 MB wasm compiled asynchronously in the
 * page. BudouX still cuts some compounds (人|工智|能, 新|型), so the boundaries it gives are graded here and the
 * units below are never cut at all. Positions are code points, strictly inside the text.
 */
import { jaModel, Parser, zhHansModel, zhHantModel } from 'budoux';

const parsers = new Map<string, Parser>();

/** The BudouX model for a language tag: Traditional for zh-Hant/zh-TW/zh-HK, Japanese for ja, else Simplified. */
function parserFor(lang: string): Parser | null {
  const tag = lang.toLowerCase();
  let key: string | null = null;
  if (/^ja(?:-|$)/.test(tag)) key = 'ja';
  else if (/^(?:zh|yue|cmn|wuu|lzh|hak|nan)(?:-|$)/.test(tag)) key = /hant|-tw|-hk|-mo|^yue/.test(tag) ? 'zh-hant' : 'zh-hans';
  if (key === null) return null;
  let parser = parsers.get(key);
  if (!parser) {
    parser = new Parser(key === 'ja' ? jaModel : key === 'zh-hant' ? zhHantModel : zhHansModel);
    parsers.set(key, parser);
  }
  return parser;
}

/** BudouX's chunks as code-point [start, end) spans; null for a language it does not know. */
export function chunkSpans(cps: string[], lang: string): Array<[number, number]> | null {
  const parser = parserFor(lang);
  if (!parser) return null;
  // Breaking a line asks for the chunks of the same text several times in a row.
  const text = cps.join('');
  if (lastChunks && lastChunks.text === text && lastChunks.parser === parser) return lastChunks.spans.map(([s, e]) => [s, e]);
  const spans = parseSpans(parser, text);
  lastChunks = { text, parser, spans };
  return spans.map(([s, e]) => [s, e]);
}

let lastChunks: { text: string; parser: Parser; spans: Array<[number, number]> } | null = null;

function parseSpans(parser: Parser, text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (const chunk of parser.parse(text)) {
    const end = start + Array.from(chunk).length;
    spans.push([start, end]);
    start = end;
  }
  return spans;
}

/** A character of a Latin word or a number (never cut inside a run of them). */
export const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;
/** Characters that continue a Latin word or a number once inside it: 3.5, 1,000, acast.com, GPT-4, don't. */
const WORD_JOINER = /[.,'’\-_/:&+]/u;
/** Units a number is never cut from (longest first). */
const UNITS = [
  '亿美元', '万美元', '亿元', '万元', '美元', '欧元', '英镑', '日元', '人民币', '吉瓦', '兆瓦', '千瓦', '瓦', '纳米', '公里', '公斤',
  '小时', '分钟', '个月', '周年', '%', '％', '‰', '°', '亿', '万', '千', '百', '年', '月', '日', '号', '点', '倍', '元', '岁', '度',
  '个', '次', '天', '秒', '分', '吨', '米', '家', '位', '名', '台', '块', '层', '代', '款', '集', '届', '条', '项',
];
const NAME_DOT = /[·•・‧]/u;
/** A Chinese character (Han script). */
export const HAN = /\p{Script=Han}/u;
const DASH = /[—―]/u;
const PUNCT = /[\p{P}\s]/u;
const OPENER = /[\p{Ps}\p{Pi}]/u;

/** End of the Latin word or number starting at `i` (with its unit when it is a number). */
function latinRunEnd(cps: string[], i: number): number {
  let j = i + 1;
  while (j < cps.length && (LATIN_OR_DIGIT.test(cps[j]) || (WORD_JOINER.test(cps[j]) && LATIN_OR_DIGIT.test(cps[j + 1] ?? '')))) j++;
  if (!/\p{N}/u.test(cps[j - 1])) return j;
  const rest = cps.slice(j, j + 3).join('');
  const unit = UNITS.find((u) => rest.startsWith(u));
  return unit ? j + Array.from(unit).length : j;
}

/** Start and end of a Han name part around a "·" (萨姆·阿尔特曼): the chunk it lies in, without a joining particle. */
function namePart(cps: string[], chunks: Array<[number, number]>, at: number, side: 'left' | 'right'): number {
  const chunk = chunks.find(([s, e]) => at >= s && at < e);
  if (!chunk) return side === 'left' ? at : at + 1;
  if (side === 'left') {
    let s = chunk[0];
    while (s < at && (!HAN.test(cps[s]) || NAME_GLUE.has(cps[s]))) s++;
    return s;
  }
  let e = chunk[1];
  while (e > at + 1 && (!HAN.test(cps[e - 1]) || NAME_GLUE.has(cps[e - 1]))) e--;
  return e;
}
/** Particles and conjunctions BudouX sometimes joins to a name ("和查理·", "曼和"): not part of the name. */
const NAME_GLUE = new Set(['和', '与', '及', '的', '是', '在', '将', '被', '对', '给', '跟', '同', '说', '或', '也', '都']);

/**
 * Spans nothing may break inside: a Latin word, a number with its unit (3.5亿, 100万, 2024年, 5%, 12GB), a name
 * joined by "·" (萨姆·阿尔特曼, the whole of a chain like 马丁·路德·金), a dash "——" and an ellipsis "……".
 */
export function unbreakableSpans(cps: string[], lang: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const chunks = chunkSpans(cps, lang) ?? cps.map((_, i): [number, number] => [i, i + 1]);
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    let end = i;
    if (LATIN_OR_DIGIT.test(c)) end = latinRunEnd(cps, i);
    else if (DASH.test(c) || c === '…') while (end < cps.length && cps[end] === c) end++;
    if (end - i > 1) spans.push([i, end]);
    if (end > i) i = end - 1;
  }
  for (let i = 1; i < cps.length - 1; i++) {
    if (!NAME_DOT.test(cps[i]) || !HAN.test(cps[i - 1]) || !HAN.test(cps[i + 1])) continue;
    spans.push([namePart(cps, chunks, i - 1, 'left'), namePart(cps, chunks, i + 1, 'right')]);
  }
  return mergeSpans(spans);
}

function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([span[0], span[1]]);
  }
  return out;
}

/** Positions strictly inside one of `spans`. */
export function insideSpans(spans: Array<[number, number]>): Set<number> {
  const inside = new Set<number>();
  for (const [s, e] of spans) for (let p = s + 1; p < e; p++) inside.add(p);
  return inside;
}

/**
 * Where a word starts, strictly inside the text, by the segmenter, never inside an unbreakable span; null for a
 * language without a segmenter.
 */
export function segmentWordStarts(cps: string[], lang: string): Set<number> | null {
  const chunks = chunkSpans(cps, lang);
  if (!chunks) return null;
  const inside = insideSpans(unbreakableSpans(cps, lang));
  const starts = new Set<number>();
  for (const [s] of chunks) if (s > 0 && !inside.has(s)) starts.add(s);
  // After clause punctuation a word starts too, even where BudouX glued the mark to what follows (系统,|搭载).
  for (let p = 1; p < cps.length; p++) if (PUNCT.test(cps[p - 1]) && !OPENER.test(cps[p - 1]) && !PUNCT.test(cps[p]) && !inside.has(p)) starts.add(p);
  // A unit's edges are word starts even when BudouX glued it to its neighbour (来自Open|AI|的 → 来自|OpenAI|的).
  for (const [s, e] of unbreakableSpans(cps, lang)) for (const p of [s, e]) if (p > 0 && p < cps.length && !inside.has(p)) starts.add(p);
  return starts;
}
