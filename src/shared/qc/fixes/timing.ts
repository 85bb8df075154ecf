/**
 * Timing fixes: lengthen a cue to reach the reading-speed limit, enforce the minimum gap, remove overlaps.
 * Each returns the operations for the chosen cues; neighbours are the next cue in document order.
 */
import type { Cue, SubtitleDocument } from '../../model';
import type { Operation } from '../../operations';
import { isCjkText, timingProfile, type QcProfile } from '../profiles';
import { charCount, wordCount } from '../text';

/** The shortest duration at which every language's text is within its reading speed (0 when none limits it). */
export function neededDurationMs(cue: Cue, profiles: Record<string, QcProfile>): number {
  let needed = 0;
  for (const [lang, profile] of Object.entries(profiles)) {
    const text = cue.text[lang] ?? '';
    const wpm = profile.wordsPerMinute !== undefined && !isCjkText(lang, profile) ? profile.wordsPerMinute : 0;
    if (wpm > 0) needed = Math.max(needed, Math.ceil((wordCount(text) / wpm) * 60_000));
    else if (profile.maxCps > 0) needed = Math.max(needed, Math.ceil((charCount(text) / profile.maxCps) * 1000));
  }
  return needed;
}

/**
 * Extends each cue's end toward the duration its reading speed needs, but no later than the minimum gap before
 * the next cue (and never past the maximum duration). A cue that cannot gain anything is left alone.
 */
export function extendForCps(doc: SubtitleDocument, indices: number[], profiles: Record<string, QcProfile>): Operation[] {
  const timing = timingProfile(profiles);
  const ops: Operation[] = [];
  for (const i of indices) {
    const [cue, next] = [doc.cues[i], doc.cues[i + 1]];
    let end = cue.start + neededDurationMs(cue, profiles);
    if (next) end = Math.min(end, next.start - timing.minGapMs);
    if (timing.maxDurationMs > 0) end = Math.min(end, cue.start + timing.maxDurationMs);
    if (end > cue.end) ops.push({ type: 'setTimes', cueId: cue.id, start: cue.start, end });
  }
  return ops;
}

/**
 * For each chosen cue closer to the next than the minimum gap (overlapping included), its end moves to the gap
 * before the next start; when that would leave it no duration, the next cue's start moves instead (if the next
 * cue keeps a duration). Works on copies so consecutive fixes see each other's result.
 */
export function separate(doc: SubtitleDocument, indices: number[], gapMs: number, onlyOverlaps: boolean): Operation[] {
  const times = new Map<string, { start: number; end: number }>();
  const get = (c: Cue): { start: number; end: number } => times.get(c.id) ?? { start: c.start, end: c.end };
  for (const i of indices) {
    const [cue, next] = [doc.cues[i], doc.cues[i + 1]];
    if (!next) continue;
    const [a, b] = [get(cue), get(next)];
    const gap = b.start - a.end;
    if (onlyOverlaps ? gap >= 0 : gap >= gapMs) continue;
    if (b.start - gapMs > a.start) {
      times.set(cue.id, { start: a.start, end: b.start - gapMs });
    } else if (a.end + gapMs < b.end) {
      times.set(next.id, { start: a.end + gapMs, end: b.end });
    }
  }
  return doc.cues.filter((c) => times.has(c.id)).map((c) => ({ type: 'setTimes', cueId: c.id, ...times.get(c.id)! }));
}
