import { describe, expect, it } from 'vitest';
import type { Cue, SubtitleDocument } from '../../../src/shared/model';
import { BUILTIN_PROFILES } from '../../../src/shared/qc/profiles';
import type { Issue } from '../../../src/shared/qc/types';
import {
  countLike, cueMarks, filterIssues, fixAllLike, fixOne, rulesPresent, severityCounts, valueVsLimit, cueNumbers,
} from '../../../src/renderer/src/qc/issue-view';
import { QC_PART, QcLive } from '../../../src/renderer/src/qc/qc-live';

const issue = (cueId: string | null, rule: Issue['rule'], severity: Issue['severity'], lang: string | null = 'en'): Issue => ({
  cueId, lang, rule, severity, value: 25, limit: 20, message: `${rule} on ${cueId}`,
});

describe('issue view helpers', () => {
  const issues = [
    issue('a', 'cps', 'error'),
    issue('a', 'spaces', 'warning'),
    issue('b', 'spaces', 'warning'),
    issue('b', 'cps', 'error', 'zh-Hans'),
    issue('c', 'empty', 'info'),
    issue(null, 'untimed', 'warning', null),
  ];

  it('marks each cue with its worst severity, ignoring info and document-wide problems', () => {
    expect([...cueMarks(issues)]).toEqual([['a', 'error'], ['b', 'error']]);
    expect([...cueMarks([issue('x', 'spaces', 'warning'), issue('x', 'cps', 'error')])]).toEqual([['x', 'error']]);
  });

  it('filters by severity and by rule', () => {
    expect(filterIssues(issues, { severity: 'warning', rule: 'all' })).toHaveLength(3);
    expect(filterIssues(issues, { severity: 'warning', rule: 'spaces' }).map((i) => i.cueId)).toEqual(['a', 'b']);
    expect(filterIssues(issues, { severity: 'all', rule: 'all' })).toHaveLength(issues.length);
  });

  it('counts severities and lists the rules present in order', () => {
    expect(severityCounts(issues)).toEqual({ error: 2, warning: 3, info: 1 });
    expect(rulesPresent(issues)).toEqual(['cps', 'spaces', 'empty', 'untimed']);
  });

  it('formats value against limit', () => {
    expect(valueVsLimit(issue('a', 'cps', 'error'))).toBe('25 / 20');
    expect(valueVsLimit({ ...issue('a', 'wrong-script', 'warning'), value: 'Latin', limit: 'Han' })).toBe('Latin (Han)');
    expect(valueVsLimit({ ...issue('a', 'empty', 'info'), value: '', limit: '' })).toBe('');
    expect(valueVsLimit({ ...issue('a', 'max-duration', 'warning', null), value: 15453, limit: 7000 })).toBe('15.45 s / 7 s');
    expect(valueVsLimit({ ...issue('a', 'min-gap', 'warning', null), value: 40, limit: 83 })).toBe('40 / 83 ms');
  });

  it('builds a fix for one cue, with its language, and none for a rule without a fix', () => {
    expect(fixOne(issues[3])).toEqual({ kind: 'fix', rule: 'cps', cueIds: ['b'], lang: 'zh-Hans' });
    expect(fixOne(issue('a', 'overlap', 'error', null))).toEqual({ kind: 'fix', rule: 'overlap', cueIds: ['a'] });
    expect(fixOne(issues[4])).toBeNull();
  });

  it('fixes all of a kind: same rule and same language only, each cue once', () => {
    const more = [...issues, issue('d', 'spaces', 'warning'), issue('d', 'spaces', 'warning')];
    expect(fixAllLike(issues[1], more)).toEqual({ kind: 'fix', rule: 'spaces', cueIds: ['a', 'b', 'd'], lang: 'en' });
    expect(fixAllLike(issues[0], more)).toEqual({ kind: 'fix', rule: 'cps', cueIds: ['a'], lang: 'en' });
    expect(countLike(issues[1], more)).toBe(4);
  });
});

describe('cue numbers of the listed issues', () => {
  it('numbers only the listed cues, as the panes count them (1-based, document order)', () => {
    const cues = ['a', 'b', 'c', 'd'].map((id, i): Cue => ({ id, start: i * 1000, end: i * 1000 + 500, speaker: null, text: { en: '芯片' } }));
    const d: SubtitleDocument = { languages: [{ code: 'en', name: 'English' }], cues, speakers: [], chapters: [], media: null, metadata: {} };
    const numbers = cueNumbers(d, [issue('c', 'cps', 'error'), issue(null, 'untimed', 'info', null), issue('a', 'spaces', 'warning'), issue('gone', 'cps', 'error')]);
    expect([...numbers].sort()).toEqual([['a', 1], ['c', 3]]);
    expect(cueNumbers(d, []).size).toBe(0);
  });
});

describe('QcLive', () => {
  const cue = (id: string, start: number, end: number, en: string): Cue => ({ id, start, end, speaker: null, text: { en } });
  // Operations keep the languages array: a new one means the languages changed, which re-checks everything.
  const languages = [{ code: 'en', name: 'English' }];
  const doc = (cues: Cue[]): SubtitleDocument => ({
    languages, cues, speakers: [], chapters: [], media: null, metadata: {},
  });
  const manual = () => {
    const queue: Array<() => void> = [];
    const wholes: boolean[] = [];
    const live = new QcLive((run, whole) => {
      queue.push(run);
      wholes.push(whole);
      return () => queue.splice(queue.indexOf(run), 1);
    });
    return { live, queue, wholes };
  };
  const netflix = { en: BUILTIN_PROFILES.find((p) => p.id === 'netflix-en')! };
  const cues = Array.from({ length: 50 }, (_, i) => cue(`c${i}`, i * 3000, i * 3000 + 2000, 'Fine text.'));

  it('checks once per scheduled turn however many edits arrive', () => {
    const { live, queue } = manual();
    let notified = 0;
    live.subscribe(() => notified++);
    live.setInputs(doc(cues), netflix);
    live.setInputs(doc(cues), netflix);
    expect(queue).toHaveLength(1);
    queue[0]();
    expect(notified).toBe(1);
    expect(live.getSnapshot().issues).toEqual([]);
  });

  it('asks for an idle turn for a whole check and a frame for an edit', () => {
    const { live, queue, wholes } = manual();
    live.setInputs(doc(cues), netflix);
    queue.shift()!();
    live.setInputs(doc(cues.map((c) => (c.id === 'c3' ? { ...c, text: { en: 'Edited.' } } : c))), netflix);
    queue.shift()!();
    live.setInputs(doc(cues), { en: BUILTIN_PROFILES.find((p) => p.id === 'default')! });
    expect(wholes).toEqual([true, false, true]);
  });

  it('checks a long document from scratch in parts, one per idle turn, to the same issues as at once', () => {
    const long = Array.from({ length: QC_PART * 2 + 500 }, (_, i) =>
      cue(`l${i}`, i * 3000, i * 3000 + (i % 7 === 0 ? 300 : 2000), i % 5 === 0 ? 'x'.repeat(60) : 'Fine text.'));
    const once = manual();
    once.live.setInputs(doc(long), netflix);
    once.live.flush();
    const { live, queue, wholes } = manual();
    let notified = 0;
    live.subscribe(() => notified++);
    live.setInputs(doc(long), netflix);
    queue.shift()!();
    queue.shift()!();
    expect(notified).toBe(0);
    expect(live.getSnapshot().issues).toEqual([]);
    // An edit while the parts run joins the check rather than starting over.
    const edited = doc(long.map((c, i) => (i === 3 ? { ...c, text: { en: 'y'.repeat(70) } } : c)));
    live.setInputs(edited, netflix);
    expect(queue).toHaveLength(1);
    queue.shift()!();
    expect(queue).toHaveLength(0);
    expect(wholes).toEqual([true, true, true]);
    expect(notified).toBe(1);
    once.live.setInputs(edited, netflix);
    once.live.flush();
    expect(live.getSnapshot().issues).toEqual(once.live.getSnapshot().issues);
    expect(live.getSnapshot().issues.length).toBeGreaterThan(QC_PART / 5);
  });

  it('re-checks only the edited cue and its neighbour, and marks it', () => {
    const { live } = manual();
    const first = doc(cues);
    live.setInputs(first, netflix);
    live.flush();
    const edited = doc(cues.map((c) => (c.id === 'c10' ? { ...c, text: { en: 'x'.repeat(60) } } : c)));
    live.setInputs(edited, netflix);
    live.flush();
    expect(live.lastChecked).toBe(2);
    expect(live.getSnapshot().marks.get('c10')).toBe('error');
    expect(live.getSnapshot().issues.some((i) => i.cueId === 'c10' && i.rule === 'cps')).toBe(true);
  });

  it('re-checks everything when the profile figures change, not when only the object is new', () => {
    const { live } = manual();
    const d = doc([cue('a', 0, 1000, 'x'.repeat(22))]);
    live.setInputs(d, netflix);
    live.flush();
    expect(live.getSnapshot().issues.map((i) => i.rule)).toContain('cps');
    const before = live.getSnapshot();
    live.setInputs(d, { en: { ...netflix.en } });
    live.flush();
    expect(live.getSnapshot()).toBe(before);
    live.setInputs(d, { en: BUILTIN_PROFILES.find((p) => p.id === 'default')! });
    live.flush();
    expect(live.getSnapshot().issues.map((i) => i.rule)).not.toContain('cps');
    expect(live.getSnapshot().profiles.en.id).toBe('default');
  });
});
