/** The top bar: file commands, edit commands, export, and the transport. */
import type { DocumentState } from '../../../shared/api';
import type { Commands } from '../actions/commands';
import { Transport } from './Transport';

interface ToolbarProps {
  commands: Commands;
  docState: DocumentState | null;
  hasSelection: boolean;
  onExport(): void;
  /** Opens the timing tools (shift, resync, gaps, overlaps). */
  onTiming(): void;
  /** Opens auto-timing (forced alignment against the media). */
  onAutoTime(): void;
  onSettings(): void;
  /** Opens "Add a language from a file…". */
  onAddLanguage?(): void;
}

export function Toolbar({ commands, docState, hasSelection, onExport, onTiming, onAutoTime, onSettings, onAddLanguage }: ToolbarProps) {
  const noDoc = !docState;
  return (
    <div className="toolbar" role="toolbar" aria-label="Duosub">
      <div className="toolbar-group">
        <button type="button" onClick={commands.open} title="Open a subtitle, transcript or project file">
          Open…
        </button>
        <button type="button" onClick={() => commands.openSample('transcript')} title="The 98-turn bilingual sample transcript">
          Sample transcript
        </button>
        <button type="button" onClick={() => commands.openSample('excerpt')} title="A short sample with audio">
          Sample with audio
        </button>
        <button type="button" onClick={commands.openMedia} disabled={noDoc} title="Attach audio or video to this document">
          Open audio…
        </button>
        {onAddLanguage && (
          <button type="button" onClick={onAddLanguage} disabled={noDoc} title="Pair a subtitle file in another language with this document (one undo step)">
            Add language…
          </button>
        )}
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={commands.save} disabled={noDoc} title="Save (Ctrl+S)">
          Save
        </button>
        <button type="button" onClick={commands.saveAs} disabled={noDoc} title="Save as a project file (Ctrl+Shift+S)">
          Save As…
        </button>
        <button type="button" onClick={onExport} disabled={noDoc} title="Export SRT, WebVTT, ASS, transcript or chapters, one language or bilingual">
          Export…
        </button>
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={commands.undo} disabled={!docState?.canUndo} title={docState?.undoLabel ? `Undo ${docState.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}>
          ↶ Undo
        </button>
        <button type="button" onClick={commands.redo} disabled={!docState?.canRedo} title={docState?.redoLabel ? `Redo ${docState.redoLabel} (Ctrl+Shift+Z)` : 'Redo (Ctrl+Shift+Z)'}>
          ↷ Redo
        </button>
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={onTiming} disabled={noDoc} title="Shift, resync, close gaps, remove overlaps">
          Timing…
        </button>
        <button type="button" onClick={onAutoTime} disabled={noDoc} title="Time the cues to the audio automatically (offline)">
          Auto-time…
        </button>
        <button type="button" onClick={commands.openFindReplace} disabled={noDoc} title="Find and replace (Ctrl+H)">
          Find/Replace…
        </button>
        <button type="button" onClick={onSettings} title="Settings: split, autosave, hot exit">
          Settings…
        </button>
      </div>
      <Transport commands={commands} hasSelection={hasSelection} />
    </div>
  );
}
