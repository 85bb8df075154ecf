import { describe, expect, it } from 'vitest';
import { pick, prune, EMPTY_SELECTION } from '../../../src/renderer/src/selection';
import type { Cue } from '../../../src/shared/model';

const cues: Cue[] = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, start: i * 1000, end: i * 1000 + 900, speaker: null, text: {} }));

describe('selection', () => {
  it('a click replaces, Ctrl+click toggles, Shift+click selects the range from the anchor', () => {
    let s = pick(cues, EMPTY_SELECTION, 'b');
    expect(s).toEqual({ ids: ['b'], primary: 'b' });
    s = pick(cues, s, 'd', 'toggle');
    expect(s).toEqual({ ids: ['b', 'd'], primary: 'd' });
    s = pick(cues, s, 'b', 'toggle');
    expect(s).toEqual({ ids: ['d'], primary: 'd' });
    s = pick(cues, s, 'a', 'range');
    expect(s).toEqual({ ids: ['a', 'b', 'c', 'd'], primary: 'd' });
    s = pick(cues, s, 'e', 'range');
    expect(s).toEqual({ ids: ['d', 'e'], primary: 'd' });
    expect(pick(cues, s, null)).toEqual(EMPTY_SELECTION);
  });

  it('keeps document order and drops cues that no longer exist', () => {
    const s = pick(cues, pick(cues, pick(cues, EMPTY_SELECTION, 'e'), 'a', 'toggle'), 'c', 'toggle');
    expect(s.ids).toEqual(['a', 'c', 'e']);
    const after = prune(cues.filter((c) => c.id !== 'c'), s);
    expect(after).toEqual({ ids: ['a', 'e'], primary: 'e' });
    expect(prune(cues.filter((c) => c.id !== 'c' && c.id !== 'e'), { ids: ['c', 'e'], primary: 'c' })).toEqual({ ids: [], primary: null });
  });
});
