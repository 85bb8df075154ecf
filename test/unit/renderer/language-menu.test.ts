import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../src/shared/operations';
import type { SubtitleDocument } from '../../../src/shared/model';
import type { MenuItem } from '../../../src/renderer/src/menu/menu-items';
import { buildLanguageMenu, movedOrder } from '../../../src/renderer/src/languages/language-menu';
import { cueOfUnpaired, reportSummary } from '../../../src/renderer/src/languages/add-report';

const doc: SubtitleDocument = {
  languages: [{ code: 'zh-Hans', name: '' }, { code: 'en', name: 'English' }],
  cues: [
    { id: 'c1', start: 0, end: 1000, speaker: null, text: { 'zh-Hans': '芯片', en: 'Chips' } },
    { id: 'c2', start: 30000, end: 32000, speaker: null, text: { en: '[music]' } },
    { id: 'c3', start: 60000, end: 61000, speaker: null, text: { en: '[music]' } },
  ],
  speakers: [], chapters: [], media: null, metadata: {},
};

function menu(code: string) {
  const applied: Operation[] = [];
  const refused: string[] = [];
  const removed: string[] = [];
  const items = buildLanguageMenu(doc, code, {
    apply: (op) => applied.push(op), confirmRemove: (c) => removed.push(c), addFromFile: () => {}, refuse: (m) => refused.push(m),
  });
  const find = (label: string) => items.find((i): i is Exclude<MenuItem, { kind: 'separator' }> => i.kind !== 'separator' && i.label === label)!;
  return { items, find, applied, refused, removed };
}

describe('the pane header language menu', () => {
  it('moves a language left or right, not past the edge', () => {
    expect(movedOrder(doc, 'en', -1)).toEqual(['en', 'zh-Hans']);
    expect(movedOrder(doc, 'en', 1)).toBeNull();
    const m = menu('zh-Hans');
    expect(m.find('Move left')).toMatchObject({ disabled: true });
    const right = m.find('Move right');
    if (right.kind === 'action') right.run();
    expect(m.applied).toEqual([{ type: 'setLanguageOrder', codes: ['en', 'zh-Hans'] }]);
  });

  it('renames, changes a code only to a free valid one, and asks before removing', () => {
    const m = menu('en');
    const rename = m.find('Rename…');
    const code = m.find('Change code…');
    if (rename.kind !== 'input' || code.kind !== 'input') throw new Error('input items expected');
    expect(rename.placeholder).toBe('English');
    rename.submit(' 英文 ');
    code.submit('zh-Hans');
    code.submit('toString');
    code.submit('en-GB');
    expect(m.applied).toEqual([
      { type: 'renameLanguage', code: 'en', name: '英文' },
      { type: 'changeLanguageCode', from: 'en', to: 'en-GB' },
    ]);
    expect(m.refused).toHaveLength(2);
    const remove = m.find('Remove language…');
    if (remove.kind === 'action') remove.run();
    expect(m.removed).toEqual(['en']);
    expect(m.applied).toHaveLength(2);
  });
});

describe('the add-language report', () => {
  it('summarises and finds the cue an unpaired one became', () => {
    const report = { paired: 412, joined: 3, unpaired: [{ lang: 'en', start: 60000, end: 61000, text: '[music]' }] };
    expect(reportSummary({ lang: 'en', fileName: 'film.en.srt', report })).toBe(
      'Added en from film.en.srt: 412 paired, 3 joined, 1 unpaired — listed below',
    );
    expect(cueOfUnpaired(doc, report.unpaired[0])).toBe('c3');
    expect(cueOfUnpaired(doc, { lang: 'en', start: 29000, end: 31000, text: '[music]' })).toBe('c2');
    expect(cueOfUnpaired(doc, { lang: 'en', start: 0, end: 1, text: 'gone' })).toBeNull();
  });
});
