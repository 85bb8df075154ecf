/**
 * Browser mode: closing the tab or reloading while the document has unsaved edits asks first (the browser's own
 * "Leave site?" prompt), unless hot exit is on — then the server keeps the session and the journal the edits.
 * Electron's main process asks on close itself; a beforeunload veto there would only make the window unclosable.
 */
import { useEffect } from 'react';
import type { AppSession } from '../session/app-session';
import { promptOnUnload } from './decisions';

export function useUnloadGuard(session: AppSession, browserMode: boolean): void {
  useEffect(() => {
    if (!browserMode) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const docState = session.doc.state();
      const { settings } = session.ui.getState();
      if (!promptOnUnload(docState, settings, session.doc.editsInFlight())) return;
      event.preventDefault();
      // Older Chromium builds show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [session, browserMode]);
}
