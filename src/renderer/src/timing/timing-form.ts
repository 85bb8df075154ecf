/** The timing dialog's forms turned into commands (or a message saying what is wrong). Pure. */
import type { SubtitleDocument } from '../../../shared/model';
import type { EditCommand } from '../../../shared/commands/schema';
import { formatClock } from '../../../shared/timecode';
import { parseOffset, parseTime } from './time-input';

export type Scope = 'selected' | 'all';
export type FormResult = { ok: true; command: EditCommand } | { ok: false; error: string };

type CueScope = string[] | 'all';

function scopeIds(scope: Scope, selected: readonly string[]): CueScope | null {
  if (scope === 'all') return 'all';
  return selected.length > 0 ? [...selected] : null;
}

const NO_SELECTION: FormResult = { ok: false, error: 'No cues selected' };

export function shiftCommand(offsetText: string, scope: Scope, selected: readonly string[]): FormResult {
  const offset = parseOffset(offsetText);
  if (offset === null) return { ok: false, error: 'Offset: ±H:MM:SS.mmm, ±M:SS.mmm or milliseconds' };
  if (offset === 0) return { ok: false, error: 'Offset is zero' };
  const cueIds = scopeIds(scope, selected);
  return cueIds ? { ok: true, command: { kind: 'shift', cueIds, offset } } : NO_SELECTION;
}

export interface ResyncForm {
  aNumber: string;
  aTime: string;
  bNumber: string;
  bTime: string;
}

/** First and last selected cue (else the first and last cue); A keeps its start, B moves to the playhead. */
export function resyncDefaults(doc: SubtitleDocument, selected: readonly string[], playheadMs: number): ResyncForm {
  const indices = selected.map((id) => doc.cues.findIndex((c) => c.id === id)).filter((i) => i >= 0).sort((x, y) => x - y);
  const a = indices.length > 0 ? indices[0] : 0;
  const b = indices.length > 1 ? indices[indices.length - 1] : Math.max(0, doc.cues.length - 1);
  return {
    aNumber: String(a + 1),
    aTime: formatClock(doc.cues[a]?.start ?? 0),
    bNumber: String(b + 1),
    bTime: formatClock(Math.max(0, Math.round(playheadMs))),
  };
}

function cueByNumber(doc: SubtitleDocument, text: string): string | null {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= doc.cues.length ? doc.cues[n - 1].id : null;
}

export function resyncCommand(doc: SubtitleDocument, form: ResyncForm, scope: Scope, selected: readonly string[]): FormResult {
  const a = cueByNumber(doc, form.aNumber);
  const b = cueByNumber(doc, form.bNumber);
  if (!a || !b) return { ok: false, error: `Cue numbers: 1–${doc.cues.length}` };
  if (a === b) return { ok: false, error: 'Pick two different cues' };
  const ta = parseTime(form.aTime);
  const tb = parseTime(form.bTime);
  if (ta === null || tb === null) return { ok: false, error: 'Times: H:MM:SS.mmm or M:SS.mmm' };
  const cueIds = scopeIds(scope, selected);
  return cueIds ? { ok: true, command: { kind: 'resync', a: { cueId: a, time: ta }, b: { cueId: b, time: tb }, cueIds } } : NO_SELECTION;
}

export function closeGapsCommand(maxGapText: string, scope: Scope, selected: readonly string[]): FormResult {
  const maxGap = Number(maxGapText.trim());
  if (maxGapText.trim() === '' || !Number.isInteger(maxGap) || maxGap < 0) return { ok: false, error: 'Max gap: whole milliseconds' };
  const cueIds = scopeIds(scope, selected);
  return cueIds ? { ok: true, command: { kind: 'closeGaps', cueIds, maxGap } } : NO_SELECTION;
}

export function removeOverlapsCommand(scope: Scope, selected: readonly string[]): FormResult {
  const cueIds = scopeIds(scope, selected);
  return cueIds ? { ok: true, command: { kind: 'removeOverlaps', cueIds } } : NO_SELECTION;
}
