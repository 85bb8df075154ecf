/** Browser-mode Save As: the page names the file (main picks the folder: beside the opened file, or ~/Duosub). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '../dialog/Dialog';

export function SaveAsDialog({ defaultName, onSave, onClose }: { defaultName: string; onSave(name: string): void; onClose(): void }) {
  const [name, setName] = useState(defaultName);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Select the base name so typing replaces it but keeps the extension.
    const el = input.current;
    el?.focus();
    el?.setSelectionRange(0, Math.max(0, defaultName.indexOf('.duosub.json')) || defaultName.length);
  }, [defaultName]);
  const trimmed = name.trim();
  const valid = trimmed.length > 0 && !/[\\/]/.test(trimmed);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    onSave(trimmed);
    onClose();
  };
  return (
    <Dialog title="Save As" onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          File name
          <input ref={input} value={name} onChange={(e) => setName(e.target.value)} aria-label="File name" spellCheck={false} />
        </label>
        <p className="hint">Saved beside the file the document was opened from; a document opened by upload, or a sample, is saved in ~/Duosub.</p>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={!valid}>Save</button>
        </div>
      </form>
    </Dialog>
  );
}
