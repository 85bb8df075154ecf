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

describe('custom QC profiles', () => {
  const mine = { id: 'custom-tight', name: 'Tight', charsPerLine: 30, maxLines: 1, maxCps: 12, minDurationMs: 1000, maxDurationMs: 6000, minGapMs: 100 };

  it('settings accept valid custom profiles and refuse clashes with built-ins or each other', async () => {
    const { editSettingsSchema } = await import('../../src/shared/commands/schema');
    expect(editSettingsSchema.parse({ ...DEFAULT_EDIT_SETTINGS, customProfiles: [mine] }).customProfiles).toEqual([mine]);
    expect(editSettingsSchema.safeParse({ ...DEFAULT_EDIT_SETTINGS, customProfiles: [{ ...mine, id: 'bbc' }] }).success).toBe(false);
    expect(editSettingsSchema.safeParse({ ...DEFAULT_EDIT_SETTINGS, customProfiles: [mine, mine] }).success).toBe(false);
    expect(editSettingsSchema.safeParse({ ...DEFAULT_EDIT_SETTINGS, customProfiles: [{ ...mine, maxLines: 0 }] }).success).toBe(false);
  });

  it('a document can choose a custom profile, and its checks follow it', () => {
    const settings = { ...DEFAULT_EDIT_SETTINGS, customProfiles: [mine] };
    expect(() => planCommand(doc, { kind: 'setProfile', lang: 'en', profileId: 'custom-tight' }, DEFAULT_EDIT_SETTINGS)).toThrow(/No QC profile/);
    const next = applyOperation(doc, planCommand(doc, { kind: 'setProfile', lang: 'en', profileId: 'custom-tight' }, settings).op).doc;
    const profiles = documentProfiles(next, [mine]);
    expect(profiles.en).toEqual(mine);
    // "Thanks." over 2 s is fine by default; a one-line, 30-char profile still passes it, but cue 1 breaks the line limit.
    const issues = checkDocument(next, profiles).filter((i) => i.lang === 'en');
    expect(issues.some((i) => i.rule === 'cpl' && i.cueId === 'c1' && i.limit === 30)).toBe(true);
  });
});
