/** What the user is told after adding a language from a file: one summary line, and where each unpaired cue went. */
import type { AddLanguageResult } from '../../../shared/api';
import type { SubtitleDocument } from '../../../shared/model';
import type { PairReport } from '../../../shared/pairing';

export type UnpairedCue = PairReport['unpaired'][number];

/** "Added en from film.en.srt: 412 paired, 3 joined, 2 unpaired — listed below". */
export function reportSummary(result: Pick<AddLanguageResult, 'lang' | 'fileName' | 'report'>): string {
  const { paired, joined, unpaired } = result.report;
  const tail = unpaired.length ? ' — listed below' : '';
  return `Added ${result.lang} from ${result.fileName}: ${paired} paired, ${joined} joined, ${unpaired.length} unpaired${tail}`;
}

/**
 * The cue an unpaired one became (kept as its own cue): same times and its text in that language; else the cue
 * with that text starting nearest; null when it is gone (an edit removed it since).
 */
export function cueOfUnpaired(doc: SubtitleDocument, item: UnpairedCue): string | null {
  let best: { id: string; distance: number } | null = null;
  for (const cue of doc.cues) {
    if ((cue.text[item.lang] ?? '') !== item.text) continue;
    const distance = Math.abs(cue.start - item.start) + Math.abs(cue.end - item.end);
    if (distance === 0) return cue.id;
    if (!best || distance < best.distance) best = { id: cue.id, distance };
  }
  return best?.id ?? null;
}
