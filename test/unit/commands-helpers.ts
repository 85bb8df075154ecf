/** Small documents and a plan-and-apply helper for the command planner tests. */
import { planCommand, type Plan } from '../../src/shared/commands/plan';
import { DEFAULT_EDIT_SETTINGS, type EditCommand, type EditSettings } from '../../src/shared/commands/schema';
import type { Cue, SubtitleDocument } from '../../src/shared/model';
import { applyOperation } from '../../src/shared/operations';

export const ZH = 'zh-Hans';
export const EN = 'en';

/** [start, end, zh, en, speaker?] */
export type CueSpec = [number, number, string, string, (string | null)?];

export function makeDoc(specs: CueSpec[]): SubtitleDocument {
  const cues: Cue[] = specs.map(([start, end, zh, en, speaker], i) => ({
    id: `c${i + 1}`, start, end, speaker: speaker ?? null, text: { [ZH]: zh, [EN]: en },
  }));
  return {
    languages: [{ code: ZH, name: '中文' }, { code: EN, name: 'English' }],
    cues,
    speakers: [
      { id: 's1', name: 'Ann', color: '#4e79a7' },
      { id: 's2', name: 'Bo', color: '#f28e2b' },
    ],
    chapters: [],
    media: null,
    metadata: {},
  };
}

export function run(doc: SubtitleDocument, command: EditCommand, settings: EditSettings = DEFAULT_EDIT_SETTINGS): { doc: SubtitleDocument; plan: Plan } {
  const plan = planCommand(doc, command, settings);
  return { doc: applyOperation(doc, plan.op).doc, plan };
}

export function texts(cue: Cue): [string, string] {
  return [cue.text[ZH], cue.text[EN]];
}
