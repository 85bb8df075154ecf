import { describe, expect, it } from 'vitest';
import type { Cue, SubtitleDocument } from '../../src/shared/model';
import { applyOperation, type Operation } from '../../src/shared/operations';
import { checkDocument, QcIndex } from '../../src/shared/qc/run';
import { doc, NETFLIX, type Spec } from './qc-helpers';

/** 5,000 cues, 2 s apart; every 100th one too dense for Netflix. */
function bigDoc(): SubtitleDocument {
  const specs: Spec[] = Array.from({ length: 5000 }, (_, i) => [i * 2000, i * 2000 + 1500, i % 100 === 0 ? '一'.repeat(20) : '你好', `line ${i}`]);
  return doc(specs);
}

function edit(d: SubtitleDocument, op: Operation): SubtitleDocument {
  return applyOperation(d, op).doc;
}

describe('QcIndex', () => {
  it('matches checkDocument on a 5,000-cue document', () => {
    const d = bigDoc();
    const index = new QcIndex(NETFLIX);
    index.update(d);
    expect(index.lastChecked).toBe(5000);
    expect(index.issues()).toEqual(checkDocument(d, NETFLIX));
    expect(index.issues().filter((i) => i.rule === 'cps')).toHaveLength(50);
  });

  it('one edit re-checks the edited cue and its neighbour only', () => {
    let d = bigDoc();
    const index = new QcIndex(NETFLIX);
    index.update(d);
    d = edit(d, { type: 'setTimes', cueId: 'c2501', start: 5_000_000, end: 5_002_010 }); // overlaps c2502 now
    index.update(d);
    expect(index.lastChecked).toBe(2);
    expect(index.issues()).toEqual(checkDocument(d, NETFLIX));
    expect(index.issuesOf('c2501').map((i) => i.rule)).toContain('overlap');

    d = edit(d, { type: 'setText', cueId: 'c10', lang: 'en', text: 'x'.repeat(50) });
    index.update(d);
    expect(index.lastChecked).toBe(2);
    expect(index.issues()).toEqual(checkDocument(d, NETFLIX));

    index.update(d); // unchanged document: nothing re-checked
    expect(index.lastChecked).toBe(2);
    expect(index.issues()).toEqual(checkDocument(d, NETFLIX));
  });

  it('handles inserted and deleted cues (the new neighbours are re-checked)', () => {
    let d = bigDoc();
    const index = new QcIndex(NETFLIX);
    index.update(d);
    const cue: Cue = { id: 'new', start: 2_001_400, end: 2_001_950, speaker: null, text: { 'zh-Hans': '插', en: 'in' } };
    d = edit(d, { type: 'insertCue', cue, index: 1001 });
    index.update(d);
    expect(index.lastChecked).toBeLessThanOrEqual(3);
    expect(index.issues()).toEqual(checkDocument(d, NETFLIX));
    expect(index.issuesOf('c1001').map((i) => i.rule)).toContain('overlap');

    d = edit(d, { type: 'deleteCue', cueId: 'new' });
    index.update(d);
    expect(index.lastChecked).toBeLessThanOrEqual(2);
    expect(index.issues()).toEqual(checkDocument(d, NETFLIX));
    expect(index.issuesOf('new')).toEqual([]);
  });

  it('re-checks everything when the profiles or the untimed flag change', () => {
    let d = doc([[0, 1000, '一'.repeat(10), 'ok'], [2000, 3000, '好', 'ok']]);
    const index = new QcIndex(NETFLIX);
    index.update(d);
    expect(index.issues().map((i) => i.rule)).toEqual(['cps']);
    index.setProfiles({});
    expect(index.lastChecked).toBe(2);
    expect(index.issues()).toEqual(checkDocument(d, {}));
    d = edit(d, { type: 'setMetadata', key: 'untimed', value: true });
    index.update(d);
    expect(index.issues().map((i) => i.rule)).toEqual(['untimed']);
  });
});
