/** Small bilingual documents for the QC tests. */
import type { Cue, SubtitleDocument } from '../../src/shared/model';
import { profileById, type QcProfile } from '../../src/shared/qc/profiles';

export const ZH = 'zh-Hans';
export const EN = 'en';

/** [start, end, zh, en] */
export type Spec = [number, number, string, string];

export function doc(specs: Spec[], metadata: SubtitleDocument['metadata'] = {}): SubtitleDocument {
  const cues: Cue[] = specs.map(([start, end, zh, en], i) => ({ id: `c${i + 1}`, start, end, speaker: null, text: { [ZH]: zh, [EN]: en } }));
  return { languages: [{ code: ZH, name: '中文' }, { code: EN, name: 'English' }], cues, speakers: [], chapters: [], media: null, metadata };
}

export function profile(id: string): QcProfile {
  const p = profileById(id);
  if (!p) throw new Error(`no profile ${id}`);
  return p;
}

/** Netflix profiles for both languages. */
export const NETFLIX: Record<string, QcProfile> = { [ZH]: profile('netflix-zh-hans'), [EN]: profile('netflix-en') };
