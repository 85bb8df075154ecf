import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../src/shared/qc/run';
import { BUILTIN_PROFILES, defaultProfileFor, profileById, qcProfileSchema, timingProfile } from '../../src/shared/qc/profiles';
import { charCount, stripMarkup } from '../../src/shared/qc/text';
import type { Issue } from '../../src/shared/qc/types';
import { doc, EN, NETFLIX, profile, ZH, type Spec } from './qc-helpers';

const rule = (issues: Issue[], r: string, lang?: string | null): Issue[] =>
  issues.filter((i) => i.rule === r && (lang === undefined || i.lang === lang));
const check = (specs: Spec[], profiles = NETFLIX): Issue[] => checkDocument(doc(specs), profiles);

describe('profiles', () => {
  it('has the four built-ins with QC.md figures and validates custom ones', () => {
    expect(BUILTIN_PROFILES.map((p) => p.id)).toEqual(['netflix-en', 'netflix-zh-hans', 'bbc', 'default']);
    expect(profile('netflix-zh-hans')).toMatchObject({ charsPerLine: 16, maxCps: 9, minDurationMs: 833, cjk: true });
    expect(profile('default')).toMatchObject({ charsPerLine: 43, maxCps: 25, minDurationMs: 1000, maxDurationMs: 8000, minGapMs: 24 });
    expect(defaultProfileFor('zh-Hans').id).toBe('netflix-zh-hans');
    expect(defaultProfileFor('zh').id).toBe('netflix-zh-hans');
    expect(defaultProfileFor('en').id).toBe('default');
    expect(profileById('nope')).toBeUndefined();
    for (const p of BUILTIN_PROFILES) expect(qcProfileSchema.parse(p)).toEqual(p);
    expect(qcProfileSchema.safeParse({ ...profile('bbc'), charsPerLine: 0 }).success).toBe(false);
    expect(qcProfileSchema.safeParse({ ...profile('bbc'), extra: 1 }).success).toBe(false);
  });

  it('timing uses the strictest figures of the languages', () => {
    const t = timingProfile({ [ZH]: profile('netflix-zh-hans'), [EN]: profile('default') });
    expect(t).toMatchObject({ minDurationMs: 1000, maxDurationMs: 7000, minGapMs: 83 });
  });
});

describe('visible text', () => {
  it('strips markup and counts per code point, without line breaks', () => {
    expect(stripMarkup('{\\an8}<i>Hi</i> <font color="red">you</font>')).toBe('Hi you');
    expect(charCount('<i>ab</i>\ncd')).toBe(4);
    expect(charCount('你好，世界')).toBe(5);
  });
});

describe('cps', () => {
  it('en: 20 chars in 1 s is at the limit; 21 is over (spaces and punctuation count, markup does not)', () => {
    const at = 'a'.repeat(9) + ', ' + 'b'.repeat(9); // 20 characters
    expect(rule(check([[0, 1000, '你好', at]]), 'cps')).toEqual([]);
    expect(rule(check([[0, 1000, '你好', `<i>${at}</i>`]]), 'cps')).toEqual([]);
    const over = rule(check([[0, 1000, '你好', at + '!']]), 'cps');
    expect(over).toEqual([expect.objectContaining({ cueId: 'c1', lang: EN, severity: 'error', value: 21, limit: 20 })]);
  });

  it('zh: 9 characters per second is the limit', () => {
    expect(rule(check([[0, 1000, '一二三四五六七八九', 'ok']]), 'cps')).toEqual([]);
    expect(rule(check([[0, 1000, '一二三四五六七八九十', 'ok']]), 'cps', ZH)).toEqual([
      expect.objectContaining({ value: 10, limit: 9 }),
    ]);
  });

  it('rounds the value up so a cue just over the limit never reads as equal', () => {
    const [issue] = rule(check([[0, 2999, '', 'x'.repeat(60)]]), 'cps');
    expect(issue.value).toBe(20.1);
  });

  it('BBC counts words per minute (180)', () => {
    const bbc = { [ZH]: profile('netflix-zh-hans'), [EN]: profile('bbc') };
    expect(rule(check([[0, 1000, '好', 'one two three']], bbc), 'cps', EN)).toEqual([]); // 180 wpm
    expect(rule(check([[0, 1000, '好', 'one two three four']], bbc), 'cps', EN)).toEqual([expect.objectContaining({ value: 240, limit: 180 })]);
  });
});

describe('cpl and lines', () => {
  it('en: 42 characters per line pass, 43 fail; markup is not counted', () => {
    expect(rule(check([[0, 5000, '好', 'a'.repeat(42)]]), 'cpl')).toEqual([]);
    expect(rule(check([[0, 5000, '好', `<i>${'a'.repeat(42)}</i>`]]), 'cpl')).toEqual([]);
    expect(rule(check([[0, 5000, '好', 'a'.repeat(43)]]), 'cpl')).toEqual([expect.objectContaining({ lang: EN, value: 43, limit: 42 })]);
  });

  it('zh: 16 characters per line (each CJK character counts one)', () => {
    expect(rule(check([[0, 5000, '中'.repeat(16), 'x']]), 'cpl')).toEqual([]);
    expect(rule(check([[0, 5000, '中'.repeat(17), 'x']]), 'cpl')).toEqual([expect.objectContaining({ lang: ZH, value: 17, limit: 16 })]);
  });

  it('two lines pass, three fail, in both languages', () => {
    expect(rule(check([[0, 5000, '一\n二', 'a\nb']]), 'lines')).toEqual([]);
    const three = rule(check([[0, 5000, '一\n二\n三', 'a\nb\nc']]), 'lines');
    expect(three.map((i) => [i.lang, i.value, i.limit])).toEqual([[ZH, 3, 2], [EN, 3, 2]]);
  });
});

describe('duration, gap, overlap', () => {
  it('min duration 833 ms and max 7000 ms (Netflix)', () => {
    expect(rule(check([[0, 833, '好', 'ok']]), 'min-duration')).toEqual([]);
    expect(rule(check([[0, 832, '好', 'ok']]), 'min-duration')).toEqual([expect.objectContaining({ lang: null, value: 832, limit: 833, severity: 'warning' })]);
    expect(rule(check([[0, 7000, '好', 'ok']]), 'max-duration')).toEqual([]);
    expect(rule(check([[0, 7001, '好', 'ok']]), 'max-duration')).toEqual([expect.objectContaining({ value: 7001, limit: 7000 })]);
  });

  it('min gap 83 ms is reported on the earlier cue; overlap is an error', () => {
    expect(rule(check([[0, 1000, '好', 'a'], [1083, 2000, '好', 'b']]), 'min-gap')).toEqual([]);
    expect(rule(check([[0, 1000, '好', 'a'], [1082, 2000, '好', 'b']]), 'min-gap')).toEqual([expect.objectContaining({ cueId: 'c1', value: 82, limit: 83 })]);
    expect(rule(check([[0, 1000, '好', 'a'], [1000, 2000, '好', 'b']]), 'overlap')).toEqual([]);
    expect(rule(check([[0, 1001, '好', 'a'], [1000, 2000, '好', 'b']]), 'overlap')).toEqual([expect.objectContaining({ cueId: 'c1', value: 1, severity: 'error' })]);
  });

  it('an untimed document reports once and skips timing rules', () => {
    const issues = checkDocument(doc([[0, 100, '一二三四五六七八九十', 'a'.repeat(40)], [50, 60, '好', 'b']], { untimed: true }), NETFLIX);
    expect(issues.map((i) => i.rule)).toEqual(['untimed']);
    expect(issues[0]).toMatchObject({ cueId: null, lang: null });
  });
});

describe('text rules', () => {
  it('empty text in one language is untranslated', () => {
    expect(rule(check([[0, 2000, '好', 'ok']]), 'empty')).toEqual([]);
    expect(rule(check([[0, 2000, '', 'ok']]), 'empty')).toEqual([expect.objectContaining({ lang: ZH })]);
    expect(rule(check([[0, 2000, '好', ' <i></i> ']]), 'empty')).toEqual([expect.objectContaining({ lang: EN })]);
  });

  it('wrong script: English names in Chinese are fine until Latin words outnumber Han characters', () => {
    expect(rule(check([[0, 5000, 'OpenAI和Broadcom合作', 'ok']]), 'wrong-script')).toEqual([]); // 2 words, 3 Han
    expect(rule(check([[0, 5000, 'OpenAI和Broadcom', 'ok']]), 'wrong-script')).toEqual([expect.objectContaining({ lang: ZH, value: 'Latin' })]);
    expect(rule(check([[0, 5000, '好', 'AI 算力']]), 'wrong-script')).toEqual([]); // 2 letters, 2 Han
    expect(rule(check([[0, 5000, '好', 'AI 算力强']]), 'wrong-script')).toEqual([expect.objectContaining({ lang: EN, value: 'CJK' })]);
  });

  it('markup must balance', () => {
    expect(rule(check([[0, 5000, '<i>好</i>', '<b><i>ok</i></b>']]), 'markup')).toEqual([]);
    expect(rule(check([[0, 5000, '<i>好', 'ok</b>']]), 'markup').map((i) => [i.lang, i.value])).toEqual([[ZH, '<i>'], [EN, '</b>']]);
    expect(rule(check([[0, 5000, '好', '<i><b>ok</i></b>']]), 'markup')).toEqual([expect.objectContaining({ value: '</i>' })]);
  });

  it('leading, trailing and double spaces', () => {
    expect(rule(check([[0, 5000, '你好 world', 'a b\nc d']]), 'spaces')).toEqual([]);
    expect(rule(check([[0, 5000, '　你好', 'ok ']]), 'spaces').map((i) => [i.lang, i.value])).toEqual([[ZH, 'leading space'], [EN, 'trailing space']]);
    expect(rule(check([[0, 5000, '好', 'a  b']]), 'spaces')[0]).toMatchObject({ value: 'double space', severity: 'info' });
  });
});

describe('checkDocument', () => {
  it('lists problems in cue order and uses each language default without profiles', () => {
    const d = doc([[0, 500, '好', 'ok'], [600, 5000, '中'.repeat(17), 'a'.repeat(43)]]);
    const issues = checkDocument(d, {});
    expect(issues.map((i) => [i.cueId, i.rule, i.lang])).toEqual([
      ['c1', 'min-duration', null], ['c2', 'cpl', ZH],
    ]); // default (relaxed) allows 43 cpl in English
  });
});
