/** What every planner shares: the Plan shape, cue lookup by id, new ids, and the wording of labels. */
import type { Cue, SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import { CommandError } from './errors';

/** A planned command: one undoable batch, its name for the user, and the cues to select afterwards (null: keep). */
export interface Plan {
  op: Operation & { type: 'batch' };
  label: string;
  select: string[] | null;
}

export function makePlan(ops: Operation[], label: string, select: string[] | null): Plan {
  return { op: { type: 'batch', ops, label }, label, select };
}

/** The index of a cue in document order; a stale id is the user's problem to hear about, not a crash. */
export function cueIndexOf(doc: SubtitleDocument, cueId: string): number {
  const index = doc.cues.findIndex((c) => c.id === cueId);
  if (index < 0) throw new CommandError(`No cue with id ${cueId} (was it deleted?)`);
  return index;
}

export function cueOf(doc: SubtitleDocument, cueId: string): [Cue, number] {
  const index = cueIndexOf(doc, cueId);
  return [doc.cues[index], index];
}

/** Cues named by id (duplicates dropped), or every cue for 'all', in document order. */
export function cuesOf(doc: SubtitleDocument, cueIds: string[] | 'all'): Cue[] {
  if (cueIds === 'all') return doc.cues.slice();
  const indices = [...new Set(cueIds.map((id) => cueIndexOf(doc, id)))].sort((a, b) => a - b);
  return indices.map((i) => doc.cues[i]);
}

/** Users know cues by their 1-based position, not by id. */
export function cueNumber(doc: SubtitleDocument, cueId: string): number {
  return cueIndexOf(doc, cueId) + 1;
}

/** "cue 3", "cues 3–4", "5 cues" — positions of `cues` in `doc`. */
export function describeCues(doc: SubtitleDocument, cues: Cue[]): string {
  if (cues.length === 1) return `cue ${cueNumber(doc, cues[0].id)}`;
  const numbers = cues.map((c) => cueNumber(doc, c.id)).sort((a, b) => a - b);
  const contiguous = numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1);
  return contiguous ? `cues ${numbers[0]}–${numbers[numbers.length - 1]}` : `${cues.length} cues`;
}

/**
 * `<prefix><n>` with n one more than the largest numeric suffix of any id in use: deterministic (main and a
 * replayed journal agree) and never a reuse of an id that exists now.
 */
export function nextId(prefix: string, idsInUse: Iterable<string>): string {
  let max = 0;
  const used = new Set<string>();
  for (const id of idsInUse) {
    used.add(id);
    const m = /(?<!\d)(\d+)$/.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  let n = max + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export function nextCueId(doc: SubtitleDocument): string {
  return nextId('c', doc.cues.map((c) => c.id));
}

export function nextSpeakerId(doc: SubtitleDocument): string {
  return nextId('s', doc.speakers.map((s) => s.id));
}

/** Chinese and Japanese are written without spaces between words; everything else we treat as space-separated. */
export function isCjkLanguage(lang: string): boolean {
  return /^(zh|ja|yue|cmn|wuu|lzh|hak|nan)(-|$)/i.test(lang);
}

export function languageLabel(doc: SubtitleDocument, lang: string): string {
  return doc.languages.find((l) => l.code === lang)?.name ?? lang;
}

export function requireLanguage(doc: SubtitleDocument, lang: string): void {
  if (!doc.languages.some((l) => l.code === lang)) throw new CommandError(`The document has no language ${lang}`);
}

/** Milliseconds as signed seconds for labels: +1.200 s, −0.100 s. */
export function signedSeconds(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  return `${sign}${(Math.abs(ms) / 1000).toFixed(3)} s`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** "5 cues" / "1 cue". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
