/** The gutter label on a block's first line: cue number, a pin mark for a pinned cue, and start time, e.g. `12  1:03.250`. */

/** `m:ss.mmm`, or `h:mm:ss.mmm` from one hour on. */
export function formatCueTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const millis = total % 1000;
  const seconds = Math.floor(total / 1000) % 60;
  const minutes = Math.floor(total / 60000) % 60;
  const hours = Math.floor(total / 3600000);
  const ss = String(seconds).padStart(2, '0');
  const mmm = String(millis).padStart(3, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}.${mmm}`;
  return `${minutes}:${ss}.${mmm}`;
}

/** Marks a pinned cue in the gutter: auto-time keeps its times. */
export const PIN_MARK = '◆';

/**
 * `12  1:03.250`, or `12 ◆ 1:03.250` for a pinned cue. A plain glyph, not an emoji: the gutter's monospace font
 * has it everywhere. The gutter is sized with one character to spare (panes-controller), which the mark uses.
 */
export function gutterLabel(cueNumber: number, startMs: number, pinned = false): string {
  return `${cueNumber}${pinned ? ` ${PIN_MARK} ` : '  '}${formatCueTime(startMs)}`;
}
