/**
 * Seeking and pinning from the keyboard: step the playhead by a time or a frame, go to a cue number or a time
 * (Ctrl+G), play from the playhead to the current cue's end, pin or unpin the selected cues. Playhead moves are
 * not edits; pinning is one `pin` command (one undo step) in main.
 */
import { documentDuration } from '../../../shared/model';
import { documentFrameRate, stepByFrames } from '../../../shared/frames';
import type { DocStore } from '../store-core';
import { hasMedia, playRange, seek } from '../waveform/player';
import { openGoTo } from './goto-state';
import { cueAt, parseGoTo } from './goto';

/** A frame's step when the document has no frame rate: 40 ms, one frame at 25 fps. */
export const FRAME_STEP_FALLBACK_MS = 40;

export interface SeekCommands {
  /** Moves the playhead by `deltaMs` (negative = back), kept within the timeline. */
  seekBy(deltaMs: number): void;
  /** Moves the playhead by whole frames at the document's rate (40 ms each without one). */
  stepFrames(frames: number): void;
  /** Opens the "Go to" box (Ctrl+G). */
  openGoTo(): void;
  /** Goes to what the "Go to" box read; returns an error message to show there, or null when it went. */
  goTo(text: string): string | null;
  /** Plays from the playhead to the current cue's end (from its start when the playhead is outside it). */
  playToCueEnd(): void;
  /** Pins the selected cues, or unpins them when every one is pinned already. */
  togglePin(): void;
}

export function createSeekCommands(store: DocStore): SeekCommands {
  const doc = () => store.getState().docState?.doc ?? null;
  const timelineEnd = () => {
    const state = store.getState().docState;
    return state ? Math.max(state.media?.duration ?? 0, documentDuration(state.doc)) : 0;
  };
  const seekTo = (ms: number) => seek(Math.max(0, Math.min(ms, timelineEnd())) / 1000);
  const primary = () => {
    const { selectedCueId } = store.getState();
    return doc()?.cues.find((c) => c.id === selectedCueId) ?? null;
  };

  return {
    seekBy: (deltaMs) => {
      if (doc()) seekTo(store.playheadMs() + deltaMs);
    },
    stepFrames: (frames) => {
      const d = doc();
      if (!d) return;
      const fps = documentFrameRate(d.metadata);
      const now = store.playheadMs();
      seekTo(fps ? stepByFrames(now, frames, fps) : now + frames * FRAME_STEP_FALLBACK_MS);
    },
    openGoTo: () => {
      if (doc()) openGoTo();
      else store.setStatus('Open a document first.');
    },
    goTo: (text) => {
      const d = doc();
      if (!d) return 'Open a document first.';
      const target = parseGoTo(text, d.cues.length, documentFrameRate(d.metadata));
      if (target.kind === 'error') return target.message;
      if (target.kind === 'cue') {
        const cue = d.cues[target.index];
        store.select(cue.id, { reveal: true });
        seekTo(cue.start);
        return null;
      }
      const cue = cueAt(d.cues, target.ms);
      if (cue) store.select(cue.id, { reveal: true });
      seekTo(target.ms);
      return null;
    },
    playToCueEnd: () => {
      const cue = primary();
      if (!cue) return store.setStatus('Select a cue first.');
      if (!hasMedia()) return store.setStatus('No media to play: attach audio or video first.');
      const now = store.playheadMs();
      playRange(now >= cue.start && now < cue.end ? now : cue.start, cue.end);
    },
    togglePin: () => {
      const d = doc();
      const { selectedCueIds } = store.getState();
      if (!d || selectedCueIds.length === 0) return store.setStatus('Select a cue first.');
      const chosen = new Set(selectedCueIds);
      const allPinned = d.cues.filter((c) => chosen.has(c.id)).every((c) => c.pinned);
      void store.command({ kind: 'pin', cueIds: selectedCueIds, pinned: !allPinned });
    },
  };
}
