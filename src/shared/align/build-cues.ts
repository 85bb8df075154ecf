/**
 * Segmentation for auto-timing: each turn (source cue) becomes subtitle-sized cues. Sentences per language are
 * paired with Gale–Church; each pair of sentence groups (a bead) is one cue when every language fits the limits,
 * otherwise it splits at a clause boundary of the language most over its limit, and every other language splits
 * at its clause boundary nearest the same proportion of its characters, until each part fits or has no clause
 * boundary left (a long sentence without commas stays whole, over the limit). Pinned turns stay as they are.
 *
 * Chinese stays paired with its English (issue 12): a CJK cut is only ever at a clause boundary or where the
 * segmenter (text/segment.ts) starts a word — never inside a word, a "·" name or "——" — and never before closing
 * punctuation, a colon or a dash. A cue left with one language empty while its turn has both joins a neighbour.
 * The subtitle language's cuts then follow the spoken language's (Gale–Church cost of each cue pair), and cues
 * whose length ratio is still improbable carry a `review` reason, so auto-time selects them.
 */
import type { Cue, SubtitleDocument } from '../model';
import { cuesOf, requireLanguage } from '../plan/cues';
import { isCjkLanguage } from '../text/script';
import { characterBoundaries, clauseBoundaries, dictionaryWordStarts } from '../text/boundaries';
import { codePoints, cutAt, halfRatio } from '../text/code-points';
import { alignSentences, lengthCost, lengthRatio, textLength, VARIANCE_PER_CHAR } from './gale-church';
import { DEFAULT_CUE_LIMITS, fits, type CueLimits } from './limits';
import { splitSentences } from '../text/sentences';
import { HAN } from '../text/segment';
import { isClosingParticle, NO_LINE_START } from '../text/line-break';

export interface PlannedCue {
  sourceCueId: string;
  speaker: string | null;
  text: Record<string, string>;
  /** The spoken language's text of this cue: what gets aligned to the audio ('' when it has none). */
  spoken: string;
  /** A pinned turn, kept whole with its times: an anchor for the aligner. */
  pinned?: true;
  /** Why this cue's pairing is doubtful (an improbable length ratio): it is selected for review after timing. */
  review?: string;
}

/** Sentences of each language that belong together. */
type Group = Record<string, string[]>;
type Texts = Record<string, string>;

export function planSubtitleCues(
  doc: SubtitleDocument, cueIds: string[] | 'all', spokenLang: string, limits: CueLimits = DEFAULT_CUE_LIMITS,
): PlannedCue[] {
  requireLanguage(doc, spokenLang);
  const langs = doc.languages.map((l) => l.code);
  // The length ratio is the document's, not the turn's: a short turn says little about its language pair.
  const ratios = langs.map((lang) => lengthRatio(doc.cues.map((c) => c.text[langs[0]] ?? ''), doc.cues.map((c) => c.text[lang] ?? '')));
  const planned: PlannedCue[] = [];
  for (const cue of cuesOf(doc, cueIds)) {
    const make = (text: Texts): PlannedCue => ({ sourceCueId: cue.id, speaker: cue.speaker, text, spoken: text[spokenLang] ?? '' });
    if (cue.pinned) {
      planned.push({ ...make({ ...cue.text }), pinned: true });
      continue;
    }
    const parts = planTurn(cue, langs, ratios, spokenLang, limits);
    if (parts.length === 0) planned.push(make({ ...cue.text }));
    for (const part of parts) {
      const review = langs.length >= 2 ? improbableRatio(part, langs[0], langs[1], ratios[1]) : null;
      planned.push(review === null ? make(part) : { ...make(part), review });
    }
  }
  return planned;
}

/** One turn's cues: sentence pairs split to fit, one-sided cues merged, the subtitle language's cuts following the spoken one's. */
function planTurn(cue: Cue, langs: string[], ratios: number[], spokenLang: string, limits: CueLimits): Texts[] {
  const present = langs.filter((lang) => cue.text[lang] !== undefined);
  const split = pairSentences(cue, langs, ratios).flatMap((group) => splitToFit(joinGroup(group, present), present, limits));
  const merged = mergeOneSided(split, present.filter((lang) => (cue.text[lang] ?? '').trim() !== ''));
  // A merged cue may be over the limits again: it splits once more, but only where every language can cut.
  const refit = merged.flatMap((part) => splitToFit(part, present, limits, true));
  const paired = langs.length >= 2 && present.includes(langs[0]) && present.includes(langs[1]);
  return paired ? followCuts(refit, langs[0], langs[1], ratios[1], spokenLang, limits) : refit;
}

/**
 * The turn's sentence groups: Gale–Church beads between the first two languages; any further language is aligned
 * to the first and each of its beads joins the group holding that bead's first sentence of the first language.
 */
function pairSentences(cue: Cue, langs: string[], ratios: number[]): Group[] {
  const sentences = langs.map((lang) => splitSentences(cue.text[lang] ?? '', lang));
  if (langs.length === 1) return sentences[0].map((s) => ({ [langs[0]]: [s] }));
  const beads = alignSentences(sentences[0], sentences[1], ratios[1]);
  const groups: Group[] = beads.map((b) => ({ [langs[0]]: b.zh, [langs[1]]: b.en }));
  // Which group holds each sentence of the first language, to place the other languages' beads.
  const groupOf: number[] = [];
  beads.forEach((b, g) => b.zh.forEach(() => groupOf.push(g)));
  if (groups.length === 0 && sentences.some((s) => s.length > 0)) groups.push({});
  for (let k = 2; k < langs.length; k++) {
    for (const g of groups) g[langs[k]] = [];
    let base = 0;
    for (const bead of alignSentences(sentences[0], sentences[k], ratios[k])) {
      // A bead without first-language sentences joins the group of the next one (the last group at the end).
      const g = groupOf[Math.min(base, groupOf.length - 1)] ?? 0;
      groups[g][langs[k]].push(...bead.en);
      base += bead.zh.length;
    }
  }
  return groups;
}

function separator(lang: string): string {
  return isCjkLanguage(lang) ? '' : ' ';
}

function joinGroup(group: Group, langs: string[]): Texts {
  const texts: Texts = {};
  for (const lang of langs) texts[lang] = (group[lang] ?? []).join(separator(lang));
  return texts;
}

/**
 * A cue with one language empty while its turn has text in both is a subtitle nobody can read in that language:
 * it joins its shorter neighbour instead (the pairing found no counterpart, or a cut left one side bare).
 */
export function mergeOneSided(parts: Texts[], spokenIn: string[]): Texts[] {
  if (spokenIn.length < 2) return parts;
  const out = parts.map((p) => ({ ...p }));
  const oneSided = (p: Texts) => spokenIn.some((lang) => (p[lang] ?? '').trim() === '');
  for (let i = out.findIndex(oneSided); i >= 0 && out.length > 1; i = out.findIndex(oneSided)) {
    const size = (p: Texts | undefined) => (p ? spokenIn.reduce((n, lang) => n + codePoints(p[lang] ?? '').length, 0) : Infinity);
    const j = size(out[i - 1]) <= size(out[i + 1]) ? i - 1 : i + 1;
    const [a, b] = j < i ? [out[j], out[i]] : [out[i], out[j]];
    const merged: Texts = {};
    for (const lang of Object.keys({ ...a, ...b })) merged[lang] = [a[lang] ?? '', b[lang] ?? ''].filter((t) => t.trim() !== '').join(separator(lang));
    out.splice(Math.min(i, j), 2, merged);
  }
  return out;
}

/**
 * A cut between words instead of at a clause boundary, in Gale–Church cost units (−log probability). On the
 * sample, lower costs put more cues in the turns' length-ratio band but end more Chinese cues mid-phrase
 * (0.5: 81.0% in band, 144 mid-phrase ends; 1: 79.5%, 109; 2: 77.4%, 93; not following at all: 77.7%, 98).
 */
const FOLLOW_WORD_COST = 1;

const endsClause = (text: string) => /\p{P}$/u.test(text.trim());

/** Gale–Church cost of one cue's pair of texts; `ratio` is second-language characters per first-language one. */
function pairCost(first: string, second: string, ratio: number): number {
  return lengthCost(textLength(first), textLength(second), ratio, VARIANCE_PER_CHAR * ratio);
}

/**
 * The subtitle language's cuts follow the spoken language's: with the spoken cuts fixed, each cut of the other
 * language between two cues of a turn moves to the clause boundary (else word boundary) where both cues' length
 * ratios are most probable (Gale–Church), as long as both halves still fit. Cues are cut from the spoken side
 * for timing, so that side is the reference; the translation's condensed or reordered clauses follow it.
 */
function followCuts(parts: Texts[], first: string, second: string, ratio: number, spoken: string, limits: CueLimits): Texts[] {
  const follow = spoken === first ? second : first;
  const out = parts.map((p) => ({ ...p }));
  const cost = (a: string, b: string, i: number) => follow === first
    ? pairCost(a, out[i][second], ratio) + pairCost(b, out[i + 1][second], ratio)
    : pairCost(out[i][first], a, ratio) + pairCost(out[i + 1][first], b, ratio);
  for (let i = 0; i + 1 < out.length; i++) {
    const joined = [out[i][follow], out[i + 1][follow]].filter((t) => t.trim() !== '').join(separator(follow));
    const cps = codePoints(joined);
    const current = cost(out[i][follow], out[i + 1][follow], i) + (endsClause(out[i][follow]) ? 0 : FOLLOW_WORD_COST);
    let best: { cost: number; halves: [string, string] } | null = null;
    for (const c of candidates(joined, follow)) {
      if (c.penalty >= WHOLE_PENALTY) continue;
      const halves = cutAt(cps, c.cut);
      if (!halves.every((h) => h !== '' && fits(h, follow, limits))) continue;
      const total = cost(halves[0], halves[1], i) + (c.clause ? 0 : FOLLOW_WORD_COST);
      if (best === null || total < best.cost) best = { cost: total, halves };
    }
    if (best && best.cost < current) [out[i][follow], out[i + 1][follow]] = best.halves;
  }
  return out;
}

/**
 * Gale–Church cost above which a cue's two texts are unlikely to translate each other: −log P(δ) = 2.5, |δ| > 1.74
 * under the paper's loose variance (6.8 per character). Set on the sample: it selects 10 of its 555 cues, those
 * with 5–11 English characters per Chinese one (the turns' band is 1.75–3.85) or long cues at 1.5, not the usual spread.
 */
export const REVIEW_COST = 2.5;

/** Why the pair of `first` and `second` in this cue looks wrong, or null when its lengths are plausible. */
export function improbableRatio(texts: Texts, first: string, second: string, ratio: number): string | null {
  const [l1, l2] = [textLength(texts[first] ?? ''), textLength(texts[second] ?? '')];
  if (l1 === 0 || l2 === 0) return null;
  const cost = lengthCost(l1, l2, ratio, VARIANCE_PER_CHAR * ratio);
  if (cost <= REVIEW_COST) return null;
  const expected = Math.round(ratio * l1);
  return `${second} has ${l2} characters for ${l1} of ${first} (about ${expected} expected): check that they translate each other`;
}

/**
 * Splits a pair of texts in two, recursively, until every language fits the limits. The cut is chosen jointly:
 * each language cuts near one common proportion t of its characters (translations keep order and rough length),
 * preferring clause boundaries, then word boundaries (any character in CJK text, so that costs more), and t stays
 * near the middle. A part stays whole, over the limit, only when no language can cut inside it (one long word).
 */
export function splitToFit(texts: Texts, langs: string[], limits: CueLimits, everyLanguage = false): Texts[] {
  if (langs.every((lang) => fits(texts[lang], lang, limits))) return [texts];
  const cuts = jointCut(texts, langs, everyLanguage);
  if (cuts === null) return [texts];
  const first: Texts = {};
  const second: Texts = {};
  for (const lang of langs) [first[lang], second[lang]] = cutAt(codePoints(texts[lang]), cuts[lang]);
  return [...splitToFit(first, langs, limits, everyLanguage), ...splitToFit(second, langs, limits, everyLanguage)];
}

/** Costs, in units of proportion mismatch: a word cut is worth a 12% shift, a cut between CJK characters 20%. */
const WORD_PENALTY = 0.12;
const CJK_CHAR_PENALTY = 0.2;
/** Keeping a language whole on one side is a last resort (a one-word text). */
const WHOLE_PENALTY = 1;
/** Weight of |t − ½|: a cut near the middle needs fewer further cuts. */
const BALANCE_WEIGHT = 0.5;

interface Candidate {
  cut: number;
  ratio: number;
  penalty: number;
  clause: boolean;
}

/** Where a text may cut, each with the share (0…1) of its characters before the cut. */
function candidates(text: string, lang: string): Candidate[] {
  const cps = codePoints(text);
  const cjk = isCjkLanguage(lang);
  const clauses = new Set(clauseBoundaries(cps, cjk));
  const at = (cut: number, penalty: number, clause: boolean): Candidate => ({ cut, ratio: halfRatio(cutAt(cps, cut)), penalty, clause });
  const out = [at(0, WHOLE_PENALTY, false), at(cps.length, WHOLE_PENALTY, false)];
  for (const cut of clauses) out.push(at(cut, 0, true));
  // CJK: every character boundary is a candidate, those between words (by the dictionary, else by the guess
  // below) cheaper than those inside one.
  const words = cjk ? dictionaryWordStarts(cps, lang) : null;
  for (const cut of characterBoundaries(cps, cjk)) {
    if (clauses.has(cut)) continue;
    // With a segmenter a Chinese word is never cut; without one, a likely word boundary is only cheaper.
    if (words && !words.has(cut)) continue;
    out.push(at(cut, !cjk || words || softCjkBoundary(cps, cut) ? WORD_PENALTY : CJK_CHAR_PENALTY, false));
  }
  // No CJK cue may start with closing punctuation or a dash, nor with a particle standing alone as a word
  // (找到|了, 我们|的): those belong to the text before them. 的确 and 过去 start with a word, not a particle.
  // The line-break rules decide, so a cue and a line start alike: no closing punctuation, colon or dash
  // (NO_LINE_START), no particle standing alone as a word.
  const bound = (cut: number) => isClosingParticle(cps[cut]) && (words === null || words.has(cut + 1) || cut + 1 === cps.length);
  return cjk ? out.filter((c) => c.cut === 0 || c.cut === cps.length || !(NO_LINE_START.has(cps[c.cut]) || bound(c.cut))) : out;
}

/** Particles a Chinese phrase ends with, and conjunctions/prepositions one starts with: cuts there split no word. */
const ENDS_PHRASE = new Set(['的', '了', '着', '过', '地', '得', '—', ':', '：', '、']);
const STARTS_PHRASE = new Set(['和', '与', '及', '或', '但', '而', '并', '在', '把', '被', '对', '从', '向', '为', '让', '给', '将', '就', '也', '都', '—']);

/** Where the platform has no dictionary: the cuts between CJK characters least likely to split a word (after 的, before 和, at a script change). */
function softCjkBoundary(cps: string[], cut: number): boolean {
  const [before, after] = [cps[cut - 1], cps[cut]];
  if (before === '—' && after === '—') return false;
  return ENDS_PHRASE.has(before) || STARTS_PHRASE.has(after) || HAN.test(before) !== HAN.test(after);
}

/**
 * The cut of every language, or null when no language can cut strictly inside its text (with `everyLanguage`,
 * when some language cannot: a cut that leaves a language empty on one side is then no option).
 */
function jointCut(texts: Texts, langs: string[], everyLanguage: boolean): Record<string, number> | null {
  const present = langs.filter((lang) => texts[lang].trim() !== '');
  const all = present.map((lang): [string, Candidate[]] => [lang, candidates(texts[lang], lang)]);
  const options = new Map(everyLanguage ? all.map(([lang, list]): [string, Candidate[]] => [lang, list.filter((c) => c.penalty < WHOLE_PENALTY)]) : all);
  if ([...options.values()].some((list) => list.length === 0)) return null;
  const inner = [...options.values()].flat().filter((c) => c.penalty < WHOLE_PENALTY);
  if (inner.length === 0) return null;
  const targets = [0.5, ...inner.filter((c) => c.clause).map((c) => c.ratio)];
  let best: { cost: number; cuts: Record<string, number> } | null = null;
  for (const t of targets) {
    let cost = BALANCE_WEIGHT * Math.abs(t - 0.5);
    const cuts: Record<string, number> = {};
    for (const lang of langs) cuts[lang] = 0;
    for (const [lang, list] of options) {
      const pick = cheapest(list, t);
      cost += Math.abs(pick.ratio - t) + pick.penalty;
      cuts[lang] = pick.cut;
    }
    const splits = present.some((lang) => cuts[lang] > 0 && cuts[lang] < codePoints(texts[lang]).length);
    if (splits && (best === null || cost < best.cost)) best = { cost, cuts };
  }
  return best?.cuts ?? null;
}

function cheapest(list: Candidate[], t: number): Candidate {
  let best = list[0];
  const cost = (c: Candidate) => Math.abs(c.ratio - t) + c.penalty;
  for (const c of list) if (cost(c) < cost(best)) best = c;
  return best;
}
