/**
 * Media that stays linked: a project records its media's path relative to itself, with the size and head hash
 * (the peaks cache's fingerprint); reopening finds the file after the project moved with it, beside the project,
 * or in the browser-mode media store by that fingerprint; old projects without them still open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MediaInfo } from '../../src/shared/api';
import { parseDuosub, serializeDuosub } from '../../src/shared/formats/duosub';
import { emptyDocument } from '../../src/shared/model';
import { DocumentService } from '../../src/node/documents/documents';
import { linkProjectMedia } from '../../src/node/documents/documents-read';
import { MediaStore } from '../../src/node/media/media-store';
import { mediaFingerprint } from '../../src/node/media/peaks-cache';

const SAMPLE = resolve(import.meta.dirname, '../../resources/sample/excerpt.duosub.json');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'duosub-media-link-'));
  dirs.push(dir);
  return dir;
}
function mediaFile(path: string, bytes = 100_000, seed = 1): string {
  writeFileSync(path, Buffer.from(Array.from({ length: bytes }, (_, i) => (i * seed) % 251)));
  return path;
}
const info = (fileName: string): MediaInfo => ({ token: 't', fileName, duration: 1000, kind: 'audio', playToken: 't' });

describe('project media reference', () => {
  it('round-trips path, duration, size and head hash; a project without size and hash still reads', () => {
    const doc = { ...emptyDocument([{ code: 'en', name: 'English' }]), media: { path: 'audio/talk.mp3', duration: 5000, size: 1234, headHash: 'a'.repeat(64) } };
    expect(parseDuosub(serializeDuosub(doc)).doc.media).toEqual(doc.media);
    const old = serializeDuosub({ ...doc, media: { path: 'talk.mp3', duration: 5000 } });
    const read = parseDuosub(old);
    expect(read.doc.media).toEqual({ path: 'talk.mp3', duration: 5000 });
    expect(read.problems).toEqual([]);
  });

  it('saves the path relative to the project with the fingerprint, and reopens after project and media moved together', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'work', 'audio'), { recursive: true });
    const media = mediaFile(join(dir, 'work', 'audio', 'talk.opus'));
    const service = new DocumentService();
    const { docId } = await service.openFile(SAMPLE, { asCopy: true });
    service.attachMedia(docId, info('talk.opus'), media);
    const saved = await service.saveAs(docId, join(dir, 'work', 'talk'));
    expect(saved.path).toBe(join(dir, 'work', 'talk.duosub.json'));
    const print = await mediaFingerprint(media);
    expect(service.state(docId).doc.media).toMatchObject({ path: join('audio', 'talk.opus'), size: print.size, headHash: print.headHash });

    renameSync(join(dir, 'work'), join(dir, 'moved'));
    const reopened = new DocumentService();
    const state = await reopened.openFile(join(dir, 'moved', 'talk.duosub.json'));
    expect(reopened.referencedMediaPath(state.docId)).toBe(join(dir, 'moved', 'audio', 'talk.opus'));
    expect(state.problems.filter((p) => p.message.includes('media'))).toEqual([]);
  });

  it('finds the media beside the project, or in the store, by its fingerprint; a different file is not taken', async () => {
    const dir = tempDir();
    const original = mediaFile(join(dir, 'talk.opus'));
    const print = await mediaFingerprint(original);
    const media = { path: '../elsewhere/talk.opus', duration: 1000, ...print };
    const projectDir = join(dir, 'project');
    mkdirSync(projectDir);
    const store = new MediaStore(join(dir, 'data', 'media-store'));

    // Nowhere: unchanged (main then reports it missing, and the window asks to locate it).
    expect((await linkProjectMedia(media, projectDir, store)).media.path).toBe(media.path);
    // In the store (an upload of an earlier run):
    cpSync(original, join(dir, 'upload.opus'));
    const stored = await store.keep(join(dir, 'upload.opus'), 'talk.opus');
    expect((await linkProjectMedia(media, projectDir, store)).media.path).toBe(stored);
    // Beside the project with the same name but other content: not taken (the store's copy is).
    mediaFile(join(projectDir, 'talk.opus'), 100_000, 7);
    expect((await linkProjectMedia(media, projectDir, store)).media.path).toBe(stored);
    // Beside the project, the same file:
    cpSync(original, join(projectDir, 'talk.opus'));
    expect((await linkProjectMedia(media, projectDir, store)).media.path).toBe(join(projectDir, 'talk.opus'));
  });

  it('warns when the file at the recorded path is not the one the project was saved with', async () => {
    const dir = tempDir();
    mediaFile(join(dir, 'talk.opus'), 5000, 3);
    const linked = await linkProjectMedia({ path: 'talk.opus', size: 5000, headHash: 'b'.repeat(64) }, dir);
    expect(linked.media.path).toBe('talk.opus');
    expect(linked.problems[0].message).toMatch(/talk\.opus differs from the one the project was saved with/);
  });

  it('records a store file by the name the user gave it', async () => {
    const dir = tempDir();
    const store = new MediaStore(join(dir, 'media-store'));
    const kept = await store.keep(mediaFile(join(dir, 'upload-1')), 'Interview take 2.opus');
    const service = new DocumentService();
    const { docId } = await service.openFile(SAMPLE, { asCopy: true });
    service.attachMedia(docId, info('Interview take 2.opus'), kept);
    mkdirSync(join(dir, 'saved'));
    await service.saveAs(docId, join(dir, 'saved', 'p.duosub.json'));
    expect(service.state(docId).doc.media?.path).toBe('Interview take 2.opus');
  });
});
