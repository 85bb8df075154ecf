/**
 * Whether the History list is open: one flag outside React, so View → History (the menu), a key in the keymap and
 * the panel's own header all open the same list. Pure TS (no DOM): the keymap may call it.
 */
type Listener = () => void;

let open = false;
/** Bumped each time something asks to show the list, so the panel scrolls itself into view again. */
let shows = 0;
const listeners = new Set<Listener>();

function set(next: boolean, show: boolean): void {
  open = next;
  if (show) shows++;
  for (const listener of listeners) listener();
}

export function isHistoryOpen(): boolean {
  return open;
}

export function historyShows(): number {
  return shows;
}

/** Opens the History list and brings it into view (View → History). */
export function showHistoryPanel(): void {
  set(true, true);
}

/** Opens or closes the History list (the key). */
export function toggleHistoryPanel(): void {
  set(!open, !open);
}

export function hideHistoryPanel(): void {
  set(false, false);
}

export function subscribeHistoryPanel(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
