/**
 * "Add a language from a file…": an optional language code (blank = guessed from the text), then the file — the
 * native dialog in Electron, the page's file picker in the browser. Main reads and pairs it as one undo step.
 */
import { useRef, useState, type JSX } from 'react';
import { isLanguageCode } from '../../../shared/operations-languages';
import { Dialog } from '../dialog/Dialog';

export interface AddLanguageDialogProps {
  electron: boolean;
  /** Codes the document already has (a file in one of them would be refused). */
  existing: string[];
  /** Adds the file (or asks main's dialog when `file` is null); the dialog closes at once. */
  onAdd(file: File | null, lang: string | undefined): void;
  onClose(): void;
}

export function AddLanguageDialog({ electron, existing, onAdd, onClose }: AddLanguageDialogProps): JSX.Element {
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const trimmed = code.trim();
  const problem = !trimmed ? null
    : !isLanguageCode(trimmed) ? 'Not a language code (e.g. zh-Hans, en, en-GB).'
    : existing.includes(trimmed) ? `The document already has ${trimmed}.`
    : null;
  const lang = trimmed || undefined;
  const choose = (): void => {
    if (problem) return;
    if (electron) {
      onClose();
      onAdd(null, lang);
    } else {
      input.current?.click();
    }
  };
  const picked = (el: HTMLInputElement): void => {
    const file = el.files?.[0];
    el.value = '';
    if (!file) return;
    onClose();
    onAdd(file, lang);
  };
  return (
    <Dialog title="Add a language from a file" onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); choose(); }}>
        <p className="hint">
          The file&rsquo;s cues are paired with this document&rsquo;s by time; cues that pair with nothing are kept and listed.
        </p>
        <label className="field">
          Language code of the file
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="guess from the text"
            aria-label="Language code"
            spellCheck={false}
            autoFocus
          />
        </label>
        {problem && <p className="hint error" role="alert">{problem}</p>}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={problem !== null}>Choose file…</button>
        </div>
      </form>
      <input ref={input} type="file" hidden onChange={(e) => picked(e.currentTarget)} data-testid="add-language-input" />
    </Dialog>
  );
}

export interface RemoveLanguageDialogProps {
  name: string;
  code: string;
  /** Cues with text in the language (their text goes; the cues stay). */
  cueCount: number;
  onRemove(): void;
  onClose(): void;
}

export function RemoveLanguageDialog({ name, code, cueCount, onRemove, onClose }: RemoveLanguageDialogProps): JSX.Element {
  return (
    <Dialog title="Remove language" onClose={onClose}>
      <p>
        Remove {name} ({code}) and its text in {cueCount} {cueCount === 1 ? 'cue' : 'cues'}? The cues and the other
        languages stay; Undo brings it back.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" className="primary" autoFocus onClick={() => { onClose(); onRemove(); }}>Remove</button>
      </div>
    </Dialog>
  );
}
