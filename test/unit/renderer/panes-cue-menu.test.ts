import { describe, expect, it } from 'vitest';
import { addedSpeakerId, buildCueMenu, type CueMenuIntent } from '../../../src/renderer/src/menu/cue-menu';
import type { MenuItem } from '../../../src/renderer/src/menu/menu-items';
import { placeMenu, stepFocus } from '../../../src/renderer/src/menu/menu-items';
import type { SubtitleDocument } from '../../../src/shared/model';

const doc: SubtitleDocument = {
  languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
  cues: [
    { id: 'a', start: 0, end: 1000, speaker: 's1', text: { 'zh-Hans': '你好', en: 'Hello there' } },
    { id: 'b', start: 1000, end: 2000, speaker: null, text: { 'zh-Hans': '再见', en: 'Bye' } },
  ],
  speakers: [{ id: 's1', name: 'Ann', color: '#4e79a7' }, { id: 's2', name: 'Bo', color: '#f28e2b' }],
  chapters: [],
  media: null,
  metadata: {},
};

function find(items: MenuItem[], label: string): MenuItem {
  const item = items.find((i) => i.kind !== 'separator' && i.label.startsWith(label));
  if (!item) throw new Error(`no ${label}`);
  return item;
}

function choose(items: MenuItem[], path: string[], input?: string): CueMenuIntent[] {
  let item = find(items, path[0]);
  for (const label of path.slice(1)) item = find((item as Extract<MenuItem, { kind: 'submenu' }>).items, label);
  if (item.kind === 'action') item.run();
  else if (item.kind === 'input') item.submit(input ?? '');
  return [];
}

function menu(target: { cueId: string; offset: number | null }, selected: string[] = [target.cueId]) {
  const intents: CueMenuIntent[] = [];
  const items = buildCueMenu({ doc, target: { ...target, lang: 'en' }, selectedCueIds: selected, playheadMs: 500 }, (i) => intents.push(i));
  return { items, intents };
}

describe('buildCueMenu', () => {
  it('split here carries the caret and the playhead; split turn the speaker', () => {
    const { items, intents } = menu({ cueId: 'a', offset: 5 });
    choose(items, ['Split here']);
    choose(items, ['Split turn here', 'Bo']);
    choose(items, ['Split turn here', 'New speaker'], 'Cy');
    expect(intents).toEqual([
      { type: 'command', command: { kind: 'split', cueId: 'a', at: { lang: 'en', offset: 5 }, playhead: 500 } },
      { type: 'command', command: { kind: 'split', cueId: 'a', at: { lang: 'en', offset: 5 }, playhead: 500, speaker: { speakerId: 's2' } } },
      { type: 'command', command: { kind: 'split', cueId: 'a', at: { lang: 'en', offset: 5 }, playhead: 500, speaker: { newSpeakerName: 'Cy' } } },
    ]);
  });

  it('offers other speakers only for a split turn, and marks the current speaker', () => {
    const { items } = menu({ cueId: 'a', offset: null });
    const turn = find(items, 'Split turn here') as Extract<MenuItem, { kind: 'submenu' }>;
    expect(turn.items.some((i) => i.kind === 'action' && i.label === 'Ann')).toBe(false);
    const set = find(items, 'Set speaker') as Extract<MenuItem, { kind: 'submenu' }>;
    expect(set.items.find((i) => i.kind === 'action' && i.label === 'Ann')).toMatchObject({ checked: true });
  });

  it('acts on the whole selection when the cue is in it', () => {
    const { items, intents } = menu({ cueId: 'b', offset: null }, ['a', 'b']);
    choose(items, ['Set speaker', 'Bo']);
    choose(items, ['Set speaker', 'New speaker'], 'Cy');
    choose(items, ['Delete']);
    expect(intents).toEqual([
      { type: 'command', command: { kind: 'setSpeaker', cueIds: ['a', 'b'], speakerId: 's2' } },
      { type: 'assignNewSpeaker', name: 'Cy', cueIds: ['a', 'b'] },
      { type: 'command', command: { kind: 'delete', cueIds: ['a', 'b'] } },
    ]);
  });

  it('disables merge and move-word on the last cue', () => {
    const { items } = menu({ cueId: 'b', offset: 1 });
    expect(find(items, 'Merge with next')).toMatchObject({ disabled: true });
    expect(find(items, 'Move last word')).toMatchObject({ disabled: true });
    const first = menu({ cueId: 'a', offset: 1 });
    choose(first.items, ['Move last word']);
    choose(first.items, ['Merge with next']);
    expect(first.intents.map((i) => i.type === 'command' && i.command)).toEqual([
      { kind: 'moveWord', cueId: 'a', lang: 'en', direction: 'toNext' },
      { kind: 'mergeWithNext', cueId: 'a' },
    ]);
  });

  it('finds the added speaker in an applied batch', () => {
    const op = { type: 'batch' as const, ops: [{ type: 'putSpeaker' as const, speaker: { id: 's9', name: 'Cy', color: '#000000' } }] };
    expect(addedSpeakerId(op, 'Cy')).toBe('s9');
    expect(addedSpeakerId(op, 'Dee')).toBeNull();
    expect(addedSpeakerId(null, 'Cy')).toBeNull();
  });
});

describe('menu helpers', () => {
  it('steps focus over separators and disabled items, wrapping', () => {
    const items: MenuItem[] = [
      { kind: 'action', label: 'a', run() {} },
      { kind: 'separator' },
      { kind: 'action', label: 'b', run() {}, disabled: true },
      { kind: 'submenu', label: 'c', items: [] },
    ];
    expect(stepFocus(items, -1, 1)).toBe(0);
    expect(stepFocus(items, 0, 1)).toBe(3);
    expect(stepFocus(items, 3, 1)).toBe(0);
    expect(stepFocus(items, 0, -1)).toBe(3);
  });

  it('keeps a menu on screen, flipping a submenu to the left of its parent', () => {
    expect(placeMenu(10, 10, { width: 100, height: 50 }, { width: 800, height: 600 })).toEqual({ left: 10, top: 10 });
    expect(placeMenu(750, 580, { width: 100, height: 50 }, { width: 800, height: 600 })).toEqual({ left: 650, top: 550 });
    expect(placeMenu(750, 10, { width: 100, height: 50 }, { width: 800, height: 600 }, 600)).toEqual({ left: 500, top: 10 });
  });
});
