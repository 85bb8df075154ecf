import { describe, expect, it } from 'vitest';
import type { Cue, Speaker } from '../../../src/shared/model';
import { DEFAULT_EDIT_SETTINGS } from '../../../src/shared/commands/schema';
import { appendSpan, auditionSpan, insertSpan, neighbourCue, nextSpeaker, splitCommand } from '../../../src/renderer/src/actions/edit-plans';
import { draftSpan, selectModeOf } from '../../../src/renderer/src/waveform/wave-input';

const cue = (id: string, start: number, end: number, speaker: string | null = null): Cue => ({ id, start, end, speaker, text: {} });
const cues = [cue('a', 1000, 2000, 's1'), cue('b', 3000, 4000, 's2'), cue('c', 4500, 6000)];
const speakers: Speaker[] = [
  { id: 's1', name: 'A', color: '#111111' },
  { id: 's2', name: 'B', color: '#222222' },
  { id: 's3', name: 'C', color: '#333333' },
];

describe('neighbourCue', () => {
  it('steps from the selected cue and stops at the ends', () => {
    expect(neighbourCue(cues, 'a', 0, 1)?.id).toBe('b');
    expect(neighbourCue(cues, 'b', 0, -1)?.id).toBe('a');
    expect(neighbourCue(cues, 'a', 0, -1)).toBeNull();
    expect(neighbourCue(cues, 'c', 0, 1)).toBeNull();
  });

  it('without a selection, starts from the playhead', () => {
    expect(neighbourCue(cues, null, 3500, 1)?.id).toBe('b');
    expect(neighbourCue(cues, null, 2500, 1)?.id).toBe('b');
    expect(neighbourCue(cues, null, 3500, -1)?.id).toBe('b');
    expect(neighbourCue(cues, null, 500, -1)).toBeNull();
  });
});

describe('insertSpan', () => {
  it('is one second long when there is room', () => {
    expect(insertSpan(cues, 6500, DEFAULT_EDIT_SETTINGS, 83)).toEqual({ start: 6500, end: 7500 });
  });

  it('stops the minimum gap before the next cue', () => {
    expect(insertSpan(cues, 2200, DEFAULT_EDIT_SETTINGS, 83)).toEqual({ start: 2200, end: 3000 - 83 });
  });

  it('is never shorter than the minimum split length', () => {
    expect(insertSpan(cues, 2950, DEFAULT_EDIT_SETTINGS, 83)).toEqual({ start: 2950, end: 2950 + DEFAULT_EDIT_SETTINGS.minSplitMs });
  });
});

describe('appendSpan', () => {
  it('starts after the cue (with the gap) or at a later playhead', () => {
    expect(appendSpan(cues[2], 0, 83)).toEqual({ start: 6083, end: 7083 });
    expect(appendSpan(cues[2], 9000, 83)).toEqual({ start: 9000, end: 10000 });
  });
});

describe('nextSpeaker', () => {
  it('takes the next speaker in the list, wrapping', () => {
    expect(nextSpeaker(speakers, 's1')).toEqual({ speakerId: 's2' });
    expect(nextSpeaker(speakers, 's3')).toEqual({ speakerId: 's1' });
    expect(nextSpeaker(speakers, null)).toEqual({ speakerId: 's1' });
  });

  it('asks for a new speaker when no other exists', () => {
    expect(nextSpeaker([speakers[0]], 's1')).toEqual({ newSpeakerName: 'Speaker 2' });
    expect(nextSpeaker([], null)).toEqual({ newSpeakerName: 'Speaker 1' });
  });
});

describe('splitCommand', () => {
  it('uses the cursor only when it is in the cue', () => {
    const cursor = { cueId: 'a', lang: 'en', offset: 4 };
    expect(splitCommand({ cue: cues[0], speakers, cursor, playheadMs: 1500.4, turn: false })).toEqual({
      kind: 'split', cueId: 'a', at: { lang: 'en', offset: 4 }, playhead: 1500,
    });
    expect(splitCommand({ cue: cues[1], speakers, cursor, playheadMs: 3500, turn: true })).toEqual({
      kind: 'split', cueId: 'b', playhead: 3500, speaker: { speakerId: 's3' },
    });
  });
});

describe('auditionSpan', () => {
  it('plays the 500 ms either side, never before 0', () => {
    expect(auditionSpan(cues[0], 'before', 500)).toEqual({ start: 500, end: 1000 });
    expect(auditionSpan(cues[0], 'after', 500)).toEqual({ start: 2000, end: 2500 });
    expect(auditionSpan(cue('z', 200, 900), 'before', 500)).toEqual({ start: 0, end: 200 });
  });
});

describe('waveform pointer helpers', () => {
  it('maps click modifiers to selection modes', () => {
    expect(selectModeOf({ ctrlKey: false, metaKey: false, shiftKey: false })).toBe('replace');
    expect(selectModeOf({ ctrlKey: true, metaKey: false, shiftKey: false })).toBe('toggle');
    expect(selectModeOf({ ctrlKey: false, metaKey: true, shiftKey: false })).toBe('toggle');
    expect(selectModeOf({ ctrlKey: false, metaKey: false, shiftKey: true })).toBe('range');
  });

  it('turns a dragged span into integer ms, ignoring slips', () => {
    expect(draftSpan(1.2344, 2.5)).toEqual({ start: 1234, end: 2500 });
    expect(draftSpan(2.5, 1.2344)).toEqual({ start: 1234, end: 2500 });
    expect(draftSpan(1, 1.05)).toBeNull();
  });
});
