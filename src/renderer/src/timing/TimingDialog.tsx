/**
 * Timing tools for many cues at once: shift, two-point resync (pre-filled from the selection), close gaps, remove
 * overlaps. A command that cannot apply keeps the dialog open with the reason inside it (issue 13).
 */
import { useState, type JSX } from 'react';
import type { SubtitleDocument } from '../../../shared/model';
import type { EditCommand, EditSettings } from '../../../shared/commands/schema';
import {
  closeGapsCommand, refusal, removeOverlapsCommand, resyncCommand, resyncDefaults, shiftCommand, type FormResult, type ResyncForm, type Scope,
} from './timing-form';
import { Dialog } from '../dialog/Dialog';

export interface TimingDialogProps {
  doc: SubtitleDocument;
  selectedCueIds: readonly string[];
  playheadMs: number;
  /** Runs the command in main; a result of null means it was refused (the dialog then stays open). */
  onCommand(command: EditCommand): unknown;
  onClose(): void;
  /** The settings main plans with (custom QC profiles decide the gap); absent: the defaults. */
  settings?: EditSettings;
}

export function TimingDialog(props: TimingDialogProps): JSX.Element {
  const { doc, selectedCueIds } = props;
  const [scope, setScope] = useState<Scope>(selectedCueIds.length > 0 ? 'selected' : 'all');
  const [offset, setOffset] = useState('');
  const [resync, setResync] = useState<ResyncForm>(() => resyncDefaults(doc, selectedCueIds));
  const [maxGap, setMaxGap] = useState('500');
  const [error, setError] = useState<{ section: string; message: string } | null>(null);

  const submit = (section: string, result: FormResult): void => {
    if (!result.ok) return setError({ section, message: result.error });
    // Planned here first, as main will plan it: a refusal is shown in the dialog, which stays open to fix it.
    const refused = refusal(doc, result.command, props.settings);
    if (refused !== null) return setError({ section, message: refused });
    setError(null);
    void Promise.resolve(props.onCommand(result.command)).then((outcome) => {
      if (outcome === null) setError({ section, message: 'The change was refused: see the status line for why.' });
      else props.onClose();
    });
  };
  const errorFor = (section: string): JSX.Element | null =>
    error?.section === section ? <div className="error" role="alert">{error.message}</div> : null;
  const field = (key: keyof ResyncForm, width: number, label: string): JSX.Element => (
    <input type="text" aria-label={label} style={{ width }} value={resync[key]} onChange={(e) => setResync({ ...resync, [key]: e.currentTarget.value })} />
  );

  return (
    <Dialog title="Timing" onClose={props.onClose} testId="timing-dialog" className="sections">
      <section>
        <div className="row">
          Apply to
          <label><input type="radio" checked={scope === 'selected'} disabled={selectedCueIds.length === 0} onChange={() => setScope('selected')} /> selected ({selectedCueIds.length})</label>
          <label><input type="radio" checked={scope === 'all'} onChange={() => setScope('all')} /> all ({doc.cues.length})</label>
        </div>
      </section>
      <section>
        <h3>Shift</h3>
        <div className="row">
          <input type="text" autoFocus aria-label="Offset" placeholder="+0:01.500 or -250" style={{ width: 160 }} value={offset}
            onChange={(e) => setOffset(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && submit('shift', shiftCommand(offset, scope, selectedCueIds))} />
          <button type="button" onClick={() => submit('shift', shiftCommand(offset, scope, selectedCueIds))}>Shift</button>
        </div>
        {errorFor('shift')}
      </section>
      <section>
        <h3>Two-point resync</h3>
        <div className="row">Cue {field('aNumber', 56, 'First cue number')} starts at {field('aTime', 110, 'First cue new time')}</div>
        <div className="row">Cue {field('bNumber', 56, 'Second cue number')} starts at {field('bTime', 110, 'Second cue new time')}</div>
        <div className="row">
          <button type="button" onClick={() => submit('resync', resyncCommand(doc, resync, scope, selectedCueIds))}>Resync</button>
        </div>
        {errorFor('resync')}
      </section>
      <section>
        <h3>Gaps and overlaps</h3>
        <div className="row">
          Close gaps up to <input type="number" aria-label="Max gap (ms)" min={0} step={10} style={{ width: 80 }} value={maxGap} onChange={(e) => setMaxGap(e.currentTarget.value)} /> ms
          <button type="button" onClick={() => submit('gaps', closeGapsCommand(maxGap, scope, selectedCueIds))}>Close gaps</button>
          <button type="button" onClick={() => submit('gaps', removeOverlapsCommand(scope, selectedCueIds))}>Remove overlaps</button>
        </div>
        {errorFor('gaps')}
      </section>
      <footer>
        <button type="button" onClick={props.onClose}>Close</button>
      </footer>
    </Dialog>
  );
}
