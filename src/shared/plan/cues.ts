/** Cues and languages as a planner looks them up: by id, in document order; a stale id is a CommandError. */
import type { Cue, SubtitleDocument } from '../model';
import { CommandError } from './errors';

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

export function languageLabel(doc: SubtitleDocument, lang: string): string {
  return doc.languages.find((l) => l.code === lang)?.name ?? lang;
}

export function requireLanguage(doc: SubtitleDocument, lang: string): void {
  if (!doc.languages.some((l) => l.code === lang)) throw new CommandError(`The document has no language ${lang}`);
}
