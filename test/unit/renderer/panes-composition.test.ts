import { describe, expect, it } from 'vitest';
import { CompositionHold } from '../../../src/renderer/src/panes/composition-hold';

describe('CompositionHold (edits held while an input method composes)', () => {
  it('holds nothing outside a composition: edits are reported as they happen', () => {
    const hold = new CompositionHold();
    expect(hold.hold(['c1'])).toBe(false);
    expect(hold.holds('c1')).toBe(false);
    expect(hold.end()).toEqual([]);
  });

  it('keeps every cue the composition touched, once each, in first-touched order, until it ends', () => {
    const hold = new CompositionHold();
    hold.start();
    expect(hold.active).toBe(true);
    expect(hold.hold(['c7'])).toBe(true);
    expect(hold.hold(['c7'])).toBe(true);
    expect(hold.hold(['c2', 'c7'])).toBe(true);
    expect(hold.holds('c7')).toBe(true);
    expect(hold.holds('c1')).toBe(false);
    expect(hold.end()).toEqual(['c7', 'c2']);
    expect(hold.active).toBe(false);
    // The next edit after the end goes straight through.
    expect(hold.hold(['c7'])).toBe(false);
    expect(hold.end()).toEqual([]);
  });

  it('a new model (another document) drops what was held, but the composition goes on', () => {
    const hold = new CompositionHold();
    hold.start();
    hold.hold(['c1']);
    hold.reset();
    expect(hold.holds('c1')).toBe(false);
    expect(hold.active).toBe(true);
    expect(hold.hold(['c3'])).toBe(true);
    expect(hold.end()).toEqual(['c3']);
  });
});
