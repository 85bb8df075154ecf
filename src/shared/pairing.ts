/**
 * Two files, one document: `film.en.srt` added to `film.zh.srt` as a second language, cue by cue, by time.
 * Cues that belong together (pairing-overlap.ts) become one cue:
 *  - one base cue and one added cue: the added text goes into the base cue;
 *  - one base cue and several added cues (the added file split it): their texts are joined into it;
 *  - several base cues and one or more added cues (the added file merged them): the base cues are grouped into
 *    one cue, as a merge does — the first cue's id, speaker and pin, times spanning them, each language's text
 *    joined — because both languages must be on screen together; giving the whole added text to one base cue
 *    would show it for only part of its time.
 * Joining follows the language: Chinese (and other CJK) without a space, others with one. The base's timing is
 * kept; added times only decide the pairing. A cue that pairs with nothing is kept as it is (an added one
 * becomes its own cue, in time order, with text only in the added language) and listed in the report.
 */
import { isCjkLanguage } from './text/script';
import { languageName, speakerColor, type Cue, type Speaker, type SubtitleDocument } from './model';
import { groupByOverlap, orderByStart } from './pairing-overlap';

export interface UnpairedCue {
  /** The language the cue's text is in (the added language, or a base language). */
  lang: string;
  start: number;
  end: number;
  text: string;
}

export interface PairReport {
  /** Cues of the result holding text from both documents. */
  paired: number;
  /** Of those, how many were made by joining several cues of one side (a split or a merge). */
  joined: number;
  /** Cues that overlapped nothing on the other side, in time order; each is kept as a cue of its own. */
  unpaired: UnpairedCue[];
}

export interface PairOptions {
  /** Code for the added language (default: the added document's own). */
  lang?: string;
}

/**
 * Joins texts of one language in order, as merging cues does (`joinTexts` in commands/merge.ts, applied in turn),
 * in one pass so a group of thousands of cues stays linear.
 */
export function joinInLanguage(texts: string[], lang: string): string {
  const parts = texts.filter((t) => t.trim() !== '');
  // Merge keeps a blank text while everything before it is blank too: all blank, the last one is the result.
  if (parts.length === 0) return texts.at(-1) ?? '';
  const separator = isCjkLanguage(lang) ? '' : ' ';
  return parts.map((t, i) => {
    const head = i > 0 ? t.trimStart() : t;
    return i < parts.length - 1 ? head.trimEnd() : head;
  }).join(separator);
}

/** Fresh cue and speaker ids, never one the base uses. */
function idMaker(used: Iterable<string>, prefix: string, from: number): () => string {
  const taken = new Set(used);
  let n = from;
  return () => {
    while (taken.has(`${prefix}${n}`)) n++;
    taken.add(`${prefix}${n}`);
    return `${prefix}${n}`;
  };
}

/** The added document's one language and the code it gets; a clear Error when it cannot be added. */
function addedLanguage(base: SubtitleDocument, added: SubtitleDocument, options?: PairOptions) {
  if (added.languages.length !== 1) {
    const codes = added.languages.map((l) => l.code).join(', ') || 'none';
    throw new Error(`the added file must hold one language; it holds ${added.languages.length} (${codes})`);
  }
  const own = added.languages[0];
  const code = options?.lang ?? own.code;
  const existing = base.languages.find((l) => l.code === code);
  if (existing) {
    throw new Error(`the document already has the language ${code} (${existing.name}); give the added file another language code`);
  }
  return { from: own.code, language: { code, name: code === own.code ? own.name : languageName(code) } };
}

/** Maps the added file's speakers to the base's by name, adding the ones the base lacks (only when used). */
function speakerMapper(base: SubtitleDocument, added: SubtitleDocument) {
  const speakers: Speaker[] = [...base.speakers];
  const nextId = idMaker(base.speakers.map((s) => s.id), 's', base.speakers.length);
  const mapped = new Map<string, string>();
  const map = (id: string | null): string | null => {
    if (id === null) return null;
    const known = mapped.get(id);
    if (known !== undefined) return known;
    const name = added.speakers.find((s) => s.id === id)?.name ?? id;
    let speaker = speakers.find((s) => s.name === name);
    if (!speaker) speakers.push((speaker = { id: nextId(), name, color: speakerColor(speakers.length) }));
    mapped.set(id, speaker.id);
    return speaker.id;
  };
  return { map, speakers };
}

interface Members {
  base: number[];
  added: number[];
}

/** The members of every group, base cues in base order and added cues by start. */
function membersByGroup(groupOf: Int32Array, nBase: number, addedOrder: Int32Array): Members[] {
  const groups: Members[] = new Array(groupOf.length);
  const of = (g: number) => (groups[g] ??= { base: [], added: [] });
  for (let i = 0; i < nBase; i++) of(groupOf[i]).base.push(i);
  for (const j of addedOrder) of(groupOf[nBase + j]).added.push(j);
  return groups;
}

/**
 * Pairs a one-language document (`added`) into `base` as a new language by time overlap (see the file comment).
 * Throws an Error when `added` does not hold exactly one language, or its language (or `options.lang`) is
 * already in `base`. Keeps base's cue ids, speakers, chapters, media and metadata. O(n log n).
 */
export function pairDocuments(
  base: SubtitleDocument,
  added: SubtitleDocument,
  options?: PairOptions,
): { doc: SubtitleDocument; report: PairReport } {
  const { from, language } = addedLanguage(base, added, options);
  const groupOf = groupByOverlap(base.cues, added.cues);
  const addedOrder = orderByStart(added.cues);
  const groups = membersByGroup(groupOf, base.cues.length, addedOrder);
  const speakers = speakerMapper(base, added);
  const nextCueId = idMaker(base.cues.map((c) => c.id), 'c', base.cues.length + 1);
  const report: PairReport = { paired: 0, joined: 0, unpaired: [] };
  const addedText = (j: number) => added.cues[j].text[from] ?? '';

  const fromBase = (m: Members): Cue => {
    const cue = m.base.length === 1 ? base.cues[m.base[0]] : groupBaseCues(base, m.base);
    if (m.added.length === 0) {
      report.unpaired.push(baseUnpaired(base, cue));
      return cue;
    }
    report.paired++;
    if (m.base.length > 1 || m.added.length > 1) report.joined++;
    const text = joinInLanguage(m.added.map(addedText), language.code);
    const speaker = cue.speaker ?? speakers.map(added.cues[m.added[0]].speaker);
    return { ...cue, speaker, text: { ...cue.text, [language.code]: text } };
  };
  const fromAdded = (j: number): Cue => {
    const a = added.cues[j];
    report.unpaired.push({ lang: language.code, start: a.start, end: a.end, text: addedText(j) });
    const cue: Cue = { id: nextCueId(), start: a.start, end: a.end, speaker: speakers.map(a.speaker), text: { [language.code]: addedText(j) } };
    return a.extra ? { ...cue, extra: a.extra } : cue;
  };

  // Base cues in their order; each added cue that paired with nothing goes in before the first later base cue.
  const cues: Cue[] = [];
  const lonely = [...addedOrder].filter((j) => groups[groupOf[base.cues.length + j]].base.length === 0);
  let next = 0;
  base.cues.forEach((cue, i) => {
    const m = groups[groupOf[i]];
    if (m.base[0] !== i) return; // a later member of a group emitted with its first cue
    const made = fromBase(m);
    while (next < lonely.length && added.cues[lonely[next]].start < made.start) cues.push(fromAdded(lonely[next++]));
    cues.push(made);
  });
  while (next < lonely.length) cues.push(fromAdded(lonely[next++]));
  report.unpaired.sort((a, b) => a.start - b.start || a.end - b.end);
  const doc = { ...base, languages: [...base.languages, language], cues, speakers: speakers.speakers };
  return { doc, report };
}

/** Several base cues as one, the way a merge makes it: the first cue's id, speaker, pin and extra. */
function groupBaseCues(base: SubtitleDocument, members: number[]): Cue {
  const cues = members.map((i) => base.cues[i]);
  const text: Record<string, string> = {};
  for (const { code } of base.languages) {
    if (cues.some((c) => c.text[code] !== undefined)) text[code] = joinInLanguage(cues.map((c) => c.text[code] ?? ''), code);
  }
  const start = cues.reduce((min, c) => Math.min(min, c.start), Infinity);
  const end = cues.reduce((max, c) => Math.max(max, c.end), -Infinity);
  return { ...cues[0], start, end, text };
}

function baseUnpaired(base: SubtitleDocument, cue: Cue): UnpairedCue {
  const lang = base.languages.find((l) => (cue.text[l.code] ?? '').trim() !== '')?.code ?? base.languages[0]?.code ?? '';
  return { lang, start: cue.start, end: cue.end, text: cue.text[lang] ?? '' };
}
