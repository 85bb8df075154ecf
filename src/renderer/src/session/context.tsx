/**
 * React's access to the window's session: one `AppSession` made at start-up and provided at the root. Components
 * read a slice (`useDoc((s) => s?.dirty)`, `useUi((s) => s.currentTime)`), so a playback tick re-renders the
 * clock, not the panes.
 */
import { createContext, useCallback, useContext, useSyncExternalStore, type JSX, type ReactNode } from 'react';
import type { DocumentState } from '../../../shared/api';
import type { AppSession } from './app-session';
import type { UiState } from './ui-store';

const SessionContext = createContext<AppSession | null>(null);

export function SessionProvider({ session, children }: { session: AppSession; children: ReactNode }): JSX.Element {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): AppSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** A slice of the document every view shows (null before one is open). */
export function useDoc<T>(selector: (state: DocumentState | null) => T): T {
  const { doc } = useSession();
  return useSyncExternalStore(doc.onChange, () => selector(doc.state()));
}

/** A slice of the UI state (selection, status, playback time …). */
export function useUi<T>(selector: (state: UiState) => T): T {
  const { ui } = useSession();
  return useSyncExternalStore(ui.subscribe, () => selector(ui.getState()));
}

/** A value read from both (the selected cue's object, the cue under the playhead): re-renders when it changes. */
export function useDocAndUi<T>(selector: (doc: DocumentState | null, ui: UiState) => T): T {
  const { doc, ui } = useSession();
  const subscribe = useCallback((listener: () => void) => {
    const offs = [doc.onChange(() => listener()), ui.subscribe(listener)];
    return () => offs.forEach((off) => off());
  }, [doc, ui]);
  return useSyncExternalStore(subscribe, () => selector(doc.state(), ui.getState()));
}
