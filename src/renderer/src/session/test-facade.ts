/**
 * The read-only handle the end-to-end tests and the editing benchmark observe (`window.__duosubStore`): one
 * `getState()` with the document and the UI state side by side, as they have always read it.
 */
import type { DocumentState } from '../../../shared/api';
import { DisposableStore } from '../../../shared/lifecycle';
import type { AppSession } from './app-session';
import type { UiState } from './ui-store';

export interface ObservedState extends UiState {
  docState: DocumentState | null;
}

export interface SessionFacade {
  getState(): ObservedState;
  subscribe(listener: () => void): () => void;
  idle(): Promise<void>;
  playheadMs(): number;
}

export function sessionFacade(session: AppSession): SessionFacade {
  return {
    getState: () => ({ ...session.ui.getState(), docState: session.doc.state() }),
    subscribe: (listener) => {
      const owned = new DisposableStore();
      owned.addFn(session.doc.onChange(() => listener()));
      owned.addFn(session.ui.subscribe(listener));
      return () => owned.dispose();
    },
    idle: () => session.doc.idle(),
    playheadMs: () => session.ui.playheadMs(),
  };
}
