/**
 * An open/closed flag outside React (a dialog or overlay the keymap opens and a component follows): one small
 * external store, so each flag is not its own copy of a listener set.
 */
import { useSyncExternalStore } from 'react';

export interface OpenFlag {
  isOpen(): boolean;
  set(open: boolean): void;
  toggle(): void;
  /** The flag in a React component, re-rendering when it changes. */
  use(): boolean;
}

export function createOpenFlag(): OpenFlag {
  let open = false;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  const set = (next: boolean): void => {
    if (next === open) return;
    open = next;
    for (const listener of listeners) listener();
  };
  const isOpen = () => open;
  return { isOpen, set, toggle: () => set(!open), use: () => useSyncExternalStore(subscribe, isOpen) };
}
