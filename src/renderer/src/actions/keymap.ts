/**
 * The keymap as data: what each shortcut does, its chords, and whether it may fire while the user types
 * in a pane. keys.ts dispatches from it and the help overlay lists it, so the two never disagree.
 * Conventions follow Aegisub and Subtitle Edit (Q/W/S to audition, F9/F10 to set edges, Alt+arrows to step).
 * Pure: no DOM, so tests can check the whole map (no duplicate chords, bare keys never fire while typing).
 */
import type { Commands } from './commands';

export type KeyGroup = 'Playback' | 'Timing' | 'Navigation' | 'Editing' | 'Speakers' | 'File' | 'View';

export const KEY_GROUPS: readonly KeyGroup[] = ['Playback', 'Timing', 'Navigation', 'Editing', 'Speakers', 'File', 'View'];

export interface KeyBinding {
  id: string;
  label: string;
  group: KeyGroup;
  /** Chords like `Ctrl+Shift+Enter`, `Alt+Up`, `F9`, `[`; `Ctrl` also matches Cmd on macOS. */
  chords: string[];
  /** May it fire with focus in a text field or a Monaco pane? Never for bare keys: those type text there. */
  whileTyping: boolean;
  /** How the help overlay shows the chords, when listing them one by one would be noise (Alt+1 … Alt+9). */
  keysLabel?: string;
  /** Acts on auto-repeat while held (nudges, stepping, zoom); others fire once per press. */
  repeats?: boolean;
  /** `chordIndex` tells which of `chords` matched (Alt+1 … Alt+9 share one binding). */
  run(commands: Commands, chordIndex: number): void;
}

/** A parsed chord. `key` is a normalized key name: `a`–`z`, `0`–`9`, `Space`, `Enter`, `ArrowUp`, `F9`, `[`… */
export interface Chord {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

/** The parts of a KeyboardEvent a chord is matched against (tests pass plain objects). */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const KEY_ALIASES: Record<string, string> = {
  up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight', space: 'Space', enter: 'Enter',
  delete: 'Delete', del: 'Delete', insert: 'Insert', ins: 'Insert', escape: 'Escape', esc: 'Escape',
  plus: '+', minus: '-',
};

/** Named keys that are not text: they may fire while typing when the binding allows it. */
const NAMED_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Space', 'Enter', 'Delete', 'Insert', 'Escape']);

function normalizeKey(raw: string): string | null {
  if (/^[a-z0-9]$/i.test(raw)) return raw.toLowerCase();
  if (/^f([1-9]|1[0-2])$/i.test(raw)) return raw.toUpperCase();
  const alias = KEY_ALIASES[raw.toLowerCase()];
  if (alias) return alias;
  if (NAMED_KEYS.has(raw)) return raw;
  // Punctuation is matched by the character it types, whatever Shift it took to type it.
  if (raw.length === 1 && /[[\]?+\-=,./;'`\\]/.test(raw)) return raw;
  return null;
}

/** Parses `Ctrl+Alt+Shift+Key`; throws on a chord the map should never contain (a typo in this file). */
export function parseChord(text: string): Chord {
  // `+` alone (or last, as in `Ctrl++`) is the key, not a separator.
  const parts = text.endsWith('++') ? [...text.slice(0, -2).split('+'), '+'] : text === '+' ? ['+'] : text.split('+');
  const chord: Chord = { ctrl: false, alt: false, shift: false, key: '' };
  for (const [i, part] of parts.entries()) {
    const lower = part.toLowerCase();
    if (i < parts.length - 1 && (lower === 'ctrl' || lower === 'cmd' || lower === 'mod')) chord.ctrl = true;
    else if (i < parts.length - 1 && lower === 'alt') chord.alt = true;
    else if (i < parts.length - 1 && lower === 'shift') chord.shift = true;
    else if (i === parts.length - 1) {
      const key = normalizeKey(part);
      if (!key) throw new Error(`Unknown key in chord "${text}"`);
      chord.key = key;
    } else throw new Error(`Unknown modifier in chord "${text}"`);
  }
  return chord;
}

/** True for single characters typed with Shift on common layouts (`?`, `+`): Shift is not checked for them. */
function isPunctuation(key: string): boolean {
  return key.length === 1 && !/[a-z0-9]/.test(key);
}

/** Canonical text of a chord, for duplicate checks and display. */
export function chordText(chord: Chord): string {
  const mods = [chord.ctrl && 'Ctrl', chord.alt && 'Alt', chord.shift && !isPunctuation(chord.key) && 'Shift'].filter(Boolean);
  const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key.replace(/^Arrow/, '');
  return [...mods, key].join('+');
}

/** The normalized key of an event: letters and digits fall back to the physical key when Alt or a layout changed the character. */
function eventKey(event: KeyLike): string {
  if (event.key === ' ' || event.code === 'Space') return 'Space';
  if (/^[a-z0-9]$/i.test(event.key)) return event.key.toLowerCase();
  const physical = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(event.code);
  if (physical && event.key.length === 1) return (physical[1] ?? physical[2]).toLowerCase();
  if (event.key === 'Add') return '+';
  if (event.key === 'Subtract') return '-';
  return event.key;
}

export function matchChord(chord: Chord, event: KeyLike): boolean {
  if (chord.ctrl !== (event.ctrlKey || event.metaKey) || chord.alt !== event.altKey) return false;
  if (!isPunctuation(chord.key) && chord.shift !== event.shiftKey) return false;
  const key = eventKey(event);
  // `Shift+=` types `+` on US layouts; `=` alone is accepted as zoom-in too via its own chord.
  return key === chord.key;
}

/** True for a chord with Ctrl/Alt/Cmd or a function key: the only kind that may act while typing. */
export function isChordSafeWhileTyping(chord: Chord): boolean {
  return chord.ctrl || chord.alt || /^F\d+$/.test(chord.key) || chord.key === 'Insert';
}

const NUDGE_SMALL = 10;
const NUDGE_LARGE = 100;
const AUDITION_MS = 500;

/**
 * Nudging: Alt+←/→ moves the start, Ctrl+Alt+←/→ the end, by 10 ms; add Shift for 100 ms. Shift = "bigger
 * step" as in most editors; the arrow says which way. They act on every selected cue.
 */
function nudgeBindings(): KeyBinding[] {
  const out: KeyBinding[] = [];
  for (const edge of ['start', 'end'] as const) {
    for (const big of [false, true]) {
      const ms = big ? NUDGE_LARGE : NUDGE_SMALL;
      const mods = `${edge === 'end' ? 'Ctrl+' : ''}Alt+${big ? 'Shift+' : ''}`;
      out.push({
        id: `nudge-${edge}-${ms}`,
        label: `Nudge ${edge} of selected cues earlier / later by ${ms} ms`,
        group: 'Timing',
        chords: [`${mods}Left`, `${mods}Right`],
        keysLabel: `${mods}← / →`,
        whileTyping: true,
        repeats: true,
        run: (c, i) => c.nudge(edge, i === 0 ? -ms : ms),
      });
    }
  }
  return out;
}

const SEEK_SMALL = 100;
const SEEK_LARGE = 1000;

/**
 * Seeking outside the panes: ←/→ step the playhead 100 ms, Shift+←/→ 1 s, Ctrl+←/→ one frame (40 ms without a
 * frame rate). Alt+←/→ already nudges the start (Aegisub's habit), so the frame step takes Ctrl; in a pane these
 * keys keep moving the caret.
 */
function seekBindings(): KeyBinding[] {
  const step = (id: string, mods: string, label: string, run: (c: Commands, direction: 1 | -1) => void): KeyBinding => ({
    id, label, group: 'Navigation', chords: [`${mods}Left`, `${mods}Right`], keysLabel: `${mods}← / →`,
    whileTyping: false, repeats: true, run: (c, i) => run(c, i === 0 ? -1 : 1),
  });
  return [
    step('seek-100', '', `Step the playhead back / forward ${SEEK_SMALL} ms`, (c, d) => c.seekBy(d * SEEK_SMALL)),
    step('seek-1s', 'Shift+', 'Step the playhead back / forward 1 s', (c, d) => c.seekBy(d * SEEK_LARGE)),
    step('seek-frame', 'Ctrl+', 'Step the playhead one frame back / forward (40 ms without a frame rate)', (c, d) => c.stepFrames(d)),
  ];
}

export const KEYMAP: readonly KeyBinding[] = [
  // Playback
  { id: 'play-pause', label: 'Play / pause', group: 'Playback', chords: ['Space'], whileTyping: false, run: (c) => c.playPause() },
  { id: 'play-pause-anywhere', label: 'Play / pause (also in a pane)', group: 'Playback', chords: ['F5', 'Ctrl+P'], whileTyping: true, run: (c) => c.playPause() },
  { id: 'play-cue', label: 'Play the selected cue', group: 'Playback', chords: ['S'], whileTyping: false, run: (c) => c.playCue() },
  { id: 'play-cue-anywhere', label: 'Play the selected cue (also in a pane)', group: 'Playback', chords: ['Ctrl+Shift+P'], whileTyping: true, run: (c) => c.playCue() },
  { id: 'play-before', label: `Play the ${AUDITION_MS} ms before the cue`, group: 'Playback', chords: ['Q'], whileTyping: false, run: (c) => c.playAround('before', AUDITION_MS) },
  { id: 'play-after', label: `Play the ${AUDITION_MS} ms after the cue`, group: 'Playback', chords: ['W'], whileTyping: false, run: (c) => c.playAround('after', AUDITION_MS) },
  { id: 'play-to-end', label: 'Play from the playhead to the end of the cue', group: 'Playback', chords: ['T'], whileTyping: false, run: (c) => c.playToCueEnd() },
  // Timing
  { id: 'set-start', label: 'Set start at the playhead', group: 'Timing', chords: ['F9'], whileTyping: true, run: (c) => c.setEdgeAtPlayhead('start') },
  { id: 'set-start-bare', label: 'Set start at the playhead', group: 'Timing', chords: ['['], whileTyping: false, run: (c) => c.setEdgeAtPlayhead('start') },
  { id: 'set-end', label: 'Set end at the playhead', group: 'Timing', chords: ['F10'], whileTyping: true, run: (c) => c.setEdgeAtPlayhead('end') },
  { id: 'set-end-bare', label: 'Set end at the playhead', group: 'Timing', chords: [']'], whileTyping: false, run: (c) => c.setEdgeAtPlayhead('end') },
  ...nudgeBindings(),
  { id: 'pin', label: 'Pin / unpin the selected cues (auto-time keeps their times)', group: 'Timing', chords: ['Ctrl+Alt+P'], whileTyping: true, run: (c) => c.togglePin() },
  { id: 'pin-bare', label: 'Pin / unpin the selected cues (auto-time keeps their times)', group: 'Timing', chords: ['P'], whileTyping: false, run: (c) => c.togglePin() },
  // Navigation
  { id: 'prev-cue', label: 'Previous cue', group: 'Navigation', chords: ['Alt+Up'], whileTyping: true, repeats: true, run: (c) => c.stepCue(-1) },
  { id: 'next-cue', label: 'Next cue', group: 'Navigation', chords: ['Alt+Down'], whileTyping: true, repeats: true, run: (c) => c.stepCue(1) },
  { id: 'prev-cue-bare', label: 'Previous cue', group: 'Navigation', chords: ['Up'], whileTyping: false, repeats: true, run: (c) => c.stepCue(-1) },
  { id: 'next-cue-bare', label: 'Next cue', group: 'Navigation', chords: ['Down'], whileTyping: false, repeats: true, run: (c) => c.stepCue(1) },
  ...seekBindings(),
  { id: 'go-to', label: 'Go to a cue number or a time', group: 'Navigation', chords: ['Ctrl+G'], whileTyping: true, run: (c) => c.openGoTo() },
  { id: 'commit-next', label: 'Commit and go to the next cue (adds one at the end)', group: 'Navigation', chords: ['Ctrl+Enter'], whileTyping: true, run: (c) => c.commitAndNext() },
  // Editing
  { id: 'split', label: 'Split at the cursor / playhead', group: 'Editing', chords: ['Ctrl+Shift+Enter'], whileTyping: true, run: (c) => c.splitAtPlayhead(false) },
  { id: 'split-turn', label: 'Split turn (second half to the next speaker)', group: 'Editing', chords: ['Ctrl+Alt+Enter'], whileTyping: true, run: (c) => c.splitAtPlayhead(true) },
  { id: 'merge-next', label: 'Merge with the next cue', group: 'Editing', chords: ['Ctrl+J'], whileTyping: true, run: (c) => c.mergeWithNext() },
  { id: 'word-to-next', label: 'Move the last word to the next cue', group: 'Editing', chords: ['Ctrl+Alt+Down'], whileTyping: true, run: (c) => c.moveWord('toNext') },
  { id: 'word-from-next', label: 'Bring the next cue’s first word up', group: 'Editing', chords: ['Ctrl+Alt+Up'], whileTyping: true, run: (c) => c.moveWord('fromNext') },
  { id: 'insert-cue', label: 'Insert a cue at the playhead', group: 'Editing', chords: ['Insert'], whileTyping: true, run: (c) => c.insertAtPlayhead() },
  { id: 'delete-cues', label: 'Delete the selected cues', group: 'Editing', chords: ['Alt+Delete'], whileTyping: true, run: (c) => c.deleteSelected() },
  { id: 'delete-cues-bare', label: 'Delete the selected cues', group: 'Editing', chords: ['Delete'], whileTyping: false, run: (c) => c.deleteSelected() },
  { id: 'find-replace', label: 'Find and replace', group: 'Editing', chords: ['Ctrl+H'], whileTyping: true, run: (c) => c.openFindReplace() },
  { id: 'undo', label: 'Undo (panes have their own Ctrl+Z into the same history)', group: 'Editing', chords: ['Ctrl+Z'], whileTyping: false, run: (c) => c.undo() },
  { id: 'redo', label: 'Redo', group: 'Editing', chords: ['Ctrl+Shift+Z', 'Ctrl+Y'], whileTyping: false, run: (c) => c.redo() },
  // Speakers
  {
    id: 'speaker-n', label: 'Set the selection’s speaker to speaker 1–9', group: 'Speakers', whileTyping: true,
    chords: ['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+7', 'Alt+8', 'Alt+9'], keysLabel: 'Alt+1 … Alt+9',
    run: (c, i) => c.setSpeakerNumber(i + 1),
  },
  { id: 'speaker-clear', label: 'Clear the selection’s speaker', group: 'Speakers', chords: ['Alt+0'], whileTyping: true, run: (c) => c.setSpeakerNumber(0) },
  // File
  { id: 'save', label: 'Save', group: 'File', chords: ['Ctrl+S'], whileTyping: true, run: (c) => c.save() },
  { id: 'save-as', label: 'Save as…', group: 'File', chords: ['Ctrl+Shift+S'], whileTyping: true, run: (c) => c.saveAs() },
  // View
  { id: 'zoom-in', label: 'Zoom the waveform in (also Ctrl+wheel)', group: 'View', chords: ['+', '='], whileTyping: false, repeats: true, run: (c) => c.zoom(1) },
  { id: 'zoom-out', label: 'Zoom the waveform out', group: 'View', chords: ['-'], whileTyping: false, repeats: true, run: (c) => c.zoom(-1) },
  { id: 'follow', label: 'Follow the playhead on / off', group: 'View', chords: ['F'], whileTyping: false, run: (c) => c.toggleFollow() },
  { id: 'history', label: 'Show / hide the undo history', group: 'View', chords: ['Ctrl+Shift+H'], whileTyping: true, run: (c) => c.toggleHistory() },
  { id: 'help', label: 'Keyboard shortcuts (this list)', group: 'View', chords: ['F1'], whileTyping: true, run: (c) => c.toggleHelp() },
  { id: 'help-bare', label: 'Keyboard shortcuts (this list)', group: 'View', chords: ['?'], whileTyping: false, run: (c) => c.toggleHelp() },
];

interface CompiledBinding {
  binding: KeyBinding;
  chords: Chord[];
}

let compiled: CompiledBinding[] | null = null;

function compile(): CompiledBinding[] {
  compiled ??= KEYMAP.map((binding) => ({ binding, chords: binding.chords.map(parseChord) }));
  return compiled;
}

/** The binding (and which of its chords) an event triggers, given whether the user is typing; null when none. */
export function findBinding(event: KeyLike, typing: boolean): { binding: KeyBinding; chordIndex: number } | null {
  for (const { binding, chords } of compile()) {
    if (typing && !binding.whileTyping) continue;
    const chordIndex = chords.findIndex((chord) => matchChord(chord, event));
    if (chordIndex >= 0) return { binding, chordIndex };
  }
  return null;
}

export interface HelpKey {
  text: string;
  /** Works with focus in a pane too (a chord), rather than only outside the editors (a bare key). */
  anywhere: boolean;
}

export interface HelpRow {
  label: string;
  keys: HelpKey[];
}

/** The keymap grouped for the help overlay; bindings with the same label share a row. */
export function helpRows(): Array<{ group: KeyGroup; rows: HelpRow[] }> {
  return KEY_GROUPS.map((group) => {
    const rows: HelpRow[] = [];
    for (const b of KEYMAP.filter((x) => x.group === group)) {
      const texts = b.keysLabel ? [b.keysLabel] : b.chords.map((c) => chordText(parseChord(c)));
      const keys = texts.map((text) => ({ text, anywhere: b.whileTyping }));
      const label = b.label.replace(/ \(also in a pane\)$/, '');
      const row = rows.find((r) => r.label === label);
      if (row) row.keys.push(...keys);
      else rows.push({ label, keys });
    }
    return { group, rows };
  });
}
