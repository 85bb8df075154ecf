import { describe, expect, it } from 'vitest';
import {
  chordText, findBinding, helpRows, isChordSafeWhileTyping, KEYMAP, matchChord, parseChord, type KeyLike,
} from '../../../src/renderer/src/actions/keymap';

function ev(key: string, mods: Partial<KeyLike> = {}, code?: string): KeyLike {
  const derived = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^[0-9]$/.test(key) ? `Digit${key}` : key === ' ' ? 'Space' : key;
  return { key, code: code ?? derived, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods };
}

describe('keymap', () => {
  it('has no chord bound twice', () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP) {
      for (const c of b.chords) {
        const text = chordText(parseChord(c));
        expect(seen.get(text), `${text} is bound by ${seen.get(text)} and ${b.id}`).toBeUndefined();
        seen.set(text, b.id);
      }
    }
  });

  it('has unique ids', () => {
    expect(new Set(KEYMAP.map((b) => b.id)).size).toBe(KEYMAP.length);
  });

  it('never lets a bare key fire while typing', () => {
    for (const b of KEYMAP) {
      const bare = b.chords.map(parseChord).filter((c) => !isChordSafeWhileTyping(c));
      if (bare.length) expect(b.whileTyping, `${b.id} has bare chords`).toBe(false);
    }
  });

  it('covers the timing loop the issue asks for', () => {
    const ids = KEYMAP.map((b) => b.id);
    for (const id of ['play-pause', 'play-cue', 'play-before', 'play-after', 'set-start', 'set-end', 'nudge-start-10', 'nudge-start-100',
      'nudge-end-10', 'nudge-end-100', 'prev-cue', 'next-cue', 'commit-next', 'split', 'merge-next', 'zoom-in', 'zoom-out', 'follow']) {
      expect(ids).toContain(id);
    }
  });
});

describe('parseChord', () => {
  it('reads modifiers and normalizes keys', () => {
    expect(parseChord('Ctrl+Shift+Enter')).toEqual({ ctrl: true, alt: false, shift: true, key: 'Enter' });
    expect(parseChord('Alt+Up')).toEqual({ ctrl: false, alt: true, shift: false, key: 'ArrowUp' });
    expect(parseChord('f9')).toEqual({ ctrl: false, alt: false, shift: false, key: 'F9' });
    expect(parseChord('S').key).toBe('s');
    expect(parseChord('+').key).toBe('+');
    expect(parseChord('Ctrl++')).toEqual({ ctrl: true, alt: false, shift: false, key: '+' });
  });

  it('refuses unknown keys and modifiers', () => {
    expect(() => parseChord('Hyper+A')).toThrow(/modifier/);
    expect(() => parseChord('Ctrl+Banana')).toThrow(/Unknown key/);
  });
});

describe('matchChord', () => {
  it('requires the exact modifiers', () => {
    const chord = parseChord('Alt+Up');
    expect(matchChord(chord, ev('ArrowUp', { altKey: true }))).toBe(true);
    expect(matchChord(chord, ev('ArrowUp'))).toBe(false);
    expect(matchChord(chord, ev('ArrowUp', { altKey: true, ctrlKey: true }))).toBe(false);
    expect(matchChord(chord, ev('ArrowUp', { altKey: true, shiftKey: true }))).toBe(false);
  });

  it('takes Cmd for Ctrl', () => {
    expect(matchChord(parseChord('Ctrl+J'), ev('j', { metaKey: true }))).toBe(true);
  });

  it('matches letters whatever their case, and by physical key when Alt changed the character', () => {
    expect(matchChord(parseChord('Ctrl+Shift+P'), ev('P', { ctrlKey: true, shiftKey: true }))).toBe(true);
    // macOS: Alt+1 types "¡".
    expect(matchChord(parseChord('Alt+1'), ev('¡', { altKey: true }, 'Digit1'))).toBe(true);
    expect(matchChord(parseChord('Alt+1'), ev('¡', { altKey: true }, 'Digit2'))).toBe(false);
  });

  it('ignores Shift for punctuation typed with it', () => {
    expect(matchChord(parseChord('?'), ev('?', { shiftKey: true }, 'Slash'))).toBe(true);
    expect(matchChord(parseChord('+'), ev('+', { shiftKey: true }, 'Equal'))).toBe(true);
    expect(matchChord(parseChord('+'), ev('+', {}, 'NumpadAdd'))).toBe(true);
  });

  it('matches Space by key or code', () => {
    expect(matchChord(parseChord('Space'), ev(' '))).toBe(true);
    expect(matchChord(parseChord('Space'), ev(' ', { ctrlKey: true }))).toBe(false);
  });
});

describe('findBinding', () => {
  it('fires bare keys only outside text fields', () => {
    expect(findBinding(ev(' '), false)?.binding.id).toBe('play-pause');
    expect(findBinding(ev(' '), true)).toBeNull();
    expect(findBinding(ev('s'), true)).toBeNull();
    expect(findBinding(ev('ArrowDown'), true)).toBeNull();
    expect(findBinding(ev('ArrowDown'), false)?.binding.id).toBe('next-cue-bare');
  });

  it('fires chords and function keys while typing', () => {
    expect(findBinding(ev('ArrowDown', { altKey: true }), true)?.binding.id).toBe('next-cue');
    expect(findBinding(ev('Enter', { ctrlKey: true, shiftKey: true }), true)?.binding.id).toBe('split');
    expect(findBinding(ev('Enter', { ctrlKey: true, altKey: true }), true)?.binding.id).toBe('split-turn');
    expect(findBinding(ev('F9'), true)?.binding.id).toBe('set-start');
    expect(findBinding(ev('ArrowRight', { ctrlKey: true, altKey: true, shiftKey: true }), true)?.binding.id).toBe('nudge-end-100');
  });

  it('leaves Ctrl+Z to the panes while typing', () => {
    expect(findBinding(ev('z', { ctrlKey: true }), true)).toBeNull();
    expect(findBinding(ev('z', { ctrlKey: true }), false)?.binding.id).toBe('undo');
  });

  it('tells which chord matched, and the command gets it', () => {
    const found = findBinding(ev('3', { altKey: true }), true);
    expect(found?.binding.id).toBe('speaker-n');
    expect(found?.chordIndex).toBe(2);
    const calls: unknown[] = [];
    const commands = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => calls.push([name, ...args]) });
    found!.binding.run(commands as never, found!.chordIndex);
    expect(calls).toEqual([['setSpeakerNumber', 3]]);
    const left = findBinding(ev('ArrowLeft', { altKey: true }), false)!;
    left.binding.run(commands as never, left.chordIndex);
    expect(calls.at(-1)).toEqual(['nudge', 'start', -10]);
  });
});

describe('helpRows', () => {
  it('lists every binding once, grouped, with bare keys marked as outside-only', () => {
    const groups = helpRows();
    const keys = groups.flatMap((g) => g.rows.flatMap((r) => r.keys));
    expect(keys.find((k) => k.text === 'Space')).toEqual({ text: 'Space', anywhere: false });
    expect(keys.find((k) => k.text === 'F5')).toEqual({ text: 'F5', anywhere: true });
    const playPause = groups.find((g) => g.group === 'Playback')!.rows.find((r) => r.label === 'Play / pause')!;
    expect(playPause.keys.map((k) => k.text)).toEqual(['Space', 'F5', 'Ctrl+P']);
    expect(keys.some((k) => k.text === 'Alt+1 … Alt+9')).toBe(true);
  });
});
