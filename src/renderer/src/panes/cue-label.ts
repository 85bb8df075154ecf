/** The gutter label on a block's first line: cue number and start time, e.g. `12  1:03.250`. */

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

export function gutterLabel(cueNumber: number, startMs: number): string {
  return `${cueNumber}  ${formatCueTime(startMs)}`;
}
