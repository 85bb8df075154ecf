/**
 * "Re-open with encoding…": the encodings offered, and the first lines of the file read in the one chosen
 * (main reads the file; the renderer never names a path). Re-opening replaces the document: with unsaved edits
 * the window asks whether to save them first, as for any other open.
 */
import { useEffect, useState, type FormEvent, type JSX } from 'react';
import type { EncodingPreview } from '../../../shared/api';
import { ENCODINGS_OFFERED } from '../../../shared/encoding';
import { Dialog } from '../dialog/Dialog';
import './encoding.css';

export interface ReopenEncodingDialogProps {
  /** The encoding the document was read in. */
  current: string;
  dirty: boolean;
  preview(encoding: string): Promise<EncodingPreview>;
  onReopen(encoding: string): void;
  onClose(): void;
}

type Shown = { encoding: string; preview: EncodingPreview | null; failure: string | null };

export function ReopenEncodingDialog({ current, dirty, preview, onReopen, onClose }: ReopenEncodingDialogProps): JSX.Element {
  const [encoding, setEncoding] = useState(current);
  const [shown, setShown] = useState<Shown | null>(null);
  useEffect(() => {
    let live = true;
    preview(encoding).then(
      (result) => live && setShown({ encoding, preview: result, failure: null }),
      (error: unknown) => live && setShown({ encoding, preview: null, failure: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [encoding, preview]);
  const ready = shown?.encoding === encoding ? shown : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready?.preview || ready.preview.error !== null) return;
    onReopen(encoding);
    onClose();
  };
  return (
    <Dialog title="Re-open with encoding" onClose={onClose}>
      <form className="reopen-encoding" onSubmit={submit} data-testid="reopen-encoding-dialog">
        <label className="field">
          Encoding
          <select size={8} value={encoding} onChange={(e) => setEncoding(e.target.value)} data-testid="reopen-encoding-list">
            {ENCODINGS_OFFERED.map((e) => (
              <option key={e.name} value={e.name}>{e.label}{e.name === current ? ' — current' : ''}</option>
            ))}
          </select>
        </label>
        <pre className="encoding-preview" aria-label="Preview" data-testid="encoding-preview">
          {ready ? (ready.preview?.lines.join('\n') ?? '') : 'Reading…'}
        </pre>
        {ready?.preview?.error && <p className="hint error" data-testid="encoding-preview-error">Does not read in {encoding}: {ready.preview.error}</p>}
        {ready?.failure && <p className="hint error">{ready.failure}</p>}
        {dirty && <p className="hint">The document has unsaved edits: you can save them before it re-opens.</p>}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={!ready?.preview || ready.preview.error !== null} data-testid="reopen-encoding-submit">{dirty ? 'Re-open…' : 'Re-open'}</button>
        </div>
      </form>
    </Dialog>
  );
}
