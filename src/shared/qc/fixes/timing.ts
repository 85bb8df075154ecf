/**
 * Timing fixes: the duration reading speed needs, enforce the minimum gap, remove overlaps (lengthening for reading
 * speed is in lengthen.ts). Each returns the operations for the chosen cues; neighbours are the next cue in
 * document order. A pinned cue keeps its times.
 */
import type { Cue, SubtitleDocument } from '../../model';
import type { Operation } from '../../operations';
import { isCjkText, type QcProfile } from '../profiles';
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
 * For each chosen cue closer to the next than the minimum gap (overlapping included), its end moves to the gap
 * before the next start; when that would leave it no duration, the next cue's start moves instead (if the next
 * cue keeps a duration). A pinned cue never moves: the other one does, or neither. Works on copies so consecutive
 * fixes see each other's result.
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
    if (!cue.pinned && b.start - gapMs > a.start) {
      times.set(cue.id, { start: a.start, end: b.start - gapMs });
    } else if (!next.pinned && a.end + gapMs < b.end) {
      times.set(next.id, { start: a.end + gapMs, end: b.end });
    }
  }
  return doc.cues.filter((c) => times.has(c.id)).map((c) => ({ type: 'setTimes', cueId: c.id, ...times.get(c.id)! }));
}
