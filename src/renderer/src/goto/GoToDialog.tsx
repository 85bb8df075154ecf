/**
 * The "Go to" box (Ctrl+G): a cue number selects that cue and moves the playhead to its start; a time moves the
 * playhead there (and selects the cue playing then). A bad entry keeps the box open with the reason beside it.
 */
import { useEffect, useRef, useState, type JSX } from 'react';
import { Dialog } from '../dialog/Dialog';
import { useServices } from '../app-services';
import { useOpenFlag } from '../use-open-flag';

export function GoToDialog({ goTo }: { goTo(text: string): string | null }): JSX.Element | null {
  const flag = useServices().goTo;
  const open = useOpenFlag(flag);
  if (!open) return null;
  return <GoToBox goTo={goTo} close={() => flag.set(false)} />;
}

function GoToBox({ goTo, close }: { goTo(text: string): string | null; close(): void }): JSX.Element {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => previous?.focus();
  }, []);

  const submit = () => {
    const message = goTo(text);
    if (message) setError(message);
    else close();
  };
  return (
    <Dialog title="Go to" onClose={close} onSubmit={submit} testId="goto-dialog" className="goto-dialog">
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
        <button type="button" onClick={close}>Cancel</button>
        <button type="submit">Go</button>
      </div>
    </Dialog>
  );
}
