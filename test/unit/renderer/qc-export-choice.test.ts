import { describe, expect, it } from 'vitest';
import type { Language } from '../../../src/shared/model';
import { BILINGUAL, exportBlocker, initialChoice, toExportOptions } from '../../../src/renderer/src/export/export-choice';

const ZH_EN: Language[] = [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }];

describe('export choice', () => {
  it('starts bilingual SRT, UTF-8 without BOM, LF, for a two-language document', () => {
    const choice = initialChoice(ZH_EN);
    expect(choice).toEqual({ format: 'srt', lang: BILINGUAL, first: 'zh-Hans', bom: false, lineEnding: 'lf' });
    expect(toExportOptions(choice, ZH_EN)).toEqual({ format: 'srt', bom: false, lineEnding: 'lf', order: ['zh-Hans', 'en'], linesPerLanguage: 2 });
  });

  it('starts with the only language of a one-language document', () => {
    expect(initialChoice([ZH_EN[1]]).lang).toBe('en');
  });

  it('puts the chosen first language first in a bilingual export', () => {
    const choice = { ...initialChoice(ZH_EN), first: 'en', bom: true, lineEnding: 'crlf' as const };
    expect(toExportOptions(choice, ZH_EN)).toEqual({ format: 'srt', bom: true, lineEnding: 'crlf', order: ['en', 'zh-Hans'], linesPerLanguage: 2 });
  });

  it('sends one language when one is chosen, and no language to chapters or the project format', () => {
    const one = { ...initialChoice(ZH_EN), format: 'ass' as const, lang: 'en' };
    expect(toExportOptions(one, ZH_EN)).toEqual({ format: 'ass', bom: false, lineEnding: 'lf', lang: 'en' });
    expect(toExportOptions({ ...one, format: 'chapters-json' }, ZH_EN)).toEqual({ format: 'chapters-json', bom: false, lineEnding: 'lf' });
    expect(toExportOptions({ ...one, format: 'duosub' }, ZH_EN)).toEqual({ format: 'duosub', bom: false, lineEnding: 'lf' });
  });

  it('keeps the last choice where it still fits the document', () => {
    const last = { format: 'vtt' as const, lang: 'fr', first: 'fr', bom: true, lineEnding: 'crlf' as const };
    expect(initialChoice(ZH_EN, last)).toEqual({ format: 'vtt', lang: BILINGUAL, first: 'zh-Hans', bom: true, lineEnding: 'crlf' });
    expect(initialChoice([ZH_EN[1]], { ...last, lang: BILINGUAL }).lang).toBe('en');
  });

  it('refuses a chapters export when the document has no chapters', () => {
    const chapters = { ...initialChoice(ZH_EN), format: 'chapters-vtt' as const };
    expect(exportBlocker(chapters, 0)).toMatch(/no chapters/);
    expect(exportBlocker(chapters, 3)).toBeNull();
    expect(exportBlocker(initialChoice(ZH_EN), 0)).toBeNull();
  });
});
