/** The timing dialog's forms turned into commands (or a message saying what is wrong). Pure. */
import type { SubtitleDocument } from '../../../shared/model';
import { DEFAULT_EDIT_SETTINGS, type EditCommand, type EditSettings } from '../../../shared/commands/schema';
import { CommandError, planCommand } from '../../../shared/commands/plan';
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

/**
 * The two points pre-filled from the selection (issue 13): the first and last selected cue at their own start
 * times (one selected: it and the last cue; none: the first and last cue), so the user types only what changed.
 */
export function resyncDefaults(doc: SubtitleDocument, selected: readonly string[]): ResyncForm {
  const indices = selected.map((id) => doc.cues.findIndex((c) => c.id === id)).filter((i) => i >= 0).sort((x, y) => x - y);
  const a = indices.length > 0 ? indices[0] : 0;
  const b = indices.length > 1 ? indices[indices.length - 1] : Math.max(0, doc.cues.length - 1);
  return {
    aNumber: String(a + 1),
    aTime: formatClock(doc.cues[a]?.start ?? 0),
    bNumber: String(b + 1),
    bTime: formatClock(doc.cues[b]?.start ?? 0),
  };
}

/**
 * Plans a command against the dialog's copy of the document, as main will: the message of a command that cannot
 * apply ("Resync would move cue 1 to −0.500 s…"), or null when it can. The dialog stays open to show it.
 */
export function refusal(doc: SubtitleDocument, command: EditCommand, settings: EditSettings = DEFAULT_EDIT_SETTINGS): string | null {
  try {
    planCommand(doc, command, settings);
    return null;
  } catch (error) {
    if (error instanceof CommandError) return error.message;
    throw error;
  }
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
