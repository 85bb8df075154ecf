/**
 * The "Go to" box (Ctrl+G): a cue number selects that cue and moves the playhead to its start; a time moves the
 * playhead there (and selects the cue playing then). A bad entry keeps the box open with the reason beside it.
 */
import { useEffect, useRef, useState, type FormEvent, type JSX } from 'react';
import { closeGoTo, useGoToOpen } from './goto-state';

export function GoToDialog({ goTo }: { goTo(text: string): string | null }): JSX.Element | null {
  const open = useGoToOpen();
  if (!open) return null;
  return <GoToBox goTo={goTo} />;
}

function GoToBox({ goTo }: { goTo(text: string): string | null }): JSX.Element {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => previous?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const message = goTo(text);
    if (message) setError(message);
    else closeGoTo();
  };
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), closeGoTo())}
      onMouseDown={(e) => e.target === e.currentTarget && closeGoTo()}
    >
      <form className="dialog goto-dialog" role="dialog" aria-modal="true" aria-label="Go to" onSubmit={submit} data-testid="goto-dialog">
        <h2>Go to</h2>
        <label className="field">
          Cue number or time
          <input
            ref={input}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            placeholder="40, 1:23.5, 00:01:23,500"
            aria-invalid={error !== null}
            data-testid="goto-input"
          />
        </label>
        {error && <div className="hint error" role="alert" data-testid="goto-error">{error}</div>}
        <div className="dialog-buttons">
          <button type="button" onClick={closeGoTo}>Cancel</button>
          <button type="submit">Go</button>
        </div>
      </form>
    </div>
  );
}
