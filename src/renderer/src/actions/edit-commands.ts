/**
 * The keyboard timing loop and structural edits, as the keymap (and menus) call them: each reads the
 * selection, cursor and playhead from the session and asks it for one `EditCommand` (planned and undone
 * in main) or a selection change. No domain rules here — edit-plans.ts holds the few local decisions.
 */
import type { EditCommand } from '../../../shared/commands/schema';
import type { AppSession } from '../session/app-session';
import type { Player } from '../playback/player';
import { documentMinGapMs } from '../../../shared/qc/profiles';
import { appendSpan, auditionSpan, insertSpan, neighbourCue, splitCommand } from './edit-plans';

export interface EditCommands {
  playAround(side: 'before' | 'after', ms: number): void;
  setEdgeAtPlayhead(edge: 'start' | 'end'): void;
  nudge(edge: 'start' | 'end', deltaMs: number): void;
  /** Selects (and reveals) the previous or next cue and puts the playhead at its start. */
  stepCue(step: 1 | -1): void;
  commitAndNext(): void;
  splitAtPlayhead(turn: boolean): void;
  mergeWithNext(): void;
  moveWord(direction: 'toNext' | 'fromNext'): void;
  insertAtPlayhead(): void;
  deleteSelected(): void;
  /** Speaker `n` (1-based, in the document's speaker list) for every selected cue; 0 clears it. */
  setSpeakerNumber(n: number): void;
  /** +1 zooms in, -1 out. */
  zoom(direction: 1 | -1): void;
  toggleFollow(): void;
}

const ZOOM_STEP = 1.25;

export function createEditCommands(session: AppSession, player: Player): EditCommands {
  // The language a word move acts in: the pane the caret is in, or the one it was in last.
  let lastLang: string | null = null;
  session.ui.subscribe(() => {
    const lang = session.ui.getState().cursor?.lang;
    if (lang) lastLang = lang;
  });

  const doc = () => session.doc.state()?.doc ?? null;
  const primary = () => {
    const { selectedCueId } = session.ui.getState();
    return doc()?.cues.find((c) => c.id === selectedCueId) ?? null;
  };
  /** The primary cue, or a status line saying what to do first. */
  const needCue = () => {
    const cue = primary();
    if (!cue) session.ui.setStatus('Select a cue first.');
    return cue;
  };
  // Waveform drags snap with the open document's gap and frame rate (issue 13).
  const run = (command: EditCommand) => void session.doc.command(command);
  /** The document's one minimum gap (its QC profile's), as main's planners use it. */
  const gapMs = () => {
    const d = doc();
    return d ? documentMinGapMs(d, session.ui.getState().settings.customProfiles) : 0;
  };
  const selected = () => {
    const { selectedCueIds } = session.ui.getState();
    if (selectedCueIds.length === 0) session.ui.setStatus('Select a cue first.');
    return selectedCueIds;
  };
  const goTo = (cueId: string, startMs: number) => {
    session.ui.select(cueId, { reveal: true });
    player.seek(startMs / 1000);
  };

  return {
    playAround: (side, ms) => {
      const cue = needCue();
      if (!cue) return;
      if (!player.hasMedia()) return session.ui.setStatus('No media to play: attach audio or video first.');
      const span = auditionSpan(cue, side, ms);
      player.playRange(span.start, span.end);
    },
    setEdgeAtPlayhead: (edge) => {
      const cue = needCue();
      if (cue) run({ kind: 'setEdge', cueId: cue.id, edge, time: session.ui.playheadMs() });
    },
    nudge: (edge, delta) => {
      const cueIds = selected();
      if (cueIds.length) run({ kind: 'nudge', cueIds, edge, delta });
    },
    stepCue: (step) => {
      const cues = doc()?.cues ?? [];
      const target = neighbourCue(cues, session.ui.getState().selectedCueId, session.ui.playheadMs(), step);
      if (target) goTo(target.id, target.start);
    },
    commitAndNext: () => {
      const d = doc();
      const cue = needCue();
      if (!d || !cue) return;
      const next = neighbourCue(d.cues, cue.id, session.ui.playheadMs(), 1);
      if (next) return goTo(next.id, next.start);
      const span = appendSpan(cue, session.ui.playheadMs(), gapMs());
      void session.doc.command({ kind: 'insert', ...span, speaker: cue.speaker }).then((result) => {
        if (result) player.seek(span.start / 1000);
      });
    },
    splitAtPlayhead: (turn) => {
      const d = doc();
      const cue = needCue();
      if (!d || !cue) return;
      const { cursor } = session.ui.getState();
      run(splitCommand({ cue, speakers: d.speakers, cursor, playheadMs: session.ui.playheadMs(), turn }));
    },
    mergeWithNext: () => {
      const cue = needCue();
      if (cue) run({ kind: 'mergeWithNext', cueId: cue.id });
    },
    moveWord: (direction) => {
      const d = doc();
      const cue = needCue();
      if (!d || !cue) return;
      const lang = session.ui.getState().cursor?.lang ?? lastLang ?? d.languages[0]?.code;
      if (lang) run({ kind: 'moveWord', cueId: cue.id, lang, direction });
    },
    insertAtPlayhead: () => {
      const d = doc();
      if (!d) return;
      const span = insertSpan(d.cues, session.ui.playheadMs(), session.ui.getState().settings, gapMs());
      run({ kind: 'insert', ...span });
    },
    deleteSelected: () => {
      const cueIds = selected();
      if (cueIds.length) run({ kind: 'delete', cueIds });
    },
    setSpeakerNumber: (n) => {
      const d = doc();
      const cueIds = selected();
      if (!d || !cueIds.length) return;
      if (n === 0) return run({ kind: 'setSpeaker', cueIds, speakerId: null });
      const speaker = d.speakers[n - 1];
      if (!speaker) return session.ui.setStatus(`There is no speaker ${n} (the document has ${d.speakers.length}).`);
      run({ kind: 'setSpeaker', cueIds, speakerId: speaker.id });
    },
    zoom: (direction) => player.setZoom(player.getZoom() * (direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP)),
    toggleFollow: () => {
      const on = !session.ui.getState().followPlayhead;
      session.ui.setFollowPlayhead(on);
      session.ui.setStatus(on ? 'Following the playhead' : 'Not following the playhead');
    },
  };
}
