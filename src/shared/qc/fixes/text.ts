/** Text fixes: re-break lines within the profile's line length, and trim spaces. */
import { isCjkText, type QcProfile } from '../profiles';

const WORDISH = /[\p{Script=Latin}\p{N}'’.,%-]/u;
/** Full-width punctuation that must not start a line (it belongs to the text before it). */
const NO_LINE_START = /[，。、；：！？）」』》〉】…,.;:!?)]/u;

const len = (s: string): number => Array.from(s).length;

/** Collapses spaces and joins the lines again: CJK lines join directly (with a space only between two Latin words). */
function unbreak(text: string, cjk: boolean): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim().replace(/[ \t]+/g, ' ')).filter((l) => l !== '');
  if (!cjk) return lines.join(' ');
  return lines.reduce((acc, line) => (acc === '' ? line : acc + (WORDISH.test(acc.slice(-1)) && WORDISH.test(line[0]) ? ' ' : '') + line), '');
}

/** Positions (code points) where a line may break: after a space in Latin text; between characters in CJK text, never inside a Latin word or a number. */
function breakPoints(cps: string[], cjk: boolean): number[] {
  const points: number[] = [];
  for (let p = 1; p < cps.length; p++) {
    if (cjk ? !(WORDISH.test(cps[p - 1]) && WORDISH.test(cps[p])) && !NO_LINE_START.test(cps[p]) : cps[p - 1] === ' ') points.push(p);
  }
  return points;
}

/** Breaks `text` into the fewest lines within `width`, as balanced as possible; greedy beyond two lines. */
export function rebreak(text: string, lang: string, profile: QcProfile): string {
  const cjk = isCjkText(lang, profile);
  const flat = unbreak(text, cjk);
  const width = profile.charsPerLine;
  if (len(flat) <= width) return flat;
  const cps = Array.from(flat);
  let best: [string, string] | null = null;
  for (const p of breakPoints(cps, cjk)) {
    const pair: [string, string] = [cps.slice(0, p).join('').trimEnd(), cps.slice(p).join('').trimStart()];
    if (len(pair[0]) > width || len(pair[1]) > width) continue;
    if (best === null || Math.abs(len(pair[0]) - len(pair[1])) < Math.abs(len(best[0]) - len(best[1]))) best = pair;
  }
  if (best) return best.join('\n');
  return greedy(cps, cjk, width).join('\n');
}

/** As many characters per line as fit; an unbreakable run longer than the width keeps a line of its own. */
function greedy(cps: string[], cjk: boolean, width: number): string[] {
  const lines: string[] = [];
  let rest = cps;
  while (len(rest.join('')) > width) {
    const points = breakPoints(rest, cjk);
    const fitting = points.filter((p) => len(rest.slice(0, p).join('').trimEnd()) <= width);
    const p = fitting.length ? fitting[fitting.length - 1] : points[0];
    if (p === undefined) break;
    lines.push(rest.slice(0, p).join('').trimEnd());
    rest = Array.from(rest.slice(p).join('').trimStart());
  }
  lines.push(rest.join(''));
  return lines;
}

/** Trims every line and collapses runs of spaces (ideographic spaces included). */
export function trimSpaces(text: string): string {
  return text.split(/\r?\n/).map((l) => l.replace(/^[ \t\u3000]+|[ \t\u3000]+$/g, '').replace(/([ \t\u3000])[ \t\u3000]+/g, '$1')).join('\n');
}
