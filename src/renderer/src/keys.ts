/**
 * Window-wide shortcuts. Inside a Monaco editor the panes handle undo/redo themselves (and Space types a
 * space), so these act only when focus is elsewhere; Save works everywhere.
 */
import type { Commands } from './toolbar/commands';

/** True when the event's target is a Monaco editor (its hidden textarea lives inside `.monaco-editor`). */
export function inEditor(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.monaco-editor') !== null;
}

/** True when keys typed at `target` are text: Monaco, inputs, text areas, editable content. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (inEditor(target) || target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'file', 'submit'].includes(target.type);
  return false;
}

export function installGlobalKeys(getCommands: () => Commands): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const commands = getCommands();
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (mod && !event.altKey && key === 's') {
      event.preventDefault();
      if (event.shiftKey) commands.saveAs();
      else commands.save();
      return;
    }
    if (mod && !event.altKey && (key === 'z' || key === 'y')) {
      if (isTyping(event.target)) return; // Monaco and inputs keep their own undo.
      event.preventDefault();
      if (key === 'y' || event.shiftKey) commands.redo();
      else commands.undo();
      return;
    }
    if (event.key === ' ' && !mod && !event.altKey && !isTyping(event.target)) {
      // Space on a focused button would also click it: play/pause instead, once.
      event.preventDefault();
      commands.playPause();
    }
  };
  // A focused button clicks on Space's keyup: swallow that too, or Space would play and click.
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ' && !isTyping(event.target)) event.preventDefault();
  };
  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('keyup', onKeyUp);
  return () => {
    window.removeEventListener('keydown', onKeyDown);
    window.removeEventListener('keyup', onKeyUp);
  };
}
