import { describe, expect, it } from 'vitest';
import { buildMatcher, matchingCueIds, nextMatchingCue } from '../../../src/renderer/src/find/matcher';
import { replaceTexts } from '../../../src/shared/commands/replace';
import { formatOffset, parseOffset, parseTime } from '../../../src/renderer/src/timing/time-input';
import { closeGapsCommand, refusal, removeOverlapsCommand, resyncCommand, resyncDefaults, shiftCommand } from '../../../src/renderer/src/timing/timing-form';
import { validateSettings } from '../../../src/renderer/src/settings/validate-settings';
import { cueCountsBySpeaker, cuesOfSpeaker, nextSpeakerName } from '../../../src/renderer/src/speakers/speaker-stats';
import type { SubtitleDocument } from '../../../src/shared/model';

const doc: SubtitleDocument = {
  languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
  cues: [
    { id: 'a', start: 1000, end: 2000, speaker: 's1', text: { 'zh-Hans': '火车站', en: 'The train' } },
    { id: 'b', start: 3000, end: 4000, speaker: null, text: { 'zh-Hans': '再见', en: 'training day' } },
    { id: 'c', start: 5000, end: 6000, speaker: 's1', text: { 'zh-Hans': '车', en: 'no match' } },
  ],
  speakers: [{ id: 's1', name: 'Speaker 1', color: '#4e79a7' }, { id: 's2', name: 'Speaker 3', color: '#f28e2b' }],
  chapters: [],
  media: null,
  metadata: {},
};

describe('find matcher', () => {
  it('counts matching cues with the planner semantics (case, whole word, regex)', () => {
    const re = (o: Partial<Parameters<typeof buildMatcher>[0]>) => {
      const m = buildMatcher({ lang: 'en', find: 'train', regex: false, caseSensitive: false, ...o });
      if (!m.ok) throw new Error(m.error);
      return m.re;
    };
    expect(matchingCueIds(doc, 'en', re({}))).toEqual(['a', 'b']);
    expect(matchingCueIds(doc, 'en', re({ wholeWord: true }))).toEqual(['a']);
    expect(matchingCueIds(doc, 'en', re({ find: 'THE', caseSensitive: true }))).toEqual([]);
    expect(matchingCueIds(doc, 'en', re({ find: '^t\\w+', regex: true, caseSensitive: true }))).toEqual(['b']);
    expect(matchingCueIds(doc, 'zh-Hans', re({ lang: 'zh-Hans', find: '车' }))).toEqual(['a', 'c']);
  });

  it('reports an invalid regex as a value, and an empty search as no matcher', () => {
    const bad = buildMatcher({ lang: 'en', find: '(tr', regex: true, caseSensitive: false });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/Invalid regular expression/);
    expect(buildMatcher({ lang: 'en', find: '', regex: false, caseSensitive: false })).toEqual({ ok: false, error: '' });
  });

  it('finds the next match after a cue, wrapping around', () => {
    const m = buildMatcher({ lang: 'en', find: 'train', regex: false, caseSensitive: false });
    if (!m.ok) throw new Error();
    expect(nextMatchingCue(doc, 'en', m.re, null)).toBe('a');
    expect(nextMatchingCue(doc, 'en', m.re, 'a')).toBe('b');
    expect(nextMatchingCue(doc, 'en', m.re, 'b')).toBe('a');
    // The dialog's matcher is the planner's search: the replace main runs (replaceTexts) takes it as it is.
    expect(replaceTexts(['a train', 'no match'], m.re, '$&x', false)).toEqual(['a $&x', null]);
    expect(replaceTexts(['a train'], m.re, '[$&]', true)).toEqual(['a [train]']);
  });
});

describe('time inputs', () => {
  it('reads offsets as ms or signed times', () => {
    expect(parseOffset('-250')).toBe(-250);
    expect(parseOffset('+1:02.5')).toBe(62_500);
    expect(parseOffset('-1:00:00.000')).toBe(-3_600_000);
    expect(parseOffset('1.5')).toBe(1500);
    expect(parseOffset('1:0x')).toBeNull();
    expect(parseOffset('')).toBeNull();
    expect(parseTime('0:07.750')).toBe(7750);
    expect(parseOffset(formatOffset(-62_345))).toBe(-62_345);
  });
});

describe('timing forms', () => {
  it('builds shift commands for the selection or all', () => {
    expect(shiftCommand('-250', 'selected', ['a'])).toEqual({ ok: true, command: { kind: 'shift', cueIds: ['a'], offset: -250 } });
    expect(shiftCommand('+0:01.000', 'all', [])).toEqual({ ok: true, command: { kind: 'shift', cueIds: 'all', offset: 1000 } });
    expect(shiftCommand('0', 'all', []).ok).toBe(false);
    expect(shiftCommand('+0:01.000', 'selected', []).ok).toBe(false);
  });

  it('prefills a resync from the first and last selected cue, at their own times (issue 13)', () => {
    expect(resyncDefaults(doc, ['c', 'a'])).toEqual({ aNumber: '1', aTime: '0:01.000', bNumber: '3', bTime: '0:05.000' });
    expect(resyncDefaults(doc, ['b'])).toEqual({ aNumber: '2', aTime: '0:03.000', bNumber: '3', bTime: '0:05.000' });
    expect(resyncDefaults(doc, [])).toEqual({ aNumber: '1', aTime: '0:01.000', bNumber: '3', bTime: '0:05.000' });
    const form = { aNumber: '1', aTime: '0:01.500', bNumber: '3', bTime: '0:06.000' };
    expect(resyncCommand(doc, form, 'all', [])).toEqual({
      ok: true, command: { kind: 'resync', a: { cueId: 'a', time: 1500 }, b: { cueId: 'c', time: 6000 }, cueIds: 'all' },
    });
    expect(resyncCommand(doc, { ...form, bNumber: '1' }, 'all', []).ok).toBe(false);
    expect(resyncCommand(doc, { ...form, bNumber: '9' }, 'all', []).ok).toBe(false);
    expect(resyncCommand(doc, { ...form, aTime: 'soon' }, 'all', []).ok).toBe(false);
  });

  it('says why main would refuse a command, so the dialog can stay open and show it', () => {
    const reversed = resyncCommand(doc, { aNumber: '1', aTime: '0:05.000', bNumber: '3', bTime: '0:01.000' }, 'all', []);
    expect(reversed.ok && refusal(doc, reversed.command)).toBe('The new times must keep the reference cues in the same order (and apart)');
    const fine = resyncCommand(doc, { aNumber: '1', aTime: '0:02.000', bNumber: '3', bTime: '0:06.000' }, 'all', []);
    expect(fine.ok && refusal(doc, fine.command)).toBeNull();
  });

  it('builds close-gaps and remove-overlaps commands', () => {
    expect(closeGapsCommand('500', 'selected', ['a', 'b'])).toEqual({ ok: true, command: { kind: 'closeGaps', cueIds: ['a', 'b'], maxGap: 500 } });
    expect(closeGapsCommand('-1', 'all', []).ok).toBe(false);
    expect(removeOverlapsCommand('all', [])).toEqual({ ok: true, command: { kind: 'removeOverlaps', cueIds: 'all' } });
  });
});

describe('settings validation', () => {
  // minGapMs is no longer a setting (issue 13: the QC profile's gap); an old value in `current` is ignored.
  const current = { minSplitMs: 200, minGapMs: 24 };
  it('returns only changed fields, or per-field errors', () => {
    expect(validateSettings({ minSplitMs: '200' }, current)).toEqual({ ok: true, patch: {} });
    expect(validateSettings({ minSplitMs: '350' }, current)).toEqual({ ok: true, patch: { minSplitMs: 350 } });
    const bad = validateSettings({ minSplitMs: '1.5' }, current);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors)).toEqual(['minSplitMs']);
    expect(validateSettings({ minSplitMs: '' }, current).ok).toBe(false);
    expect(validateSettings({ minSplitMs: '10001' }, current).ok).toBe(false);
  });
});

describe('speaker stats', () => {
  it('counts cues per speaker and lists them', () => {
    expect(cueCountsBySpeaker(doc)).toEqual(new Map<string | null, number>([['s1', 2], [null, 1]]));
    expect(cuesOfSpeaker(doc, 's1')).toEqual(['a', 'c']);
    expect(cuesOfSpeaker(doc, null)).toEqual(['b']);
    expect(nextSpeakerName(doc)).toBe('Speaker 4');
  });
});
