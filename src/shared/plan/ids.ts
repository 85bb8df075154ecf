/** New cue and speaker ids that main and a replayed journal agree on. */
import type { SubtitleDocument } from '../model';

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
