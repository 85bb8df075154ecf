/**
 * Where a subtitle line may break, and what each break costs: after punctuation is best, then between phrases,
 * then between words; never inside a word, a number with its unit, a Latin word, a "·" name or "——"; no line
 * starts with closing punctuation or ends with opening punctuation. English keeps capitalised name pairs
 * ("Hock Tan") together where it can. Positions are code points.
 */
import { chunkSpans, HAN, insideSpans, LATIN_OR_DIGIT, unbreakableSpans } from './segment';

/** Break costs, added to a line pair's length difference (in characters) when choosing where to break. */
export const COST = { clause: 0, phrase: 2, word: 5, weakWord: 20, character: 40, namePair: 25 } as const;

/** Never at the start of a line: closing punctuation, and what attaches to the text before it. */
export const NO_LINE_START = new Set([...'，。！？；：、）》」』”’〉】〕］｝…—―,.;:!?)]}%％']);
/** Never at the end of a line: opening punctuation. */
export const NO_LINE_END = new Set([...'（《「『“‘〈【〔［｛([{']);
/** After these a clause or sentence ends. */
const CLAUSE_END = new Set([...'，。！？；：、…,.;:!?—']);
/** Particles that close the word before them: no line starts with one (我们|的, 好|吗). */
const CLINGS_BEFORE = new Set([...'的们吗呢吧啊呀嘛']);
/** The same, but also the first character of words (地方, 得到, 了解, 着重, 过去): only when the segmenter leaves them alone (出色|地). */
const CLINGS_WHEN_ALONE = new Set([...'地得了着过']);
/** A particle that closes the word before it (的 了 们 吗 …): standing alone, it never starts a line or a cue. */
export function isClosingParticle(char: string | undefined): boolean {
  return char !== undefined && (CLINGS_BEFORE.has(char) || CLINGS_WHEN_ALONE.has(char));
}
/** Function words that open a phrase: a break before them is between phrases (陈福阳 / 和查理·卡瓦斯). */
const OPENS_PHRASE = ['以及', '并且', '但是', '而且', '因为', '所以', '如果', '或者', '还是', '然后', '不过', '和', '与', '及', '但', '而', '并', '或'];
/** Single characters BudouX rightly keeps alone; next to any other lone character a boundary is likely inside a word. */
const LONE_WORDS = new Set([...'的地得了着过们是在和与及将这那也都就还又很把被对从向为让给而并但或我你他她它']);

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);

/** Break costs for CJK text: position → cost; forbidden positions are absent. */
export function cjkBreakCosts(cps: string[], lang: string): Map<number, number> {
  const costs = new Map<number, number>();
  const spans = unbreakableSpans(cps, lang);
  const inside = insideSpans(spans);
  const chunks = chunkSpans(cps, lang) ?? cps.map((_, i): [number, number] => [i, i + 1]);
  const chunkAt = new Map<number, [number, number]>();
  for (const chunk of chunks) for (let p = chunk[0]; p < chunk[1]; p++) chunkAt.set(p, chunk);
  // A unit's edges start words even where BudouX glued it to a neighbour (卡瓦斯将 → 卡瓦斯|将).
  const starts = new Set([...chunks.map(([s]) => s), ...spans.flat()]);
  const deGlued = deGlue(cps, chunks);
  const alone = (p: number) => chunkAt.get(p)?.[1] === p + 1 && chunkAt.get(p)?.[0] === p;
  for (let p = 1; p < cps.length; p++) {
    if (inside.has(p) || NO_LINE_START.has(cps[p]) || NO_LINE_END.has(cps[p - 1]) || CLINGS_BEFORE.has(cps[p])) continue;
    if (CLINGS_WHEN_ALONE.has(cps[p]) && alone(p)) continue;
    costs.set(p, cjkCost(cps, p, starts, chunkAt, deGlued));
  }
  return costs;
}

function cjkCost(cps: string[], p: number, starts: Set<number>, chunkAt: Map<number, [number, number]>, deGlued: Set<number>): number {
  if (CLAUSE_END.has(cps[p - 1]) || NO_LINE_START.has(cps[p - 1]) && CLAUSE_END.has(cps[p - 2] ?? '')) return COST.clause;
  if (isSpace(cps[p - 1]) || isSpace(cps[p])) return isNamePair(wordBefore(cps, p), wordAfter(cps, p)) ? COST.namePair : COST.word;
  if (!starts.has(p) && !scriptChange(cps, p)) return COST.character;
  // A lone character next to the boundary that is no word of its own: BudouX likely cut a word (参|与, 人|工智|能).
  const lone = (chunk: [number, number] | undefined) => chunk !== undefined && chunk[1] - chunk[0] === 1 && !LONE_WORDS.has(cps[chunk[0]]);
  if (deGlued.has(p) || lone(chunkAt.get(p - 1)) || lone(chunkAt.get(p))) return COST.weakWord;
  if (OPENS_PHRASE.some((w) => cps.slice(p, p + w.length).join('') === w)) return COST.phrase;
  // …and no line ends with one (陈福阳和 / 查理).
  if (OPENS_PHRASE.some((w) => cps.slice(p - w.length, p).join('') === w)) return COST.weakWord;
  return COST.word;
}

const scriptChange = (cps: string[], p: number): boolean => LATIN_OR_DIGIT.test(cps[p - 1]) !== LATIN_OR_DIGIT.test(cps[p]);

/**
 * Boundaries that split an attributive phrase from its 的 (人类|文明的下一代) or 的 from its head (的|下一代):
 * the chunk right before 的 and the one right after it stay with it where another break fits.
 */
function deGlue(cps: string[], chunks: Array<[number, number]>): Set<number> {
  const glued = new Set<number>();
  chunks.forEach(([s, e], k) => {
    if (e - s !== 1 || cps[s] !== '的') return;
    if (k > 0) glued.add(chunks[k - 1][0]);
    glued.add(e);
  });
  return glued;
}

/** Break costs for space-separated text: after each space; capitalised name pairs (Hock Tan) cost more. */
export function latinBreakCosts(cps: string[]): Map<number, number> {
  const costs = new Map<number, number>();
  for (let p = 1; p < cps.length; p++) {
    if (!isSpace(cps[p - 1]) || isSpace(cps[p])) continue;
    const [prevWord, nextWord] = [wordBefore(cps, p), wordAfter(cps, p)];
    if (NO_LINE_START.has(cps[p]) || NO_LINE_END.has(prevWord.slice(-1))) continue;
    if (/[,.;:!?…—]["'”’)]?$/u.test(prevWord)) costs.set(p, COST.clause);
    else costs.set(p, isNamePair(prevWord, nextWord) ? COST.namePair : COST.word);
  }
  return costs;
}

/** The Latin word (letters, digits, marks) ending before position `p`, across spaces: "Sam" for "Sam |Altman". */
function wordBefore(cps: string[], p: number): string {
  let end = p;
  while (end > 0 && isSpace(cps[end - 1])) end--;
  let start = end;
  while (start > 0 && !isSpace(cps[start - 1]) && !HAN.test(cps[start - 1])) start--;
  return cps.slice(start, end).join('');
}

/** The word starting at or after position `p`, across spaces. */
function wordAfter(cps: string[], p: number): string {
  let start = p;
  while (start < cps.length && isSpace(cps[start])) start++;
  let end = start;
  while (end < cps.length && !isSpace(cps[end]) && !HAN.test(cps[end])) end++;
  return cps.slice(start, end).join('');
}


/** Two capitalised words in a row, the first not an "I" or a sentence opener like "The". */
function isNamePair(prev: string, next: string): boolean {
  const capital = (w: string) => /^\p{Lu}\p{Ll}/u.test(w);
  return capital(prev) && capital(next.replace(/^["'“‘(]/u, '')) && !/^(?:The|A|An|And|But|So|In|On|At|Of|To|For|From|With|By|If|When|This|That)$/u.test(prev);
}

/** The two sides of a break at `p`, trimmed. */
function halves(cps: string[], p: number): [string, string] {
  return [cps.slice(0, p).join('').trimEnd(), cps.slice(p).join('').trimStart()];
}

/** Break costs for `cps`; CJK text falls back to any character boundary outside a unit when none is allowed. */
export function breakCosts(cps: string[], lang: string, cjk: boolean): Map<number, number> {
  return cjk ? cjkBreakCosts(cps, lang) : latinBreakCosts(cps);
}

/** The best single break within `width` on both sides (cost plus imbalance), or null when none fits. */
export function bestPair(cps: string[], costs: Map<number, number>, width: number): [string, string] | null {
  let best: { p: number; score: number } | null = null;
  for (const [p, cost] of costs) {
    const [a, b] = [trimmedLength(cps, 0, p), trimmedLength(cps, p, cps.length)];
    if (a > width || b > width || a === 0 || b === 0) continue;
    const score = Math.abs(a - b) + cost;
    if (best === null || score < best.score) best = { p, score };
  }
  return best ? halves(cps, best.p) : null;
}

/** Each extra line costs this much: the fewest lines first, then the best places. */
const LINE_COST = 8;
/** A last line this short (an orphan: "设施。") costs as much as a weak break. */
const ORPHAN = 3;

/**
 * Lines within `width` at the breaks that cost least in all (break costs, a quarter of the room each line leaves unused,
 * an orphaned last line), by dynamic programming over the allowed breaks; a unit longer than the width keeps a
 * line of its own (where nothing fits, the first allowed break is taken).
 */
export function fillLines(cps: string[], lang: string, cjk: boolean, width: number): string[] {
  const costs = breakCosts(cps, lang, cjk);
  const ends = [...costs.keys(), cps.length].sort((a, b) => a - b);
  const best = new Map<number, { score: number; from: number }>([[0, { score: 0, from: -1 }]]);
  const starts = [0];
  for (const end of ends) {
    let pick: { score: number; from: number } | null = null;
    for (let k = starts.length - 1; k >= 0; k--) {
      const start = starts[k];
      const used = trimmedLength(cps, start, end);
      // Starts further back only make the line longer: once one was tried, an overlong line ends the search.
      if (pick !== null && used > width) break;
      const last = end === cps.length;
      const over = used > width ? 1000 * (used - width) : 0;
      const unused = last ? (used <= ORPHAN ? COST.weakWord : 0) : (width - used) / 4;
      const score = best.get(start)!.score + LINE_COST + over + unused + (last ? 0 : costs.get(end)!);
      if (pick === null || score < pick.score) pick = { score, from: start };
    }
    if (pick) best.set(end, pick);
    starts.push(end);
  }
  const lines: string[] = [];
  for (let end = cps.length; end > 0; end = best.get(end)!.from) lines.unshift(cps.slice(best.get(end)!.from, end).join('').trim());
  return lines;
}

/** The length of cps[start, end) without its leading and trailing whitespace, without building the string. */
function trimmedLength(cps: string[], start: number, end: number): number {
  let [s, e] = [start, end];
  while (s < e && isSpace(cps[s])) s++;
  while (e > s && isSpace(cps[e - 1])) e--;
  return e - s;
}
