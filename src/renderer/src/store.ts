/**
 * The app's one store instance and the React hook that reads it. Components subscribe to a slice
 * (`useStore((s) => s.currentTime)`), so a playback tick re-renders the clock, not the panes.
 */
import { useSyncExternalStore } from 'react';
import { getBridge, onConnectionLost } from './bridge';
import { DocStore, type StoreState } from './store-core';

export type { StoreState, SaveOutcome, Status } from './store-core';

let instance: DocStore | null = null;

/** The store, created (and connected to main's events) on first use. */
export function getStore(): DocStore {
  if (!instance) {
    const bridge = getBridge();
    const store = new DocStore(bridge.api);
    store.connect((event, listener) => bridge.on(event, listener));
    onConnectionLost(() => store.setConnectionLost());
    instance = store;
  }
  return instance;
}

export function useStore<T>(selector: (state: StoreState) => T): T {
  const store = getStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
