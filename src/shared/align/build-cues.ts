/**
 * Segmentation for auto-timing: each turn (source cue) becomes subtitle-sized cues. Sentences per language are
 * paired with Gale–Church; each pair of sentence groups (a bead) is one cue when every language fits the limits,
 * otherwise it splits at a clause boundary of the language most over its limit, and every other language splits
 * at its clause boundary nearest the same proportion of its characters, until each part fits or has no clause
 * boundary left (a long sentence without commas stays whole, over the limit). Pinned turns stay as they are.
 */
import type { Cue, SubtitleDocument } from '../model';
import { cuesOf, isCjkLanguage, requireLanguage } from '../commands/common';
import { characterBoundaries, clauseBoundaries, codePoints, cutAt, dictionaryWordStarts, halfRatio } from '../commands/split-point';
import { alignSentences, lengthCost, lengthRatio, textLength, VARIANCE_PER_CHAR } from './gale-church';
import { DEFAULT_CUE_LIMITS, fits, type CueLimits } from './limits';
import { splitSentences } from './sentences';

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
    const present = langs.filter((lang) => cue.text[lang] !== undefined);
    const split = pairSentences(cue, langs, ratios).flatMap((group) => splitToFit(joinGroup(group, present), present, limits));
    const parts = mergeOneSided(split, present.filter((lang) => (cue.text[lang] ?? '').trim() !== ''));
    if (parts.length === 0) planned.push(make({ ...cue.text }));
    for (const part of parts) {
      const review = langs.length >= 2 ? improbableRatio(part, langs[0], langs[1], ratios[1]) : null;
      planned.push(review === null ? make(part) : { ...make(part), review });
    }
  }
  return planned;
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
 * Gale–Church cost above which a cue's two texts are unlikely to translate each other: −log P(δ) for |δ| ≈ 2.3
 * (a two-sided tail of ~2%). Set on the sample: it selects the cues whose length ratio lies far outside the
 * band of the sample's own turns, not the ordinary spread of short cues.
 */
export const REVIEW_COST = 3.9;

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
export function splitToFit(texts: Texts, langs: string[], limits: CueLimits): Texts[] {
  if (langs.every((lang) => fits(texts[lang], lang, limits))) return [texts];
  const cuts = jointCut(texts, langs);
  if (cuts === null) return [texts];
  const first: Texts = {};
  const second: Texts = {};
  for (const lang of langs) [first[lang], second[lang]] = cutAt(codePoints(texts[lang]), cuts[lang]);
  return [...splitToFit(first, langs, limits), ...splitToFit(second, langs, limits)];
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
  // No CJK cue may start with closing punctuation or a dash: those belong to the text before them.
  return cjk ? out.filter((c) => c.cut === 0 || c.cut === cps.length || !STARTS_BADLY.test(cps[c.cut])) : out;
}

/** Closing punctuation, a colon or a dash: never the first character of a CJK cue. */
const STARTS_BADLY = /^[，。！？；：、）》」』】〉)\]}:;,.!?—―…]/u;

/** Particles a Chinese phrase ends with, and conjunctions/prepositions one starts with: cuts there split no word. */
const ENDS_PHRASE = new Set(['的', '了', '着', '过', '地', '得', '—', ':', '：', '、']);
const STARTS_PHRASE = new Set(['和', '与', '及', '或', '但', '而', '并', '在', '把', '被', '对', '从', '向', '为', '让', '给', '将', '就', '也', '都', '—']);
const HAN = /\p{Script=Han}/u;

/** Where the platform has no dictionary: the cuts between CJK characters least likely to split a word (after 的, before 和, at a script change). */
function softCjkBoundary(cps: string[], cut: number): boolean {
  const [before, after] = [cps[cut - 1], cps[cut]];
  if (before === '—' && after === '—') return false;
  return ENDS_PHRASE.has(before) || STARTS_PHRASE.has(after) || HAN.test(before) !== HAN.test(after);
}

/** The cut of every language, or null when no language can cut strictly inside its text. */
function jointCut(texts: Texts, langs: string[]): Record<string, number> | null {
  const present = langs.filter((lang) => texts[lang] !== '');
  const options = new Map(present.map((lang) => [lang, candidates(texts[lang], lang)]));
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
