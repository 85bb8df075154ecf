/** Per-speaker facts the speakers panel shows. */
import type { SubtitleDocument } from '../../../shared/model';

/** Cue count per speaker id (`null` key: cues without a speaker). */
export function cueCountsBySpeaker(doc: SubtitleDocument): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const cue of doc.cues) counts.set(cue.speaker, (counts.get(cue.speaker) ?? 0) + 1);
  return counts;
}

/** Ids of the cues of one speaker, in document order. */
export function cuesOfSpeaker(doc: SubtitleDocument, speakerId: string | null): string[] {
  return doc.cues.filter((c) => c.speaker === speakerId).map((c) => c.id);
}

/** A name not yet used: "Speaker 3", "Speaker 4", … */
export function nextSpeakerName(doc: SubtitleDocument, base = 'Speaker'): string {
  const names = new Set(doc.speakers.map((s) => s.name));
  for (let k = doc.speakers.length + 1; ; k++) if (!names.has(`${base} ${k}`)) return `${base} ${k}`;
}
