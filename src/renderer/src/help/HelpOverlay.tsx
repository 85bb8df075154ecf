/**
 * The keyboard help overlay (F1, or `?` outside the panes): the keymap grouped by what it is for, read
 * from keymap.ts so it always lists what the keys really do. Escape, a click outside or the close
 * button dismisses it.
 */
import { useEffect, useRef, type JSX } from 'react';
import { helpRows, type HelpKey } from '../actions/keymap';
import { useServices } from '../app-services';
import { useOpenFlag } from '../use-open-flag';
import './help.css';

function Keys({ keys }: { keys: HelpKey[] }): JSX.Element {
  return (
    <span className="help-keys">
      {keys.map((k, i) => (
        <kbd key={i} className={k.anywhere ? 'anywhere' : 'outside'} title={k.anywhere ? 'Works in the panes too' : 'Only outside the text panes'}>
          {k.text}
        </kbd>
      ))}
    </span>
  );
}

export function HelpOverlay(): JSX.Element | null {
  const { help } = useServices();
  const open = useOpenFlag(help);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    dialogRef.current?.focus();
    // Capture phase, ahead of the global keys: Escape here must not reach a pane or a menu.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      help.set(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      previous?.focus();
    };
  }, [open, help]);

  if (!open) return null;
  return (
    <div className="help-backdrop" onPointerDown={(e) => e.target === e.currentTarget && help.set(false)} data-testid="help-overlay">
      <div className="help-dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" tabIndex={-1} ref={dialogRef}>
        <header className="help-header">
          <h2>Keyboard shortcuts</h2>
          <span className="help-legend">
            <kbd className="anywhere">Key</kbd> works everywhere · <kbd className="outside">Key</kbd> only outside the text panes
          </span>
          <button type="button" className="help-close" onClick={() => help.set(false)} aria-label="Close">✕</button>
        </header>
        <div className="help-groups">
          {helpRows().map(({ group, rows }) => (
            <section key={group} className="help-group">
              <h3>{group}</h3>
              <table>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.label}>
                      <td className="help-label">{row.label}</td>
                      <td><Keys keys={row.keys} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        <footer className="help-footer">Ctrl+wheel on the waveform zooms; drag on empty waveform to insert a cue; right-click a region for speaker, split, merge and delete.</footer>
      </div>
    </div>
  );
}
