import { describe, expect, it } from 'vitest';
import { planCommand } from '../../src/shared/commands/plan';
import { DEFAULT_EDIT_SETTINGS, editCommand } from '../../src/shared/commands/schema';
import { applyOperation } from '../../src/shared/operations';
import { checkDocument } from '../../src/shared/qc/run';
import { documentProfiles } from '../../src/shared/qc/profiles';
import type { SubtitleDocument } from '../../src/shared/model';

const doc: SubtitleDocument = {
  languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }], speakers: [], chapters: [], media: null, metadata: {},
  cues: [
    { id: 'c1', start: 0, end: 1000, speaker: null, text: { 'zh-Hans': '你好', en: 'This sentence is far too long to read in one second.' } },
    { id: 'c2', start: 4000, end: 6000, speaker: null, text: { 'zh-Hans': '谢谢', en: 'Thanks.' } },
  ],
};

describe('QC commands', () => {
  it('a document remembers its profile per language, as one undoable step', () => {
    const command = editCommand.parse({ kind: 'setProfile', lang: 'en', profileId: 'netflix-en' });
    const { doc: next, inverse } = applyOperation(doc, planCommand(doc, command, DEFAULT_EDIT_SETTINGS).op);
    expect(next.metadata.qcProfiles).toEqual({ en: 'netflix-en' });
    expect(documentProfiles(next).en.id).toBe('netflix-en');
    expect(documentProfiles(next)['zh-Hans'].id).toBe('netflix-zh-hans');
    expect(applyOperation(next, inverse).doc).toEqual(doc);
    expect(() => planCommand(next, command, DEFAULT_EDIT_SETTINGS)).toThrow(/already uses/);
    expect(() => planCommand(doc, { kind: 'setProfile', lang: 'en', profileId: 'nope' }, DEFAULT_EDIT_SETTINGS)).toThrow(/No QC profile/);
  });

  it('fix cps extends the cue until its reading speed fits, under the document\'s profiles', () => {
    const profiles = documentProfiles(doc);
    expect(checkDocument(doc, profiles).some((i) => i.rule === 'cps' && i.cueId === 'c1')).toBe(true);
    const command = editCommand.parse({ kind: 'fix', rule: 'cps', cueIds: 'all' });
    const fixed = applyOperation(doc, planCommand(doc, command, DEFAULT_EDIT_SETTINGS).op).doc;
    expect(fixed.cues[0].end).toBeGreaterThan(1000);
    expect(checkDocument(fixed, profiles).some((i) => i.rule === 'cps' && i.cueId === 'c1')).toBe(false);
  });
});
