/** What the window shows of auto-time's stored confidence (issue 15): the strip's band, the panel's "Select all", the review's "Select unsure cues". */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Cue, SubtitleDocument } from '../../../src/shared/model';
import type { Issue } from '../../../src/shared/qc/types';
import { UNSURE_BELOW } from '../../../src/shared/timing-confidence';
import { AutoTimeReview, unsureCueIds } from '../../../src/renderer/src/align/AutoTimeReview';
import { cuesLike, RULE_LABELS, valueVsLimit } from '../../../src/renderer/src/qc/issue-view';
import { SPEED_COLORS } from '../../../src/renderer/src/qc/reading-speed';
import { stripSegments } from '../../../src/renderer/src/qc/strip-geometry';
import { UNSURE_COLOR, UNSURE_LEGEND, unsureColor, unsureTooltip } from '../../../src/renderer/src/qc/timing-marks';

const cue = (id: string, start: number, end: number, confidence?: number, recorded = { start, end }): Cue => ({
  id, start, end, speaker: null, text: { 'zh-Hans': '你好。', en: 'Hello.' },
  ...(confidence === undefined ? {} : { timing: { confidence, ...recorded } }),
});

const doc = (cues: Cue[]): SubtitleDocument => ({
  languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }], cues, speakers: [], chapters: [], media: null, metadata: {},
});

describe('the strip\'s unsure band', () => {
  it('has a colour of its own, only on cues still unsure', () => {
    expect(Object.values(SPEED_COLORS)).not.toContain(UNSURE_COLOR);
    expect(unsureColor(cue('a', 0, 1000, 0.62))).toBe(UNSURE_COLOR);
    expect(unsureColor(cue('b', 0, 1000, UNSURE_BELOW))).toBeNull();
    expect(unsureColor(cue('c', 0, 1000))).toBeNull();
    expect(unsureColor(cue('d', 0, 1000, 0.1, { start: 0, end: 900 }))).toBeNull(); // the end moved since
    const cues = [cue('a', 0, 1000, 0.62), cue('b', 1000, 2000, 0.9), cue('c', 2000, 3000, 0.2)];
    expect(stripSegments(cues, { fromMs: 0, toMs: 3000, widthPx: 300 }, unsureColor)).toEqual([
      { x: 0, width: 100, color: UNSURE_COLOR }, { x: 200, width: 100, color: UNSURE_COLOR },
    ]);
  });

  it('says why in the tooltip and the legend', () => {
    expect(unsureTooltip(cue('a', 0, 1000, 0.62), 12)).toBe('Cue 12: timing unsure (confidence 0.62)');
    expect(unsureTooltip(cue('b', 0, 1000, 0.95), 3)).toBeNull();
    expect(UNSURE_LEGEND).toContain(`under ${UNSURE_BELOW}`);
  });
});

describe('the QC panel', () => {
  const issue = (cueId: string, rule: Issue['rule'], value = 0.5): Issue => ({ cueId, lang: null, rule, severity: 'warning', value, limit: UNSURE_BELOW, message: '' });

  it('labels the rule and shows the confidence against the threshold', () => {
    expect(RULE_LABELS['timing-unsure']).toBe('Timing unsure');
    expect(valueVsLimit(issue('a', 'timing-unsure', 0.62))).toBe('0.62 / 0.8');
  });

  it('"Select all" takes every cue with a problem of the same kind, once each', () => {
    const issues = [issue('a', 'timing-unsure'), issue('b', 'min-gap'), issue('c', 'timing-unsure'), issue('a', 'timing-unsure')];
    expect(cuesLike(issues[0], issues)).toEqual(['a', 'c']);
  });
});

describe('the Auto-time review list', () => {
  const cues = [cue('c1', 0, 1000, 0.95), cue('c2', 1000, 2000, 0.4), cue('c3', 2000, 3000, 0.7, { start: 2000, end: 2500 }), cue('c4', 3000, 4000, 0.1)];
  const props = (d: SubtitleDocument) => ({
    doc: d, reviews: [{ cueId: 'c2', reason: 'timing unsure (confidence 0.40)', text: d.cues[1].text }],
    selectedCueId: null, onSelect: () => {}, onSelectAll: () => {}, onClose: () => {},
  });

  it('"Select unsure cues" selects exactly the cues whose timing is still unsure', () => {
    expect(unsureCueIds(doc(cues))).toEqual(['c2', 'c4']);
    expect(renderToStaticMarkup(createElement(AutoTimeReview, props(doc(cues))))).toContain('Select unsure cues (2)');
    const sure = cues.map((c) => ({ ...c, timing: undefined }));
    expect(renderToStaticMarkup(createElement(AutoTimeReview, props(doc(sure))))).not.toContain('Select unsure cues');
  });
});
