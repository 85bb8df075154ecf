/**
 * One file, two languages per cue: the bilingual SRT (or WebVTT, SBV …) that stacks a Chinese line above an
 * English one in every cue. Each line is put in a script by `scriptOf` (a Chinese line with an English name is
 * Chinese); the file becomes two languages when at least 60% of the non-empty cues hold lines of both scripts in
 * the same order (first script above the second) and at most 10% the other way round. The script on top is the
 * first language, so exporting writes the cues back the same way. Cues in one script put their text in that
 * script's language; lines with no letters ("♪", "2024") go with the line above them (or below, at the top).
 */
import type { Cue, Problem, SubtitleDocument } from '../model';
import { languageName } from '../model';
import { guessLanguageDetail, SCRIPT_NAMES, type GuessOptions } from './languages';
import { scriptOf, scriptOfLanguage, type ScriptCode } from '../text/script';

/** Share of the non-empty cues that must hold both scripts in one order for the file to be read as two languages. */
export const MIN_MIXED_SHARE = 0.6;
/** Share of the non-empty cues that may hold both scripts the other way round. */
export const MAX_REVERSED_SHARE = 0.1;

interface CueLines {
  lines: string[];
  scripts: (ScriptCode | null)[];
}

export interface BilingualAnalysis {
  /** The two scripts, top one first; null when the cues hold fewer than two scripts. */
  scripts: [ScriptCode, ScriptCode] | null;
  /** Cues with any text. */
  nonEmpty: number;
  /** Cues with lines of the top script, then lines of the other. */
  inOrder: number;
  /** Cues with both scripts the other way round. */
  reversed: number;
  /** Cues whose scripts alternate more than once (zh, en, zh). */
  interleaved: number;
  /** Enough cues hold both scripts in one order (see MIN_MIXED_SHARE, MAX_REVERSED_SHARE). */
  bilingual: boolean;
}

function cueLines(doc: SubtitleDocument, lang: string): CueLines[] {
  // Plain loops: this runs over every line of a file (270,000 lines for 100,000 bilingual cues).
  const out: CueLines[] = new Array(doc.cues.length);
  for (let c = 0; c < doc.cues.length; c++) {
    const text = doc.cues[c].text[lang] ?? '';
    const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
    const scripts: (ScriptCode | null)[] = new Array(lines.length);
    for (let i = 0; i < lines.length; i++) scripts[i] = scriptOf(lines[i]);
    out[c] = { lines, scripts };
  }
  return out;
}

/** The two scripts with the most lines. */
function twoScripts(cues: CueLines[]): [ScriptCode, ScriptCode] | null {
  const lines: Partial<Record<ScriptCode, number>> = {};
  for (const cue of cues) for (const s of cue.scripts) if (s) lines[s] = (lines[s] ?? 0) + 1;
  const top = (Object.entries(lines) as [ScriptCode, number][]).sort((a, b) => b[1] - a[1]).slice(0, 2);
  return top.length === 2 ? [top[0][0], top[1][0]] : null;
}

/** How the scripts x and y of one cue run: 0 none or one, 1 x then y, 2 y then x, 3 alternating more than once. */
function runShape(scripts: (ScriptCode | null)[], x: ScriptCode, y: ScriptCode): { shape: 0 | 1 | 2 | 3; first: ScriptCode | null } {
  let first: ScriptCode | null = null;
  let last: ScriptCode | null = null;
  let changes = 0;
  for (const s of scripts) {
    if (s !== x && s !== y) continue;
    if (first === null) first = s;
    else if (s !== last) changes++;
    last = s;
  }
  if (changes === 0) return { shape: 0, first };
  if (changes > 1) return { shape: 3, first };
  return { shape: first === x ? 1 : 2, first };
}

function hasText(lines: string[]): boolean {
  for (const line of lines) if (/\S/.test(line)) return true;
  return false;
}

function analyse(cues: CueLines[]): BilingualAnalysis {
  let nonEmpty = 0;
  for (const cue of cues) if (hasText(cue.lines)) nonEmpty++;
  const pair = twoScripts(cues);
  if (!pair) return { scripts: null, nonEmpty, inOrder: 0, reversed: 0, interleaved: 0, bilingual: false };
  let [x, y] = pair;
  let xy = 0;
  let yx = 0;
  let interleaved = 0;
  let firstSeen: ScriptCode | null = null;
  for (const cue of cues) {
    const { shape, first } = runShape(cue.scripts, x, y);
    firstSeen ??= first;
    if (shape === 1) xy++;
    else if (shape === 2) yx++;
    else if (shape === 3) interleaved++;
  }
  // The order most mixed cues have; with none mixed, the script seen first is on top.
  if (yx > xy || (xy === 0 && yx === 0 && firstSeen === y)) [x, y, xy, yx] = [y, x, yx, xy];
  const bilingual = nonEmpty > 0 && xy >= MIN_MIXED_SHARE * nonEmpty && yx <= MAX_REVERSED_SHARE * nonEmpty;
  return { scripts: [x, y], nonEmpty, inOrder: xy, reversed: yx, interleaved, bilingual };
}

/** Whether a one-language document holds two languages per cue, and in which order. */
export function analyseBilingual(doc: SubtitleDocument): BilingualAnalysis {
  const lang = doc.languages[0]?.code;
  return lang === undefined ? analyse([]) : analyse(cueLines(doc, lang));
}

/** Line i goes to side 0 or 1: its script's side, or for a line without letters the side of the line above. */
function sides(scripts: (ScriptCode | null)[], top: ScriptCode, bottom: ScriptCode): number[] {
  const sideOf = (s: ScriptCode | null) => (s === top ? 0 : s === bottom ? 1 : -1);
  let current = scripts.map(sideOf).find((side) => side >= 0) ?? 0;
  return scripts.map((s) => {
    const side = sideOf(s);
    if (side >= 0) current = side;
    return current;
  });
}

/** Joins one side's lines, dropping blank lines at its edges (they separated the two languages). */
function joinSide(lines: string[]): string {
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from].trim() === '') from++;
  while (to > from && lines[to - 1].trim() === '') to--;
  return lines.slice(from, to).join('\n');
}

function divideCue(cue: Cue, lines: CueLines, scripts: [ScriptCode, ScriptCode], codes: [string, string]): Cue {
  const side = sides(lines.scripts, scripts[0], scripts[1]);
  const parts: [string[], string[]] = [[], []];
  lines.lines.forEach((line, i) => parts[side[i]].push(line));
  return { ...cue, text: { [codes[0]]: joinSide(parts[0]), [codes[1]]: joinSide(parts[1]) } };
}

export interface SplitOptions extends GuessOptions {
  /**
   * The two language codes (`--lang zh-Hans,en`), top first: the split is made whenever two scripts are found.
   * When the codes' scripts are the file's two (zh → Chinese, en → Latin), each code goes to its script.
   */
  codes?: [string, string];
}

export interface SplitResult {
  /** Two languages when split; otherwise the input document itself. */
  doc: SubtitleDocument;
  split: boolean;
  analysis: BilingualAnalysis;
  /** What was decided and why, for the user. */
  notes: string[];
  /** Doubtful cases: a few mixed cues left as one language, cues the other way round. */
  problems: Problem[];
}

function sideLines(cues: CueLines[], scripts: [ScriptCode, ScriptCode], side: number): string[] {
  const out: string[] = [];
  for (const c of cues) c.scripts.forEach((s, i) => s === scripts[side] && out.push(c.lines[i]));
  return out;
}

function describe(a: BilingualAnalysis, top: string, bottom: string): string {
  let text = `${a.inOrder} of ${a.nonEmpty} cues hold ${top} lines above ${bottom} lines`;
  if (a.reversed > 0) text += `, ${a.reversed} the other way round`;
  if (a.interleaved > 0) text += `, ${a.interleaved} alternate between them`;
  return text;
}

/**
 * Splits a one-language document whose cues hold two languages into a two-language one (see the file comment
 * for the rule). Never throws; a document that stays one language comes back as it was, with a warning when
 * some of its cues did hold both scripts.
 */
export function splitBilingual(doc: SubtitleDocument, options?: SplitOptions): SplitResult {
  const lang = doc.languages[0]?.code;
  const cues = lang !== undefined && doc.languages.length === 1 ? cueLines(doc, lang) : [];
  const analysis = analyse(cues);
  const same: SplitResult = { doc, split: false, analysis, notes: [], problems: [] };
  const { scripts } = analysis;
  if (!scripts) return same;
  const [top, bottom] = scripts.map((s) => SCRIPT_NAMES[s]);
  const mixed = analysis.inOrder + analysis.reversed + analysis.interleaved;
  if (!analysis.bilingual && !options?.codes) {
    if (mixed > 0) {
      const why = analysis.inOrder < MIN_MIXED_SHARE * analysis.nonEmpty
        ? `at least ${MIN_MIXED_SHARE * 100}% of the cues must, for two languages`
        : `more than ${MAX_REVERSED_SHARE * 100}% are the other way round`;
      const message = `${mixed} of ${analysis.nonEmpty} cues hold both ${top} and ${bottom} lines; kept as one language (${why})`;
      same.problems.push({ line: 0, message, severity: 'warning' });
    }
    return same;
  }
  const codes = options?.codes ? codesInFileOrder(options.codes, scripts) : guessCodes(cues, scripts, options);
  if (!codes) return same;
  const split: SubtitleDocument = {
    ...doc,
    languages: codes.map((code) => ({ code, name: languageName(code) })),
    cues: doc.cues.map((cue, i) => divideCue(cue, cues[i], scripts, codes)),
  };
  const notes = [`two languages in each cue: ${codes[0]} (${top}, on top) and ${codes[1]} (${bottom}); ${describe(analysis, top, bottom)}`];
  const problems: Problem[] = [];
  if (!analysis.bilingual) {
    problems.push({ line: 0, message: `split into ${codes.join(' and ')} as asked, though only ${describe(analysis, top, bottom)}`, severity: 'warning' });
  }
  return { doc: split, split: true, analysis, notes, problems };
}

/** The codes given, top first; when their scripts are the file's two, each goes to its own script whatever the order. */
function codesInFileOrder(codes: [string, string], scripts: [ScriptCode, ScriptCode]): [string, string] {
  const [a, b] = codes.map(scriptOfLanguage);
  if (a === scripts[1] && b === scripts[0]) return [codes[1], codes[0]];
  return codes;
}

function guessCodes(cues: CueLines[], scripts: [ScriptCode, ScriptCode], options?: GuessOptions): [string, string] | null {
  const first = guessLanguageDetail(sideLines(cues, scripts, 0), options).code;
  const second = guessLanguageDetail(sideLines(cues, scripts, 1), options).code;
  return first === second ? null : [first, second];
}
