/**
 * Window-wide shortcuts, dispatched from the keymap (keymap.ts). Bare keys act only when focus is not in
 * a text field or a Monaco pane; chords with Ctrl/Alt/Cmd and function keys act everywhere. The listener
 * runs on `window` in the capture phase and swallows what it handles, so Monaco never sees those keys
 * (Alt+↑/↓ would otherwise move lines, Ctrl+H open its own find widget).
 */
import { findBinding, type KeyLike } from './keymap';
import type { Commands } from './commands';

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

/** Keys that belong to something else: an IME composing Chinese, AltGr typing a character. */
function isForeign(event: KeyboardEvent): boolean {
  return event.isComposing || event.key === 'Process' || event.key === 'Dead' || event.getModifierState?.('AltGraph') === true;
}

/**
 * Focus inside a context menu or dialog that handles its own keys (arrows, Enter, Escape), or anywhere in a modal
 * dialog's frame: a question such as "Save changes?" must not let Space play or Delete remove cues behind it.
 */
function inOwnKeysWidget(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.duosub-menu, [role="dialog"] input, .dialog-backdrop') !== null;
}

/** An arrow key on a slider (the zoom) moves the slider, as the user expects, not the playhead or the selection. */
function isSliderArrow(event: KeyboardEvent): boolean {
  return event.target instanceof HTMLInputElement && event.target.type === 'range' && event.key.startsWith('Arrow');
}

export function installGlobalKeys(getCommands: () => Commands): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || isForeign(event) || inOwnKeysWidget(event.target) || isSliderArrow(event)) return;
    const found = findBinding(event as KeyLike, isTyping(event.target));
    if (!found) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.repeat && !found.binding.repeats) return;
    found.binding.run(getCommands(), found.chordIndex);
  };
  // A focused button clicks on Space's keyup: swallow that too, or Space would play and click.
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ' && !isTyping(event.target) && !inOwnKeysWidget(event.target)) event.preventDefault();
  };
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('keyup', onKeyUp, true);
  return () => {
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('keyup', onKeyUp, true);
  };
}
