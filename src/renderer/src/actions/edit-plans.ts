/**
 * The small decisions the keyboard commands make before they ask the store for something: which cue is
 * "next", where a cue inserted at the playhead ends, which speaker a split turn hands the second half to.
 * Pure (no DOM, no store) so they are unit-tested; the domain rules themselves stay in src/shared.
 */
import type { Cue, Speaker } from '../../../shared/model';
import type { EditCommand, EditSettings } from '../../../shared/commands/schema';

/** Length of a cue inserted at the playhead when nothing follows it closely. */
export const INSERT_MS = 1000;

/**
 * The cue `step` cues away from `fromId`; with no current cue, the one under or after the playhead
 * (forward) or the last one starting before it (backward). Null at either end.
 */
export function neighbourCue(cues: readonly Cue[], fromId: string | null, playheadMs: number, step: 1 | -1): Cue | null {
  const from = fromId ? cues.findIndex((c) => c.id === fromId) : -1;
  if (from >= 0) return cues[from + step] ?? null;
  if (step > 0) return cues.find((c) => c.end > playheadMs) ?? null;
  return cues.findLast((c) => c.start < playheadMs) ?? null;
}

/**
 * Where a cue inserted at `atMs` goes: 1 s long, or up to the next cue (keeping `gapMs`, the document's minimum
 * gap: documentMinGapMs), but never shorter than the minimum split length — overlapping is better than a cue too
 * short to see.
 */
export function insertSpan(cues: readonly Cue[], atMs: number, settings: EditSettings, gapMs: number): { start: number; end: number } {
  const start = Math.max(0, Math.round(atMs));
  const next = cues.find((c) => c.start > start);
  const room = next ? next.start - gapMs : Infinity;
  const end = Math.max(start + settings.minSplitMs, Math.min(start + INSERT_MS, room));
  return { start, end };
}

/** A cue appended after `cue` by "commit and go to next" at the end of the document (`gapMs` after it, or at the playhead if later). */
export function appendSpan(cue: Cue, playheadMs: number, gapMs: number): { start: number; end: number } {
  const start = Math.max(cue.end + gapMs, Math.round(playheadMs));
  return { start, end: start + INSERT_MS };
}

export type SpeakerChoice = { speakerId: string } | { newSpeakerName: string };

/** The speaker after `current` in the list (wrapping) that differs from it; a new one when there is none. */
export function nextSpeaker(speakers: readonly Speaker[], current: string | null): SpeakerChoice {
  const others = speakers.filter((s) => s.id !== current);
  if (others.length === 0) return { newSpeakerName: freeSpeakerName(speakers) };
  const at = speakers.findIndex((s) => s.id === current);
  for (let i = 1; i <= speakers.length; i++) {
    const candidate = speakers[(at + i + speakers.length) % speakers.length];
    if (candidate.id !== current) return { speakerId: candidate.id };
  }
  return { speakerId: others[0].id };
}

function freeSpeakerName(speakers: readonly Speaker[]): string {
  const names = new Set(speakers.map((s) => s.name));
  let n = speakers.length + 1;
  while (names.has(`Speaker ${n}`)) n++;
  return `Speaker ${n}`;
}

export interface SplitContext {
  cue: Cue;
  speakers: readonly Speaker[];
  cursor: { cueId: string; lang: string; offset: number } | null;
  playheadMs: number;
  turn: boolean;
}

/** The split command for the keyboard: at the text cursor when it is in this cue, with the playhead as the time. */
export function splitCommand({ cue, speakers, cursor, playheadMs, turn }: SplitContext): EditCommand {
  const at = cursor && cursor.cueId === cue.id ? { lang: cursor.lang, offset: cursor.offset } : undefined;
  return {
    kind: 'split',
    cueId: cue.id,
    ...(at ? { at } : {}),
    playhead: Math.max(0, Math.round(playheadMs)),
    ...(turn ? { speaker: nextSpeaker(speakers, cue.speaker) } : {}),
  };
}

/** The span auditioned by "play before" / "play after": `ms` either side of the cue, clamped at 0. */
export function auditionSpan(cue: Cue, side: 'before' | 'after', ms: number): { start: number; end: number } {
  if (side === 'before') return { start: Math.max(0, cue.start - ms), end: cue.start };
  return { start: cue.end, end: cue.end + ms };
}
