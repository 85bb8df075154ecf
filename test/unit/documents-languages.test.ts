import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentService } from '../../src/node/documents/documents';
import { ApiError } from '../../src/shared/api';
import { serializeDocument } from '../../src/shared/formats/registry';
import type { Cue, SubtitleDocument } from '../../src/shared/model';
import { AppSession } from '../../src/renderer/src/session/app-session';
import type { DuosubApi } from '../../src/shared/api';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duosub-langs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function srt(cues: Array<[string, string, string]>): string {
  return cues.map(([start, end, text], i) => `${i + 1}\n${start} --> ${end}\n${text}\n`).join('\n');
}

const ZH: Array<[string, string, string]> = [
  ['00:00:01,000', '00:00:04,000', '萨姆·奥尔特曼谈“芯片”'],
  ['00:00:05,000', '00:00:08,000', '我们需要更多算力——非常多。'],
  ['00:00:09,000', '00:00:11,000', '谢谢。'],
];
/** The same film in English: the second cue split in two, and one cue the Chinese file does not have. */
const EN: Array<[string, string, string]> = [
  ['00:00:01,000', '00:00:04,000', 'Sam Altman on "chips"'],
  ['00:00:05,000', '00:00:06,400', 'We need more compute —'],
  ['00:00:06,500', '00:00:08,000', 'a lot more.'],
  ['00:00:09,000', '00:00:11,000', 'Thank you.'],
  ['00:00:20,000', '00:00:22,000', '[music]'],
];

/** A Chinese project file (its language named, so no guess is involved) and the English SRT beside it. */
async function openChineseProject(service: DocumentService) {
  const doc: SubtitleDocument = {
    languages: [{ code: 'zh-Hans', name: '中文' }],
    cues: ZH.map(([, , text], i): Cue => ({ id: `z${i + 1}`, start: [1000, 5000, 9000][i], end: [4000, 8000, 11000][i], speaker: null, text: { 'zh-Hans': text } })),
    speakers: [],
    chapters: [],
    media: null,
    metadata: {},
  };
  const project = join(dir, 'film.duosub.json');
  writeFileSync(project, serializeDocument(doc, 'duosub'));
  writeFileSync(join(dir, 'film.en.srt'), srt(EN));
  return service.openFile(project);
}

describe('DocumentService.addLanguageFromFile', () => {
  it('pairs an English SRT into a Chinese document as one undo step, with a report of what did not pair', async () => {
    const service = new DocumentService();
    const events: string[] = [];
    service.events.subscribe((event) => events.push(event.name));
    const opened = await openChineseProject(service);
    const before = JSON.stringify(opened.doc);

    const result = await service.addLanguageFromFile(opened.docId, { path: join(dir, 'film.en.srt') }, 'en');
    expect(result).toMatchObject({ lang: 'en', fileName: 'film.en.srt', canUndo: true, dirty: true, revision: 1 });
    expect(result.report.paired).toBeGreaterThanOrEqual(3);
    expect(result.report.unpaired).toEqual([{ lang: 'en', start: 20000, end: 22000, text: '[music]' }]);
    expect(events).toEqual(['doc.changed']);

    const doc = service.state(opened.docId).doc;
    expect(doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    const second = doc.cues.find((c) => c.text['zh-Hans'] === ZH[1][2]);
    expect(second?.text.en).toBe('We need more compute — a lot more.');
    expect(doc.cues.find((c) => c.text.en === '[music]')).toMatchObject({ start: 20000, end: 22000 });
    // Nothing lost: every English line is somewhere in the document.
    const english = doc.cues.map((c) => c.text.en ?? '').join(' ');
    for (const [, , text] of EN) expect(english).toContain(text);

    // One undo step brings the document back exactly; redo adds it again.
    service.undo(opened.docId);
    expect(JSON.stringify(service.state(opened.docId).doc)).toBe(before);
    expect(service.state(opened.docId).canUndo).toBe(false);
    service.redo(opened.docId);
    expect(service.state(opened.docId).doc).toEqual(doc);
  });

  it('takes the guessed language of the file when no code is given', async () => {
    const service = new DocumentService();
    const opened = await openChineseProject(service);
    const result = await service.addLanguageFromFile(opened.docId, { path: join(dir, 'film.en.srt'), displayName: 'upload.srt' });
    expect(result.lang).toBe('en');
    expect(result.fileName).toBe('upload.srt');
  });

  it('refuses a language the document already has, an unreadable file and an unknown document, changing nothing', async () => {
    const service = new DocumentService();
    const opened = await openChineseProject(service);
    writeFileSync(join(dir, 'more.zh.srt'), srt(ZH));
    writeFileSync(join(dir, 'prose.srt'), 'Just some prose, no subtitles at all.\n');
    const tries = [
      () => service.addLanguageFromFile(opened.docId, { path: join(dir, 'more.zh.srt') }, 'zh-Hans'),
      () => service.addLanguageFromFile(opened.docId, { path: join(dir, 'prose.srt') }, 'en'),
      () => service.addLanguageFromFile(opened.docId, { path: join(dir, 'missing.srt') }, 'en'),
      () => service.addLanguageFromFile('nope', { path: join(dir, 'film.en.srt') }, 'en'),
    ];
    for (const attempt of tries) await expect(attempt()).rejects.toBeInstanceOf(ApiError);
    await expect(tries[0]()).rejects.toThrow(/more\.zh\.srt: the document already has the language zh-Hans/);
    expect(service.state(opened.docId).doc).toBe(opened.doc);
    expect(service.state(opened.docId).canUndo).toBe(false);
  });

  it('renames, recodes, swaps and removes a language through the one history', async () => {
    const service = new DocumentService();
    const opened = await openChineseProject(service);
    await service.addLanguageFromFile(opened.docId, { path: join(dir, 'film.en.srt') }, 'en');
    const added = JSON.stringify(service.state(opened.docId).doc);
    const id = opened.docId;
    service.apply(id, { type: 'renameLanguage', code: 'en', name: '英文' });
    service.apply(id, { type: 'changeLanguageCode', from: 'en', to: 'en-US' });
    service.apply(id, { type: 'setLanguageOrder', codes: ['en-US', 'zh-Hans'] });
    service.apply(id, { type: 'removeLanguage', code: 'zh-Hans' });
    const doc = service.state(id).doc;
    expect(doc.languages).toEqual([{ code: 'en-US', name: '英文' }]);
    expect(doc.cues.every((c) => !('zh-Hans' in c.text))).toBe(true);
    expect(() => service.apply(id, { type: 'removeLanguage', code: 'en-US' })).toThrow(ApiError);
    for (let i = 0; i < 4; i++) service.undo(id);
    expect(JSON.stringify(service.state(id).doc)).toBe(added);
  });

  it('reads a Chinese SRT and adds the English one whatever code the Chinese got', async () => {
    const service = new DocumentService();
    writeFileSync(join(dir, 'film.zh.srt'), srt(ZH));
    writeFileSync(join(dir, 'film.en.srt'), srt(EN));
    const opened = await service.openFile(join(dir, 'film.zh.srt'));
    const base = opened.doc.languages[0].code;
    const lang = base === 'en' ? 'en-GB' : 'en';
    const result = await service.addLanguageFromFile(opened.docId, { path: join(dir, 'film.en.srt') }, lang);
    expect(service.state(opened.docId).doc.languages.map((l) => l.code)).toEqual([base, lang]);
    expect(result.report.unpaired).toHaveLength(1);
  });

  it('the renderer session applies the same step as main, and one undo takes it back', async () => {
    const service = new DocumentService();
    const opened = await openChineseProject(service);
    const api = {
      'session.initial': async () => service.state(opened.docId),
      'settings.get': async () => { throw new Error('not needed'); },
      'doc.get': async ({ docId }: { docId: string }) => service.state(docId),
      'doc.undo': async ({ docId }: { docId: string }) => service.undo(docId),
      'doc.addLanguage': async ({ docId, lang }: { docId: string; lang?: string }) =>
        service.addLanguageFromFile(docId, { path: join(dir, 'film.en.srt') }, lang),
    } as unknown as DuosubApi;
    const session = new AppSession(api);
    await session.init();
    const result = await session.doc.addLanguageWith((a, docId) => a['doc.addLanguage']({ docId, source: { kind: 'dialog' }, lang: 'en' }));
    expect(result?.report.unpaired).toHaveLength(1);
    expect(session.doc.state()?.doc).toEqual(service.state(opened.docId).doc);
    expect(session.doc.state()).toMatchObject({ revision: 1, canUndo: true, dirty: true });
    await session.doc.undo();
    expect(JSON.stringify(session.doc.state()?.doc)).toBe(JSON.stringify(opened.doc));
  });
});
