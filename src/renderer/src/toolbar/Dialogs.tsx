/** The small in-app dialogs: Save As (browser mode names the file). */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';

/** The frame of the in-app dialogs (app.css): Escape or a click outside closes. */
export function Dialog({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

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
