import { describe, expect, it } from 'vitest';
import { findBinding, helpRows, type KeyLike } from '../../../src/renderer/src/actions/keymap';
import type { Commands } from '../../../src/renderer/src/actions/commands';

function ev(key: string, mods: Partial<KeyLike> = {}): KeyLike {
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key;
  return { key, code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods };
}

/** Runs the binding an event triggers against a recorder; the calls it made, or null when no binding fired. */
function run(event: KeyLike, typing = false): string[] | null {
  const found = findBinding(event, typing);
  if (!found) return null;
  const calls: string[] = [];
  const commands = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => calls.push(`${String(name)}(${args.join(',')})`) }) as Commands;
  found.binding.run(commands, found.chordIndex);
  return calls;
}

describe('seek, go-to and pin keys', () => {
  it('step the playhead 100 ms, 1 s and a frame outside the panes', () => {
    expect(run(ev('ArrowLeft'))).toEqual(['seekBy(-100)']);
    expect(run(ev('ArrowRight'))).toEqual(['seekBy(100)']);
    expect(run(ev('ArrowLeft', { shiftKey: true }))).toEqual(['seekBy(-1000)']);
    expect(run(ev('ArrowRight', { shiftKey: true }))).toEqual(['seekBy(1000)']);
    expect(run(ev('ArrowLeft', { ctrlKey: true }))).toEqual(['stepFrames(-1)']);
    expect(run(ev('ArrowRight', { ctrlKey: true }))).toEqual(['stepFrames(1)']);
  });

  it('leave the arrows to the caret while typing, and keep the nudges', () => {
    expect(run(ev('ArrowLeft'), true)).toBeNull();
    expect(run(ev('ArrowRight', { shiftKey: true }), true)).toBeNull();
    expect(run(ev('ArrowRight', { ctrlKey: true }), true)).toBeNull();
    expect(run(ev('ArrowLeft', { altKey: true }))).toEqual(['nudge(start,-10)']);
    expect(run(ev('ArrowRight', { ctrlKey: true, altKey: true }), true)).toEqual(['nudge(end,10)']);
  });

  it('open Go to with Ctrl+G everywhere, play to the cue end with T, pin with P or Ctrl+Alt+P', () => {
    expect(run(ev('g', { ctrlKey: true }), true)).toEqual(['openGoTo()']);
    expect(run(ev('t'))).toEqual(['playToCueEnd()']);
    expect(run(ev('t'), true)).toBeNull();
    expect(run(ev('p'))).toEqual(['togglePin()']);
    expect(run(ev('p', { ctrlKey: true, altKey: true }), true)).toEqual(['togglePin()']);
    expect(run(ev('p', { ctrlKey: true }))).toEqual(['playPause()']);
  });

  it('are listed in the shortcut help', () => {
    const labels = helpRows().flatMap((g) => g.rows.map((r) => `${r.label}: ${r.keys.map((k) => k.text).join(' ')}`));
    expect(labels).toContain('Step the playhead back / forward 100 ms: ← / →');
    expect(labels).toContain('Step the playhead back / forward 1 s: Shift+← / →');
    expect(labels).toContain('Go to a cue number or a time: Ctrl+G');
    expect(labels.some((l) => l.startsWith('Pin / unpin the selected cues') && l.endsWith('Ctrl+Alt+P P'))).toBe(true);
  });
});
