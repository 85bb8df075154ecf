/** Auto-time: choose the scope and the language spoken in the audio, then start the aligner in main. */
import { useState, type JSX } from 'react';
import type { SubtitleDocument } from '../../../shared/model';
import { Dialog } from '../dialog/Dialog';

export interface AutoTimeDialogProps {
  doc: SubtitleDocument;
  selectedCueIds: readonly string[];
  hasMedia: boolean;
  onStart(cueIds: string[] | 'all', spokenLang: string): unknown;
  onClose(): void;
}

/** The spoken language: the one the document says, else English when present, else the first. */
export function defaultSpokenLanguage(doc: SubtitleDocument): string {
  const said = doc.metadata.spokenLanguage;
  const codes = doc.languages.map((l) => l.code);
  if (typeof said === 'string' && codes.includes(said)) return said;
  return codes.includes('en') ? 'en' : (codes[0] ?? 'en');
}

export function AutoTimeDialog(props: AutoTimeDialogProps): JSX.Element {
  const { doc, selectedCueIds } = props;
  const [scope, setScope] = useState<'all' | 'selection'>(selectedCueIds.length > 1 ? 'selection' : 'all');
  const [lang, setLang] = useState(defaultSpokenLanguage(doc));
  const start = (): void => {
    props.onStart(scope === 'all' ? 'all' : [...selectedCueIds], lang);
    props.onClose();
  };
  return (
    <Dialog title="Auto-time" onClose={props.onClose} onSubmit={start} testId="auto-time-dialog" className="sections">
      <p style={{ maxWidth: 420, color: '#4a5260', margin: '0 0 8px' }}>
        Splits each turn into subtitle-sized cues (sentences paired across languages) and times them to the audio
        by forced alignment, offline. Pinned cues keep their times. The result is one undo step; cues that did not
        match the audio well are selected for review.
      </p>
      {!props.hasMedia && <div className="error" role="alert">Open the audio for this document first.</div>}
      <section>
        <div className="row">
          <label><input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> Whole document ({doc.cues.length} cues)</label>
        </div>
        <div className="row">
          <label><input type="radio" name="scope" checked={scope === 'selection'} disabled={selectedCueIds.length === 0} onChange={() => setScope('selection')} /> Selected cues ({selectedCueIds.length})</label>
        </div>
      </section>
      <section>
        <div className="row">
          <label htmlFor="spoken-lang" style={{ flex: 1 }}>Language spoken in the audio</label>
          <select id="spoken-lang" value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
            {doc.languages.map((l) => <option key={l.code} value={l.code}>{l.name}</option>)}
          </select>
        </div>
      </section>
      <footer>
        <button type="button" onClick={props.onClose}>Cancel</button>
        <button type="submit" className="primary" disabled={!props.hasMedia}>Start</button>
      </footer>
    </Dialog>
  );
}

/** The running job in the toolbar: stage, a progress bar, Cancel. */
export function AutoTimeProgress(props: { job: { fraction: number; stage: string }; onCancel(): void }): JSX.Element {
  const pct = Math.round(Math.max(0, Math.min(1, props.job.fraction)) * 100);
  return (
    <div className="toolbar-group" data-testid="auto-time-progress" role="status" aria-label="Auto-timing">
      <span>Auto-timing: {props.job.stage}</span>
      <progress max={100} value={pct} style={{ width: 110 }} />
      <span>{pct}%</span>
      <button type="button" onClick={props.onCancel}>Cancel</button>
    </div>
  );
}
