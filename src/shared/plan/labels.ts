/** The wording of undo labels and status messages: seconds and counts as the user reads them. */

/** Milliseconds as signed seconds for labels: +1.200 s, −0.100 s. */
export function signedSeconds(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  return `${sign}${(Math.abs(ms) / 1000).toFixed(3)} s`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** "5 cues" / "1 cue". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
