import { describe, expect, it } from 'vitest';
import type { EditCommand } from '../../src/shared/commands/schema';
import { EN, ZH, makeDoc, run, texts } from './commands-helpers';

const doc = makeDoc([
  [0, 1000, '萨姆·Allman说', 'Sam Allman and allman', 's1'],
  [2000, 3000, 'Allmans好', 'Allmans, Allman. $5', 's1'],
  [4000, 5000, '好', 'nothing here', 's1'],
]);

const replace = (p: Partial<Extract<EditCommand, { kind: 'replaceAll' }>>): EditCommand =>
  ({ kind: 'replaceAll', lang: EN, find: 'Allman', replace: 'Altman', regex: false, caseSensitive: true, ...p });

describe('replace all', () => {
  it('replaces plain text in every cue of one language, one setText per changed cue', () => {
    const { doc: after, plan } = run(doc, replace({}));
    expect(after.cues.map((c) => c.text[EN])).toEqual(['Sam Altman and allman', 'Altmans, Altman. $5', 'nothing here']);
    expect(after.cues[0].text[ZH]).toBe('萨姆·Allman说');
    expect(plan.op.ops).toHaveLength(2);
    expect(plan.label).toBe("Replace 'Allman' → 'Altman' in 2 cues (English)");
  });

  it('honours case-insensitivity and whole words', () => {
    const after = run(doc, replace({ caseSensitive: false, wholeWord: true })).doc;
    expect(after.cues.map((c) => c.text[EN])).toEqual(['Sam Altman and Altman', 'Allmans, Altman. $5', 'nothing here']);
  });

  it('gives whole words no \\b semantics in Chinese: CJK neighbours do not join a word, Latin ones do', () => {
    const after = run(doc, replace({ lang: ZH, wholeWord: true })).doc;
    expect(after.cues.map((c) => c.text[ZH])).toEqual(['萨姆·Altman说', 'Allmans好', '好']);
    expect(run(doc, replace({ lang: ZH, find: '好', replace: '很好', wholeWord: true })).doc.cues[2].text[ZH]).toBe('很好');
  });

  it('uses JavaScript regex syntax with $1, and keeps a plain replacement literal', () => {
    const re = run(doc, replace({ find: '(All)man(s?)', replace: '$1wo$2', regex: true })).doc;
    expect(re.cues[1].text[EN]).toBe('Allwos, Allwo. $5');
    const literal = run(doc, replace({ find: '$5', replace: '$&$1' })).doc;
    expect(literal.cues[1].text[EN]).toBe('Allmans, Allman. $&$1');
  });

  it('refuses an invalid regex, naming it, and a search with no matches', () => {
    expect(() => run(doc, replace({ find: '(unclosed', regex: true }))).toThrow('Invalid regular expression /(unclosed/');
    expect(() => run(doc, replace({ find: 'Zed' }))).toThrow('No matches for "Zed" in English');
    expect(() => run(doc, replace({ find: 'Allman', replace: 'Allman' }))).toThrow('changes nothing');
  });

  it('limits itself to the given cues', () => {
    expect(run(doc, replace({ cueIds: ['c2'] })).plan.op.ops).toEqual([{ type: 'setText', cueId: 'c2', lang: EN, text: 'Altmans, Altman. $5' }]);
  });
});

describe('move word', () => {
  const d = makeDoc([
    [0, 1000, '与我们相比,这只是沧海一粟。', 'we need to go. That is a drop.', 's1'],
    [2000, 3000, '谢这次合作。我们很享受。', 'much for the partnership. Yes', 's2'],
    [4000, 5000, '', '', 's2'],
  ]);

  it('moves the last word with its own punctuation to the start of the next cue', () => {
    const after = run(d, { kind: 'moveWord', cueId: 'c1', lang: EN, direction: 'toNext' }).doc;
    expect(after.cues.map((c) => c.text[EN]).slice(0, 2)).toEqual(['we need to go. That is a', 'drop. much for the partnership. Yes']);
    const zh = run(d, { kind: 'moveWord', cueId: 'c1', lang: ZH, direction: 'toNext' }).doc;
    expect(zh.cues.map((c) => c.text[ZH]).slice(0, 2)).toEqual(['与我们相比,', '这只是沧海一粟。谢这次合作。我们很享受。']);
  });

  it('moves the next cue\'s first word (in CJK, its first clause with its mark) to the end of this one', () => {
    const { doc: after, plan } = run(d, { kind: 'moveWord', cueId: 'c1', lang: ZH, direction: 'fromNext' });
    expect(texts(after.cues[0])[0]).toBe('与我们相比,这只是沧海一粟。谢这次合作。');
    expect(texts(after.cues[1])[0]).toBe('我们很享受。');
    expect(plan.label).toBe('Move "谢这次合作。" from cue 2 to cue 1 (中文)');
    const en = run(d, { kind: 'moveWord', cueId: 'c1', lang: EN, direction: 'fromNext' }).doc;
    expect(en.cues.map((c) => c.text[EN]).slice(0, 2)).toEqual(['we need to go. That is a drop. much', 'for the partnership. Yes']);
  });

  it('moves into an empty next cue, and refuses when there is no word or no next cue', () => {
    const into = run(d, { kind: 'moveWord', cueId: 'c2', lang: EN, direction: 'toNext' }).doc;
    expect(into.cues.map((c) => c.text[EN]).slice(1)).toEqual(['much for the partnership.', 'Yes']);
    expect(() => run(d, { kind: 'moveWord', cueId: 'c2', lang: EN, direction: 'fromNext' })).toThrow('Cue 3 has no English text to move');
    expect(() => run(d, { kind: 'moveWord', cueId: 'c3', lang: EN, direction: 'toNext' })).toThrow('Cue 3 is the last cue');
  });
});
