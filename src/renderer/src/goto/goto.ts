/**
 * "Go to" (Ctrl+G) as a pure function: a whole number is a cue number, anything else a time (`1:23.5`,
 * `00:01:23,500`, `83.5` seconds, `00:01:23:12` frames when the document has a frame rate).
 */
import type { Cue } from '../../../shared/model';
import { parseFieldTime } from '../timing/cue-fields';

export type GoToTarget =
  | { kind: 'cue'; index: number }
  | { kind: 'time'; ms: number }
  | { kind: 'error'; message: string };

const CUE_NUMBER = /^#?\s*(\d+)$/;

export function parseGoTo(text: string, cueCount: number, fps: number | null): GoToTarget {
  const t = text.trim();
  if (t === '') return { kind: 'error', message: 'Type a cue number (40) or a time (1:23.5, 00:01:23,500)' };
  const number = CUE_NUMBER.exec(t);
  if (number) {
    const n = Number(number[1]);
    if (cueCount === 0) return { kind: 'error', message: 'The document has no cues' };
    if (n < 1 || n > cueCount) return { kind: 'error', message: `There is no cue ${n}: the cues are numbered 1–${cueCount}` };
    return { kind: 'cue', index: n - 1 };
  }
  const ms = parseFieldTime(t, fps);
  if (typeof ms !== 'number') return { kind: 'error', message: ms.error.replace(/^Type a time/, 'Type a cue number or a time').replace(/ms \(1500\), /, '') };
  return { kind: 'time', ms };
}

/** The cue playing at `ms` (the first whose span holds it), else null. */
export function cueAt(cues: readonly Cue[], ms: number): Cue | null {
  return cues.find((c) => c.start <= ms && ms < c.end) ?? null;
}
