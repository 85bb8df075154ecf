/** React access to the window's live QC (qc-live.ts; one per window, in the app's services). */
import { useEffect, useSyncExternalStore } from 'react';
import type { SubtitleDocument } from '../../../shared/model';
import type { QcProfile } from '../../../shared/qc/profiles';
import type { Issue } from '../../../shared/qc/types';
import type { QcLive } from './qc-live';

/**
 * Checks `doc` against `profiles` (one per language; missing languages get their default) and returns the
 * issues, re-checking incrementally after each edit, at most once per frame. Mount it once (in App): the
 * waveform's markers and reading-speed strip read the same live QC.
 */
export function useQc(live: QcLive, doc: SubtitleDocument | null, profiles: Readonly<Record<string, QcProfile>>): readonly Issue[] {
  useEffect(() => live.setInputs(doc, profiles), [live, doc, profiles]);
  return useSyncExternalStore(live.subscribe, () => live.getSnapshot().issues);
}
