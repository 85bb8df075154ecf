/**
 * Whether the keyboard help overlay is open: a tiny external store so the keymap (outside React) can
 * toggle it and the overlay component can follow it.
 */
import { useSyncExternalStore } from 'react';

let open = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (next === open) return;
  open = next;
  for (const listener of listeners) listener();
}

export const openHelp = (): void => set(true);
export const closeHelp = (): void => set(false);
export const toggleHelp = (): void => set(!open);
export const isHelpOpen = (): boolean => open;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useHelpOpen(): boolean {
  return useSyncExternalStore(subscribe, isHelpOpen);
}
