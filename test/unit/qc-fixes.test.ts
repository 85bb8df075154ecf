import { describe, expect, it } from 'vitest';
import { CommandError } from '../../src/shared/plan/errors';
import type { SubtitleDocument } from '../../src/shared/model';
import { applyOperation } from '../../src/shared/operations';
import { planFix, type FixRequest } from '../../src/shared/qc/fixes/plan';
import { rebreak, trimSpaces } from '../../src/shared/qc/fixes/text';
import { dictionaryWordStarts } from '../../src/shared/text/boundaries';
import { checkDocument } from '../../src/shared/qc/run';
import { doc, EN, NETFLIX, profile, ZH } from './qc-helpers';

/** Applies the fix, checks that undo restores the document exactly, returns the fixed document. */
function fix(d: SubtitleDocument, request: FixRequest): SubtitleDocument {
  const plan = planFix(d, request, NETFLIX);
  const applied = applyOperation(d, plan.op);
  expect(applyOperation(applied.doc, applied.inverse).doc).toEqual(d);
  expect(plan.op.label).toBe(plan.label);
  return applied.doc;
}

const times = (d: SubtitleDocument): [number, number][] => d.cues.map((c) => [c.start, c.end]);
const rules = (d: SubtitleDocument, rule: string): string[] => checkDocument(d, NETFLIX).filter((i) => i.rule === rule).map((i) => `${i.cueId}:${i.lang}`);

describe('cps fix: lengthen the cue', () => {
  it('extends the end to exactly the duration the slower language needs', () => {
    // en 30 chars → 1500 ms at 20 cps; zh 18 chars → 2000 ms at 9 cps.
    const d = doc([[0, 1000, '一'.repeat(18), 'x'.repeat(30)], [5000, 6000, '好', 'ok']]);
    const fixed = fix(d, { rule: 'cps', cueIds: ['c1'] });
    expect(times(fixed)[0]).toEqual([0, 2000]);
    expect(rules(fixed, 'cps')).toEqual([]);
  });

  it('takes the gap first, keeping the minimum gap, when that is enough', () => {
    const d = doc([[0, 1000, '一'.repeat(18), 'x'], [2500, 3000, '好', 'ok']]);
    expect(times(fix(d, { rule: 'cps', cueIds: 'all' }))).toEqual([[0, 2000], [2500, 3000]]);
  });

  it('then moves the next cue\'s start later when that cue keeps its own reading speed and minimum duration', () => {
    // Needs 2000 ms; the next cue (1 character, floor 833 ms) can start as late as 3000 − 833.
    const d = doc([[0, 1000, '一'.repeat(18), 'x'], [1500, 3000, '好', 'ok']]);
    const fixed = fix(d, { rule: 'cps', cueIds: 'all' });
    expect(times(fixed)).toEqual([[0, 2000], [2083, 3000]]);
    expect(rules(fixed, 'cps')).toEqual([]);
    expect(rules(fixed, 'min-gap')).toEqual([]);
  });

  it('fixes back-to-back cues instead of "nothing to fix" (issue 13)', () => {
    const d = doc([[0, 1000, '一'.repeat(18), 'x'], [1000, 4000, '好', 'ok'], [4000, 6000, '好', 'ok']]);
    const plan = planFix(d, { rule: 'cps', cueIds: 'all' }, NETFLIX);
    expect(plan.label).toBe('Lengthen for reading speed (2 cues)');
    expect(times(fix(d, { rule: 'cps', cueIds: 'all' }))).toEqual([[0, 2000], [2083, 4000], [4000, 6000]]);
  });

  it('chains: the next cue may push its own end into its gap, and the cue after it, like Subtitle Edit', () => {
    // c2 is at its floor (833 ms); it can only give way by moving its end into c3, which has room.
    const d = doc([[0, 1000, '一'.repeat(18), 'x'], [1083, 1916, '好', 'ok'], [1999, 5000, '好', 'ok']]);
    const fixed = fix(d, { rule: 'cps', cueIds: ['c1'] });
    expect(times(fixed)).toEqual([[0, 2000], [2083, 2916], [2999, 5000]]);
    expect(rules(fixed, 'cps')).toEqual([]);
  });

  it('never moves a pinned cue, and says so', () => {
    const d = doc([[0, 1000, '一'.repeat(18), 'x'], [1083, 3000, '好', 'ok']]);
    d.cues[1].pinned = true;
    expect(() => planFix(d, { rule: 'cps', cueIds: ['c1'] }, NETFLIX)).toThrow('Lengthen for reading speed: could not fix cue 1 — cue 1: still 1000 ms short: next cue 2 is pinned');
    const pinnedItself = doc([[0, 1000, '一'.repeat(18), 'x'], [5000, 6000, '好', 'ok']]);
    pinnedItself.cues[0].pinned = true;
    expect(() => planFix(pinnedItself, { rule: 'cps', cueIds: 'all' }, NETFLIX)).toThrow('cue 1: it is pinned');
  });

  it('says why for each cue it could not fix: the next cue is itself at the limit', () => {
    // c2 and c3 read too fast themselves (18 characters in 1500 and 1377 ms) and follow at once: none can give way.
    const d = doc([[0, 1000, '一'.repeat(18), 'x'], [1040, 2540, '二'.repeat(18), 'y'], [2623, 4000, '三'.repeat(18), 'z']]);
    expect(() => planFix(d, { rule: 'cps', cueIds: ['c1'] }, NETFLIX))
      .toThrow('could not fix cue 1 — cue 1: still 1000 ms short: next cue 2 starts 40 ms later and is itself at the limit');
    // Fixing all: the last cue is lengthened; the label names the two it could not fix, and why.
    const plan = planFix(d, { rule: 'cps', cueIds: 'all' }, NETFLIX);
    expect(plan.label).toBe('Lengthen for reading speed (1 cue); not fixed: cue 1: still 1000 ms short: next cue 2 starts 40 ms later and is itself at the limit; '
      + 'cue 2: still 500 ms short: next cue 3 starts 83 ms later and is itself at the limit');
    expect(times(fix(d, { rule: 'cps', cueIds: 'all' }))[2]).toEqual([2623, 4623]);
  });

  it('names at most three unfixed cues, then how many more', () => {
    const specs: [number, number, string, string][] = [];
    for (let i = 0; i < 5; i++) specs.push([i * 1000, i * 1000 + 1000, '一'.repeat(18), 'x']);
    const d = doc(specs);
    d.cues.forEach((c) => (c.pinned = true));
    expect(() => planFix(d, { rule: 'cps', cueIds: 'all' }, NETFLIX)).toThrow(/cue 3: it is pinned; and 2 more$/);
  });
});

describe('gap and overlap fixes', () => {
  it('enforces the minimum gap by ending the earlier cue sooner', () => {
    const d = doc([[0, 1000, '好', 'a'], [1050, 2000, '好', 'b'], [2010, 3000, '好', 'c']]);
    const fixed = fix(d, { rule: 'min-gap', cueIds: 'all' });
    expect(times(fixed)).toEqual([[0, 967], [1050, 1927], [2010, 3000]]);
    expect(rules(fixed, 'min-gap')).toEqual([]);
  });

  it('removes an overlap, moving the next start when the earlier cue would vanish', () => {
    const d = doc([[0, 1500, '好', 'a'], [1000, 2000, '好', 'b'], [2100, 3000, '好', 'c'], [2050, 4000, '好', 'd']]);
    const fixed = fix(d, { rule: 'overlap', cueIds: 'all' });
    expect(times(fixed)).toEqual([[0, 917], [1000, 2000], [2100, 3000], [3083, 4000]]);
    expect(rules(fixed, 'overlap')).toEqual([]);
  });

  it('says so when there is nothing to fix', () => {
    const d = doc([[0, 1000, '好', 'a'], [2000, 3000, '好', 'b']]);
    expect(() => planFix(d, { rule: 'overlap', cueIds: 'all' }, NETFLIX)).toThrow(/nothing to fix/);
    expect(() => planFix(d, { rule: 'min-gap', cueIds: ['c1'] }, NETFLIX)).toThrow(CommandError);
  });
});

describe('re-break lines', () => {
  const en = profile('netflix-en');
  const zh = profile('netflix-zh-hans');

  it('English: balanced two lines at word boundaries within 42', () => {
    const text = 'We are going to need a lot more compute than anyone has built so far';
    const lines = rebreak(text, EN, en).split('\n');
    expect(lines).toEqual(['We are going to need a lot more', 'compute than anyone has built so far']);
    expect(lines.join(' ')).toBe(text);
    expect(rebreak('short\nline', EN, en)).toBe('short line');
  });

  it('Chinese: within 16 characters, never inside a Latin word or a number', () => {
    const text = '我们和Broadcom合作开发了定制芯片，算力提升了3.5倍以上';
    const lines = rebreak(text, ZH, zh).split('\n');
    expect(lines.length).toBe(2);
    for (const l of lines) expect(Array.from(l).length).toBeLessThanOrEqual(16);
    expect(lines.join('')).toBe(text);
    expect(text).toContain('Broadcom');
    expect(lines.some((l) => l.includes('Broadcom'))).toBe(true);
    expect(lines.some((l) => l.includes('3.5'))).toBe(true);
    // Sixteen Han and a number at the edge: the break moves before the whole number.
    const edge = '一二三四五六七八九十一二三四五12345六';
    for (const l of rebreak(edge, ZH, zh).split('\n')) expect(l.includes('12345') || !/\d/.test(l)).toBe(true);
    // A line never starts with a full-width comma.
    for (const l of rebreak('一二三四五六七八九十一二三四五六，七八九', ZH, zh).split('\n')) expect(l.startsWith('，')).toBe(false);
  });

  it('Chinese: breaks between words by the dictionary when that fits (not 新型定|制芯片)', () => {
    const text = '我们共同设计了一款新型定制芯片并且服务于全球用户';
    const [first, second] = rebreak(text, ZH, zh).split('\n');
    expect(first + second).toBe(text);
    expect(Array.from(first).length).toBeLessThanOrEqual(16);
    expect(Array.from(second).length).toBeLessThanOrEqual(16);
    // By characters alone the most balanced cut is 12|12, inside 定制 (custom).
    expect(first).not.toMatch(/定$/);
    expect(dictionaryWordStarts(Array.from(text), ZH)?.has(Array.from(first).length)).toBe(true);
  });

  it('the cpl fix keeps names, compounds, "——" and English name pairs whole (issue 12)', () => {
    const d = doc([[0, 7000, '来自OpenAI的萨姆·阿尔特曼和格雷格,搭载我们研发的芯片——', 'and from Broadcom, Hock Tan and Charlie Kaulis, and Sam Allman.']]);
    const fixed = fix(d, { rule: 'cpl', cueIds: 'all' });
    const zhLines = fixed.cues[0].text[ZH].split('\n');
    expect(zhLines.join('')).toBe(d.cues[0].text[ZH]);
    for (const unit of ['萨姆·阿尔特曼', '芯片——', 'OpenAI']) expect(zhLines.some((l) => l.includes(unit)), zhLines.join(' / ')).toBe(true);
    const enLines = fixed.cues[0].text[EN].split('\n');
    for (const name of ['Hock Tan', 'Charlie Kaulis', 'Sam Allman']) expect(enLines.some((l) => l.includes(name)), enLines.join(' / ')).toBe(true);
  });

  it('fixes cpl and lines problems per language and leaves good text alone', () => {
    const d = doc([[0, 7000, '一二三\n四\n五', 'This is a rather long English line that needs to be broken'], [8000, 9000, '好', 'Fine\nas is']]);
    const fixed = fix(d, { rule: 'cpl', cueIds: 'all' });
    expect(fixed.cues[0].text[EN]).toBe('This is a rather long English\nline that needs to be broken');
    expect(fixed.cues[0].text[ZH]).toBe('一二三四五'); // a lines problem: cpl and lines share the fix
    const zhOnly = fix(d, { rule: 'lines', cueIds: ['c1'], lang: ZH });
    expect(zhOnly.cues[0].text[ZH]).toBe('一二三四五');
    expect(zhOnly.cues[0].text[EN]).toBe(d.cues[0].text[EN]);
    expect(fixed.cues[1]).toBe(d.cues[1]);
    expect(rules(fixed, 'cpl')).toEqual([]);
  });
});

describe('trim spaces', () => {
  it('trims lines and collapses runs, in both languages', () => {
    expect(trimSpaces('  a  b \n c')).toBe('a b\nc');
    expect(trimSpaces('　你好　　世界')).toBe('你好　世界');
    const d = doc([[0, 2000, ' 你好', 'a  b '], [3000, 4000, '好', 'ok']]);
    const fixed = fix(d, { rule: 'spaces', cueIds: 'all' });
    expect([fixed.cues[0].text[ZH], fixed.cues[0].text[EN]]).toEqual(['你好', 'a b']);
    expect(() => planFix(fixed, { rule: 'spaces', cueIds: 'all' }, NETFLIX)).toThrow(CommandError);
  });

  it('rejects an unknown language or cue', () => {
    const d = doc([[0, 2000, ' 你好', 'ok']]);
    expect(() => planFix(d, { rule: 'spaces', cueIds: 'all', lang: 'fr' }, NETFLIX)).toThrow(CommandError);
    expect(() => planFix(d, { rule: 'spaces', cueIds: ['zz'] }, NETFLIX)).toThrow(CommandError);
  });
});

describe('one minimum gap (issue 13)', () => {
  it('is the document\'s QC profile\'s — the strictest of its languages\' — and names the profile it comes from', async () => {
    const { documentGapSource, documentMinGapMs } = await import('../../src/shared/qc/profiles');
    const d = doc([[0, 1000, '好', 'ok']]);
    // Defaults: zh → Netflix Simplified Chinese (83 ms), en → the relaxed profile (24 ms).
    expect(documentMinGapMs(d)).toBe(83);
    expect(documentGapSource(d)).toEqual({ gapMs: 83, profileName: 'Netflix Simplified Chinese' });
    const relaxed = { ...d, metadata: { qcProfiles: { [ZH]: 'default', [EN]: 'default' } } };
    expect(documentGapSource(relaxed)).toEqual({ gapMs: 24, profileName: 'Relaxed (Subtitle Edit defaults)' });
    const wide = { ...profile('default'), id: 'wide', name: 'Wide gaps', minGapMs: 120 };
    const custom = { ...d, metadata: { qcProfiles: { [ZH]: 'default', [EN]: 'wide' } } };
    expect(documentGapSource(custom, [wide])).toEqual({ gapMs: 120, profileName: 'Wide gaps' });
  });

  it('the gap and overlap fixes never move a pinned cue', () => {
    const d = doc([[0, 1000, '好', 'a'], [1050, 2000, '好', 'b'], [2500, 3000, '好', 'c'], [2900, 4000, '好', 'd']]);
    d.cues[0].pinned = true;
    d.cues[2].pinned = true;
    d.cues[3].pinned = true;
    // c1 pinned: c2's start moves instead; c3 and c4 both pinned: neither moves.
    expect(times(fix(d, { rule: 'min-gap', cueIds: 'all' }))).toEqual([[0, 1000], [1083, 2000], [2500, 3000], [2900, 4000]]);
    expect(() => planFix(d, { rule: 'overlap', cueIds: ['c3'] }, NETFLIX)).toThrow(/nothing to fix/);
  });
});
