import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DocumentService } from '../../src/node/documents/documents';
import { writeFileAtomic } from '../../src/node/files/files';
import { ApiError } from '../../src/shared/api';
import { makePlan } from '../../src/shared/plan/plan';

const SAMPLE = resolve(import.meta.dirname, '../../resources/sample/openai-podcast-ep8.zh-en.txt');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duosub-docs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('DocumentService', () => {
  it('opens the sample transcript as an untimed document without a project file', async () => {
    const service = new DocumentService();
    const state = await service.openFile(SAMPLE);
    expect(state.doc.cues).toHaveLength(98);
    expect(state.doc.metadata.untimed).toBe(true);
    expect(state.format).toBe('transcript');
    expect(state.hasProjectFile).toBe(false);
    expect(state.dirty).toBe(false);
    await expect(service.save(state.docId)).rejects.toThrow(/Save As/);
  });

  it('keeps one history across text and timing edits', async () => {
    const service = new DocumentService();
    const { docId, doc } = await service.openFile(SAMPLE);
    const cue = doc.cues[0];
    service.apply(docId, { type: 'setText', cueId: cue.id, lang: 'en', text: 'Edited' });
    service.apply(docId, { type: 'setTimes', cueId: cue.id, start: cue.start + 500, end: cue.end + 500 });
    expect(service.state(docId).dirty).toBe(true);
    const undone = service.undo(docId);
    expect(undone.applied).toEqual({ type: 'setTimes', cueId: cue.id, start: cue.start, end: cue.end });
    service.undo(docId);
    expect(service.state(docId).doc.cues[0]).toEqual(cue);
    expect(service.state(docId).canUndo).toBe(false);
    expect(service.undo(docId).applied).toBeNull();
    service.redo(docId);
    expect(service.state(docId).doc.cues[0].text.en).toBe('Edited');
  });

  it('rejects an operation on an unknown cue without changing anything', async () => {
    const service = new DocumentService();
    const { docId, doc } = await service.openFile(SAMPLE);
    expect(() => service.apply(docId, { type: 'setText', cueId: 'missing', lang: 'en', text: 'x' })).toThrow(ApiError);
    expect(service.state(docId).doc).toBe(doc);
    expect(service.state(docId).canUndo).toBe(false);
  });

  it('saves as a project, reopens it equal, and saves again in place', async () => {
    const service = new DocumentService();
    const { docId } = await service.openFile(SAMPLE);
    service.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'Hello, I am Andrew Mayne.' });
    const target = join(dir, 'ep8.duosub.json');
    const saved = await service.saveAs(docId, target);
    expect(saved).toMatchObject({ fileName: 'ep8.duosub.json', dirty: false });
    const reopened = await service.openFile(target);
    expect(reopened.format).toBe('duosub');
    expect(reopened.hasProjectFile).toBe(true);
    expect(reopened.doc).toEqual(service.state(docId).doc);
    service.apply(reopened.docId, { type: 'setTimes', cueId: 'c2', start: 100, end: 200 });
    await service.save(reopened.docId);
    const onDisk = JSON.parse(readFileSync(target, 'utf8'));
    expect(onDisk.cues[1]).toMatchObject({ id: 'c2', start: 100, end: 200 });
    expect(readdirSync(dir)).toEqual(['ep8.duosub.json']);
  });

  it('does not overwrite a project changed on disk since it was opened', async () => {
    const service = new DocumentService();
    const first = await service.openFile(SAMPLE);
    const target = join(dir, 'p.duosub.json');
    await service.saveAs(first.docId, target);
    const { docId } = await service.openFile(target);
    service.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'mine' });
    writeFileSync(target, readFileSync(target, 'utf8').replace('"version": 1', '"version": 1 '));
    utimesSync(target, new Date(), new Date(Date.now() + 5000));
    const theirs = readFileSync(target, 'utf8');
    await expect(service.save(docId)).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(target, 'utf8')).toBe(theirs);
  });

  it('names the file and line of bad input', async () => {
    const service = new DocumentService();
    const bad = join(dir, 'broken.duosub.json');
    writeFileSync(bad, '{\n  "format": "duosub",\n  "version": 1,\n  oops\n}\n');
    await expect(service.openFile(bad)).rejects.toThrow(/^broken\.duosub\.json:4: /);
    await expect(service.openFile(join(dir, 'missing.srt'))).rejects.toThrow(/missing\.srt: cannot read/);
  });

  it('exports one language, or both, without changing the document', async () => {
    const service = new DocumentService();
    const { docId, doc } = await service.openFile(SAMPLE);
    const out = service.export(docId, { format: 'srt', lang: 'en' });
    expect(out.fileName).toBe('openai-podcast-ep8.zh-en.en.srt');
    expect(out.text.startsWith('1\n00:00:')).toBe(true);
    expect(out.text).toContain('Thank you.');
    const both = service.export(docId, { format: 'vtt', bom: true, lineEnding: 'crlf' });
    expect(both.fileName).toBe('openai-podcast-ep8.zh-en.vtt');
    expect(both.text.startsWith('\uFEFFWEBVTT\r\n')).toBe(true);
    expect(both.text).toContain('<lang zh-Hans>谢谢。</lang>\r\n<lang en>Thank you.</lang>');
    expect(() => service.export(docId, { format: 'srt', lang: 'fr' })).toThrow(ApiError);
    expect(service.state(docId).doc).toBe(doc);
    expect(service.state(docId).dirty).toBe(false);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temp file', async () => {
    const target = join(dir, 'a.json');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('fails without touching anything when the target cannot be replaced', async () => {
    const target = join(dir, 'folder');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'keep');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['folder']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('keep');
  });
});

describe('DocumentService save failures and background replace', () => {
  it('a failed save names the file and keeps the document, its dirty flag and its history', async () => {
    const service = new DocumentService();
    const { docId } = await service.openFile(SAMPLE);
    service.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'unsaved' });
    const gone = join(dir, 'vanished');
    mkdirSync(gone);
    const target = join(gone, 'ep8.duosub.json');
    await service.saveAs(docId, target);
    service.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'unsaved again' });
    rmSync(gone, { recursive: true }); // the folder vanished (a USB stick pulled)
    const before = service.state(docId);
    const error = await service.save(docId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'failed', message: expect.stringContaining('ep8.duosub.json') });
    expect(service.state(docId)).toEqual(before);
    expect(service.undo(docId).applied).toMatchObject({ text: 'unsaved' });
    await expect(service.saveAs(docId, join(dir, 'no', 'such', 'x'))).rejects.toMatchObject({ code: 'failed', message: /x\.duosub\.json/ });
    expect(service.state(docId).dirty).toBe(true);
    expect(readdirSync(dir)).toEqual([]); // no temp file left behind
  });

  it('plans a regex replace-all through the background planner, again once if the document changed meanwhile', async () => {
    let plans = 0;
    let edit: (() => void) | null = null;
    const planner = {
      plan: async () => {
        plans++;
        await new Promise((done) => setTimeout(done, 5));
        edit?.(); // the user typed while it ran
        return makePlan([{ type: 'setText', cueId: 'c2', lang: 'en', text: 'replaced' }], 'Replace all', null);
      },
      cancel: () => true,
      dispose: () => undefined,
    };
    const service = new DocumentService({ replacePlanner: planner });
    const { docId } = await service.openFile(SAMPLE);
    const command = { kind: 'replaceAll' as const, lang: 'en', find: 'T.', replace: 'x', regex: true, caseSensitive: true };
    const settings = { minSplitMs: 200, minGapMs: 24 };
    await expect(service.command(docId, command, settings)).resolves.toMatchObject({ label: 'Replace all' });
    expect(plans).toBe(1);
    let edits = 0;
    edit = () => void service.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: `typing ${++edits}` });
    await expect(service.command(docId, command, settings)).rejects.toMatchObject({ code: 'conflict' });
    expect(plans).toBe(3);
    expect(service.state(docId).doc.cues[1].text.en).toBe('replaced'); // the refused one changed nothing
    edit = null;
    expect(service.cancelReplace(docId)).toBe(true);
    // A plain (non-regex) replace is planned at once, as before.
    expect(service.command(docId, { ...command, regex: false, find: 'replaced' }, settings)).toMatchObject({ label: expect.any(String) });
  });
});
