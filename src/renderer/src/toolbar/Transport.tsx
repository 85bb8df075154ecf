/**
 * Play/Pause, Play cue, the clock, the zoom slider, follow-playhead and the keyboard help: the parts of
 * the toolbar that follow playback. The help overlay is mounted here, beside the button that opens it.
 */
import { useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { HelpOverlay } from '../help/HelpOverlay';
import { GoToDialog } from '../goto/GoToDialog';
import { useDoc, useSession, useUi } from '../session/context';
import { useServices } from '../app-services';
import { MAX_ZOOM, type Player } from '../playback/player';
import { formatClock } from './clock';
import type { Commands } from '../actions/commands';
import type { Cue } from '../../../shared/model';

const ends = new WeakMap<readonly Cue[], number>();

/** End of the last cue, remembered per cue list: the clock re-reads it on every playback tick. */
function documentEnd(cues: readonly Cue[]): number {
  let end = ends.get(cues);
  if (end === undefined) {
    end = cues.reduce((max, c) => Math.max(max, c.end), 0);
    ends.set(cues, end);
  }
  return end;
}

function usePlayer<T>(player: Player, read: () => T): T {
  return useSyncExternalStore(player.onChange, read);
}

function Clock() {
  const time = useUi((s) => s.currentTime);
  const duration = useDoc((d) => {
    if (!d) return 0;
    return d.media?.duration ?? documentEnd(d.doc.cues);
  });
  return (
    <span className="clock" data-testid="clock" aria-label="Current time">
      {formatClock(time)} / {formatClock(duration / 1000)}
    </span>
  );
}

export function Transport({ commands, hasSelection }: { commands: Commands; hasSelection: boolean }) {
  const { player } = useServices();
  const playing = usePlayer(player, player.isPlaying);
  const zoom = usePlayer(player, player.getZoom);
  const minZoom = usePlayer(player, player.getMinZoom);
  return (
    <div className="toolbar-group transport">
      <button type="button" onClick={commands.playPause} title="Play/Pause (Space, F5, Ctrl+P)" data-testid="play-pause">
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={commands.playCue} disabled={!hasSelection} title="Play the selected cue (S, Ctrl+Shift+P)">
        ▶ Cue
      </button>
      <button type="button" onClick={commands.playToCueEnd} disabled={!hasSelection} title="Play from the playhead to the end of the cue (T)" data-testid="play-to-end">
        ▶ To end
      </button>
      <Clock />
      <label className="zoom" title="Zoom (Ctrl+wheel on the waveform, + and -)">
        Zoom
        {/* Logarithmic: each step of the slider multiplies the zoom alike, from the whole file to 600 px/s. */}
        <input
          type="range"
          min={Math.log(minZoom)}
          max={Math.log(MAX_ZOOM)}
          step="any"
          value={Math.log(zoom)}
          onChange={(e) => player.setZoom(Math.exp(Number(e.target.value)))}
          aria-label="Zoom, pixels per second"
          aria-valuetext={`${zoom} pixels per second`}
          data-testid="zoom"
        />
      </label>
      <FollowToggle />
      <button type="button" onClick={commands.toggleHelp} title="Keyboard shortcuts (F1, ?)" aria-label="Keyboard shortcuts" data-testid="help-button">
        ⌨ ?
      </button>
      {createPortal(<HelpOverlay />, document.body)}
      {createPortal(<GoToDialog goTo={commands.goTo} />, document.body)}
    </div>
  );
}

function FollowToggle() {
  const session = useSession();
  const follow = useUi((s) => s.followPlayhead);
  return (
    <label className="follow" title="Keep the playhead in view while playing (F)">
      <input type="checkbox" checked={follow} onChange={(e) => session.ui.setFollowPlayhead(e.target.checked)} data-testid="follow-playhead" />
      Follow
    </label>
  );
}
