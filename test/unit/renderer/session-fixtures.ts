/** The two-cue English document and its DocumentState that the session tests start from. */
import type { DocumentState } from '../../../src/shared/api';
import type { SubtitleDocument } from '../../../src/shared/model';

export function makeDoc(): SubtitleDocument {
  return {
    languages: [{ code: 'en', name: 'English' }],
    cues: [
      { id: 'c1', start: 0, end: 1000, speaker: null, text: { en: 'one' } },
      { id: 'c2', start: 1000, end: 2000, speaker: null, text: { en: 'two' } },
    ],
    speakers: [],
    chapters: [],
    media: null,
    metadata: {},
  };
}

/** Main's answer for `doc` at `revision`: edited (dirty, undoable) once the revision is past 0 unless told otherwise. */
export function docState(doc: SubtitleDocument, revision = 0, extra: Partial<DocumentState> = {}): DocumentState {
  return {
    docId: 'd1', doc, revision, dirty: revision > 0, canUndo: revision > 0, canRedo: false,
    fileName: 'x.srt', format: 'srt', hasProjectFile: false, media: null, problems: [], ...extra,
  };
}
