import { describe, expect, it } from 'vitest';
import {
  formatFieldDuration, formatFieldTime, parseFieldTime, planFieldEdit, readingSpeeds,
} from '../../../src/renderer/src/timing/cue-fields';
import { cueAt, parseGoTo } from '../../../src/renderer/src/goto/goto';
import { gutterLabel, PIN_MARK } from '../../../src/renderer/src/panes/cue-label';
import { profileById } from '../../../src/shared/qc/profiles';
import type { Cue, SubtitleDocument } from '../../../src/shared/model';
import { buildCueMenu } from '../../../src/renderer/src/menu/cue-menu';

const NTSC = 24000 / 1001;
const cue: Cue = { id: 'c1', start: 1000, end: 3000, speaker: null, text: { en: 'Hello there, my friend.', 'zh-Hans': '你好，我的朋友。' } };

describe('typed times', () => {
  it('reads ms, SRT and short time codes, and seconds', () => {
    expect(parseFieldTime('1500', null)).toBe(1500);
    expect(parseFieldTime(' 00:01:23,500 ', null)).toBe(83_500);
    expect(parseFieldTime('00:01:23.5', null)).toBe(83_500);
    expect(parseFieldTime('1:23.5', null)).toBe(83_500);
    expect(parseFieldTime('2.5', null)).toBe(2500);
    expect(parseFieldTime('1:02:03,004', null)).toBe(3_723_004);
  });

  it('reads frames only when the document has a frame rate', () => {
    expect(parseFieldTime('00:00:01:12', 25)).toBe(1480);
    expect(parseFieldTime('00:00:01:00', NTSC)).toBe(1001);
    expect(parseFieldTime('00:00:01:12', null)).toEqual({ error: expect.stringMatching(/no frame rate/) });
    expect(parseFieldTime('00:00:01:25', 25)).toEqual({ error: expect.stringMatching(/frames 00–24/) });
  });

  it('says what to type instead of guessing', () => {
    expect(parseFieldTime('', null)).toEqual({ error: expect.stringMatching(/^Type a time: ms \(1500\)/) });
    expect(parseFieldTime('abc', 25)).toEqual({ error: expect.stringMatching(/"abc" is not a time: .*frames at 25 fps/) });
    expect(parseFieldTime('1:75.000', null)).toEqual({ error: expect.stringMatching(/is not a time/) });
    expect(parseFieldTime('-5', null)).toEqual({ error: expect.stringMatching(/is not a time/) });
  });

  it('shows times as SRT time codes, or frames with a frame rate', () => {
    expect(formatFieldTime(83_500, null)).toBe('00:01:23,500');
    expect(formatFieldTime(1480, 25)).toBe('00:00:01:12');
    expect(formatFieldDuration(2500, null)).toBe('2.500');
    expect(formatFieldDuration(2000, 25)).toBe('00:00:02:00');
    // What is shown reads back as the same time.
    expect(parseFieldTime(formatFieldTime(83_500, null), null)).toBe(83_500);
    expect(parseFieldTime(formatFieldDuration(2500, null), null)).toBe(2500);
  });
});

describe('planFieldEdit', () => {
  it('sets one edge; a duration keeps the start', () => {
    expect(planFieldEdit(cue, 'start', '500', null)).toEqual({ kind: 'set', edge: 'start', time: 500 });
    expect(planFieldEdit(cue, 'end', '00:00:04,250', null)).toEqual({ kind: 'set', edge: 'end', time: 4250 });
    expect(planFieldEdit(cue, 'duration', '1500', null)).toEqual({ kind: 'set', edge: 'end', time: 2500 });
    expect(planFieldEdit(cue, 'duration', '0.8', null)).toEqual({ kind: 'set', edge: 'end', time: 1800 });
  });

  it('changes nothing for the same value', () => {
    expect(planFieldEdit(cue, 'end', '3000', null)).toEqual({ kind: 'none' });
    expect(planFieldEdit(cue, 'duration', '2.000', null)).toEqual({ kind: 'none' });
  });

  it('keeps the end after the start, with a message naming the other edge', () => {
    expect(planFieldEdit(cue, 'end', '1000', null)).toEqual({ kind: 'error', message: 'The end must be after the start (00:00:01,000)' });
    expect(planFieldEdit(cue, 'start', '3500', null)).toEqual({ kind: 'error', message: 'The start must be before the end (00:00:03,000)' });
    expect(planFieldEdit(cue, 'duration', '0', null)).toEqual({ kind: 'error', message: 'The duration must be more than 0' });
    expect(planFieldEdit(cue, 'end', 'soon', null).kind).toBe('error');
  });

  it('snaps typed times to frames when the document has a frame rate', () => {
    expect(planFieldEdit(cue, 'end', '3019', 25)).toEqual({ kind: 'none' }); // snaps back to 3000, where it is
    expect(planFieldEdit(cue, 'end', '3030', 25)).toEqual({ kind: 'set', edge: 'end', time: 3040 });
    expect(planFieldEdit(cue, 'end', '00:00:03:12', 25)).toEqual({ kind: 'set', edge: 'end', time: 3480 });
    expect(planFieldEdit(cue, 'duration', '00:00:01:00', NTSC)).toEqual({ kind: 'set', edge: 'end', time: 2002 });
  });
});

describe('reading speed beside the fields', () => {
  it('counts per language as the QC check does, coloured against the profile', () => {
    const profiles = { en: profileById('netflix-en')!, 'zh-Hans': profileById('netflix-zh-hans')! };
    const speeds = readingSpeeds(cue, ['zh-Hans', 'en'], profiles);
    expect(speeds.map((s) => s.lang)).toEqual(['zh-Hans', 'en']);
    expect(speeds[1].text).toMatch(/^\d+\.\d cps$/);
    expect(speeds[1].limit).toBe(`max ${profiles.en.maxCps} cps`);
    const fast = readingSpeeds({ ...cue, end: cue.start + 200 }, ['en'], profiles);
    expect(fast[0].level).toBe('over');
    expect(readingSpeeds({ ...cue, text: { en: '  ' } }, ['en'], profiles)).toEqual([]);
  });
});

describe('go to', () => {
  it('reads a cue number or a time', () => {
    expect(parseGoTo('40', 98, null)).toEqual({ kind: 'cue', index: 39 });
    expect(parseGoTo('#40', 98, null)).toEqual({ kind: 'cue', index: 39 });
    expect(parseGoTo('1:23.5', 98, null)).toEqual({ kind: 'time', ms: 83_500 });
    expect(parseGoTo('00:01:23,500', 98, null)).toEqual({ kind: 'time', ms: 83_500 });
    expect(parseGoTo('00:01:23:12', 98, 25)).toEqual({ kind: 'time', ms: 83_480 });
  });

  it('says why it cannot go', () => {
    expect(parseGoTo('99', 98, null)).toEqual({ kind: 'error', message: 'There is no cue 99: the cues are numbered 1–98' });
    expect(parseGoTo('0', 98, null).kind).toBe('error');
    expect(parseGoTo('', 98, null).kind).toBe('error');
    expect(parseGoTo('later', 98, null)).toEqual({ kind: 'error', message: expect.stringMatching(/"later" is not a time/) });
  });

  it('finds the cue playing at a time', () => {
    const cues = [cue, { ...cue, id: 'c2', start: 3000, end: 4000 }];
    expect(cueAt(cues, 2999)?.id).toBe('c1');
    expect(cueAt(cues, 3000)?.id).toBe('c2');
    expect(cueAt(cues, 4000)).toBeNull();
  });
});

describe('gutter pin mark', () => {
  it('marks a pinned cue without changing an unpinned label', () => {
    expect(gutterLabel(12, 63_250)).toBe('12  1:03.250');
    expect(gutterLabel(12, 63_250, true)).toBe(`12 ${PIN_MARK} 1:03.250`);
  });
});

describe('pin in the pane context menu', () => {
  const doc = {
    languages: [{ code: 'en', name: 'English' }], speakers: [], chapters: [], metadata: {},
    cues: [cue, { ...cue, id: 'c2', start: 3000, end: 4000, pinned: true }, { ...cue, id: 'c3', start: 4000, end: 5000 }],
  } as unknown as SubtitleDocument;
  const pinItem = (cueId: string, selected: string[]) => {
    const commands: unknown[] = [];
    const items = buildCueMenu({ doc, target: { cueId, lang: 'en', offset: null }, selectedCueIds: selected }, (intent) => commands.push(intent));
    const item = items.find((i) => i.kind === 'action' && /^(Pin|Unpin) /.test(i.label));
    if (item?.kind !== 'action') throw new Error('no pin item');
    item.run();
    return { label: item.label, checked: item.checked, command: commands[0] };
  };

  it('pins an unpinned cue and unpins a pinned one', () => {
    expect(pinItem('c1', ['c1'])).toEqual({ label: 'Pin cue (auto-time keeps its times)', checked: false, command: { type: 'command', command: { kind: 'pin', cueIds: ['c1'], pinned: true } } });
    expect(pinItem('c2', ['c2'])).toMatchObject({ label: 'Unpin cue (auto-time keeps its times)', checked: true, command: { command: { kind: 'pin', cueIds: ['c2'], pinned: false } } });
  });

  it('acts on the whole selection: pins all unless every one is pinned', () => {
    expect(pinItem('c2', ['c1', 'c2', 'c3'])).toMatchObject({ label: 'Pin 3 cues (auto-time keeps their times)', command: { command: { cueIds: ['c1', 'c2', 'c3'], pinned: true } } });
  });
});
