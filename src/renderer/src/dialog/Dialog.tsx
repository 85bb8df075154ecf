/**
 * The one frame of the window's dialogs (export, settings, timing, auto-time, Go to, the unsaved-work questions …):
 * a backdrop, a labelled modal box with its title, Escape or a click outside to close. Its look is dialog.css.
 * The global keys leave keys typed in a `.dialog-backdrop` alone, so Space or Delete never act behind a dialog.
 */
import { useEffect, type JSX, type ReactNode } from 'react';
import './dialog.css';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Makes the box a form: Enter in a field submits (the page does not reload). */
  onSubmit?(): void;
  testId?: string;
  /** Extra classes on the box (its width, its content's layout). */
  className?: string;
}

export function Dialog({ title, onClose, children, onSubmit, testId, className }: DialogProps): JSX.Element {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const box = {
    className: className ? `dialog ${className}` : 'dialog',
    role: 'dialog',
    'aria-modal': true,
    'aria-label': title,
    'data-testid': testId,
  } as const;
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      {onSubmit ? (
        <form
          noValidate
          {...box}
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          <h2>{title}</h2>
          {children}
        </form>
      ) : (
        <div {...box}>
          <h2>{title}</h2>
          {children}
        </div>
      )}
    </div>
  );
}
