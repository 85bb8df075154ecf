/** Whether the "Go to" box is open: a tiny external store, so the keymap (outside React) can open it. */
import { useSyncExternalStore } from 'react';

let open = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (next === open) return;
  open = next;
  for (const listener of listeners) listener();
}

export const openGoTo = (): void => set(true);
export const closeGoTo = (): void => set(false);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useGoToOpen(): boolean {
  return useSyncExternalStore(subscribe, () => open);
}
