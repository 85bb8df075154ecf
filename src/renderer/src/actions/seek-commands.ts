/**
 * Seeking and pinning from the keyboard: step the playhead by a time or a frame, go to a cue number or a time
 * (Ctrl+G), play from the playhead to the current cue's end, pin or unpin the selected cues. Playhead moves are
 * not edits; pinning is one `pin` command (one undo step) in main.
 */
import { documentDuration } from '../../../shared/model';
import { documentFrameRate, stepByFrames } from '../../../shared/frames';
import type { AppSession } from '../session/app-session';
import type { OpenFlag } from '../open-flag';
import type { Player } from '../playback/player';
import { cueAt, parseGoTo } from '../goto/goto';

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

/** `goToBox`: the flag of the "Go to" box the App shows. */
export function createSeekCommands(session: AppSession, player: Player, goToBox: OpenFlag): SeekCommands {
  const doc = () => session.doc.state()?.doc ?? null;
  const timelineEnd = () => {
    const state = session.doc.state();
    return state ? Math.max(state.media?.duration ?? 0, documentDuration(state.doc)) : 0;
  };
  const seekTo = (ms: number) => player.seek(Math.max(0, Math.min(ms, timelineEnd())) / 1000);
  const primary = () => {
    const { selectedCueId } = session.ui.getState();
    return doc()?.cues.find((c) => c.id === selectedCueId) ?? null;
  };

  return {
    seekBy: (deltaMs) => {
      if (doc()) seekTo(session.ui.playheadMs() + deltaMs);
    },
    stepFrames: (frames) => {
      const d = doc();
      if (!d) return;
      const fps = documentFrameRate(d.metadata);
      const now = session.ui.playheadMs();
      seekTo(fps ? stepByFrames(now, frames, fps) : now + frames * FRAME_STEP_FALLBACK_MS);
    },
    openGoTo: () => {
      if (doc()) goToBox.set(true);
      else session.ui.setStatus('Open a document first.');
    },
    goTo: (text) => {
      const d = doc();
      if (!d) return 'Open a document first.';
      const target = parseGoTo(text, d.cues.length, documentFrameRate(d.metadata));
      if (target.kind === 'error') return target.message;
      if (target.kind === 'cue') {
        const cue = d.cues[target.index];
        session.ui.select(cue.id, { reveal: true });
        seekTo(cue.start);
        return null;
      }
      const cue = cueAt(d.cues, target.ms);
      if (cue) session.ui.select(cue.id, { reveal: true });
      seekTo(target.ms);
      return null;
    },
    playToCueEnd: () => {
      const cue = primary();
      if (!cue) return session.ui.setStatus('Select a cue first.');
      if (!player.hasMedia()) return session.ui.setStatus('No media to play: attach audio or video first.');
      const now = session.ui.playheadMs();
      player.playRange(now >= cue.start && now < cue.end ? now : cue.start, cue.end);
    },
    togglePin: () => {
      const d = doc();
      const { selectedCueIds } = session.ui.getState();
      if (!d || selectedCueIds.length === 0) return session.ui.setStatus('Select a cue first.');
      const chosen = new Set(selectedCueIds);
      const allPinned = d.cues.filter((c) => chosen.has(c.id)).every((c) => c.pinned);
      void session.doc.command({ kind: 'pin', cueIds: selectedCueIds, pinned: !allPinned });
    },
  };
}
