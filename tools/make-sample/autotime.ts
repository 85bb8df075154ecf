/**
 * The sample's cues as Duosub itself makes them: the excerpt's turns auto-timed on its audio (the same planning,
 * aligner and plan as `duosub align` and the Auto-time dialog), then finished with the QC fixes a subtitler would
 * click under the Netflix profiles — re-break lines, enforce the minimum gap, lengthen for reading speed.
 */
import { planAutoTime } from '../../src/shared/align/apply';
import { planSubtitleCues } from '../../src/shared/align/build-cues';
import { CommandError } from '../../src/shared/plan/errors';
import type { SubtitleDocument } from '../../src/shared/model';
import { applyOperation } from '../../src/shared/operations';
import { planFix, type FixableRule } from '../../src/shared/qc/fixes/plan';
import { documentProfiles } from '../../src/shared/qc/profiles';
import { alignFragments } from '../../src/node/align/aligner';
import { voiceFor } from '../../src/node/align/alignment';

/** The profiles the sample is made for and opens with (metadata.qcProfiles): Netflix's, per language. */
export const SAMPLE_PROFILES: Record<string, string> = { en: 'netflix-en', 'zh-Hans': 'netflix-zh-hans' };

/** The spoken language of the excerpt: the synthetic voices read the English. */
const SPOKEN = 'en';

/** Fixes in the order a subtitler applies them: text first (line breaks), then the gaps, then reading speed. */
const FINISHING: readonly FixableRule[] = ['cpl', 'min-gap', 'cps'];

export interface AutoTimed {
  doc: SubtitleDocument;
  /** The audio's length as the aligner decoded it (ms). */
  audioMs: number;
  /** Cues the aligner or the pairing doubts, by 1-based number: reported, since the sample should have none. */
  review: number[];
}

/** Auto-times every cue of `turns` (an untimed or turn-timed document) on `audioPath`, as one Auto-time would. */
export async function autoTime(turns: SubtitleDocument, audioPath: string): Promise<AutoTimed> {
  const planned = planSubtitleCues(turns, 'all', SPOKEN);
  const aligned = await alignFragments({ audioPath, fragments: planned.map((p) => p.spoken), language: voiceFor(SPOKEN) });
  const plan = planAutoTime(turns, 'all', planned, aligned.times, aligned.review);
  const doc = applyOperation(turns, plan.op).doc;
  const review = (plan.select ?? []).map((id) => doc.cues.findIndex((c) => c.id === id) + 1);
  return { doc, audioMs: aligned.stats.audioMs, review };
}

/** Applies each finishing fix to every cue that needs it; a fix with nothing to do is skipped, as its button would be. */
export function finishForProfiles(doc: SubtitleDocument): SubtitleDocument {
  let done = doc;
  const profiles = documentProfiles(doc);
  for (const rule of FINISHING) {
    try {
      done = applyOperation(done, planFix(done, { rule, cueIds: 'all' }, profiles).op).doc;
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
    }
  }
  return done;
}
