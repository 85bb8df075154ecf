import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { action, journalled, perform, projectIn, walkHistory } from './journal-helpers';
import { parseLog, snapshotParts, type JournalSnapshot } from '../../src/node/documents/journal-format';
import { ApiError } from '../../src/shared/api';

let dir: string;
let dataDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duosub-journal-'));
  dataDir = join(dir, 'recovery');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A second run on the same data folder: what it offers, and the first entry restored. */
async function restart(options = {}) {
  const next = journalled(dataDir, options);
  const list = await next.documents.recoverable();
  return { ...next, list };
}

describe('the recovery journal', () => {
  it('restores any sequence of edits, undos and redos exactly, with the same undo history', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), fc.boolean(), async (actions, smallLog) => {
        const runDir = join(dataDir, String(run++));
        // A small log limit compacts every few records: snapshots and logs both get exercised.
        const live = journalled(runDir, smallLog ? { maxEntries: 4 } : {});
        const { docId } = await live.documents.openFile(projectIn(dir, `p${run}.duosub.json`));
        await perform(live.documents, docId, actions);
        await live.documents.flushJournal();
        const before = live.documents.state(docId);

        const next = journalled(runDir);
        const list = await next.documents.recoverable();
        if (!before.dirty) {
          expect(list).toEqual([]); // nothing changed: no journal was written
          return;
        }
        expect(list).toHaveLength(1);
        expect(list[0]).toMatchObject({ fileName: `p${run}.duosub.json`, cues: before.doc.cues.length });
        const restored = await next.documents.restore(list[0].id);
        expect(restored.doc).toEqual(before.doc);
        expect(restored).toMatchObject({ dirty: true, canUndo: before.canUndo, canRedo: before.canRedo, hasProjectFile: true });
        expect(walkHistory(next.documents, restored.docId)).toEqual(walkHistory(live.documents, docId));
      }),
      { numRuns: 40 },
    );
  });

  it('replays typing from the log into the same word-sized undo steps', async () => {
    const live = journalled(dataDir);
    const { docId } = await live.documents.openFile(projectIn(dir));
    live.documents.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'x' });
    await live.documents.flushJournal(); // the snapshot; what follows is replayed from the log
    for (const text of ['xa', 'xab', 'xab ', 'xab c', 'xab cd']) live.documents.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text });
    await live.documents.flushJournal();
    const { documents, list } = await restart();
    const restored = await documents.restore(list[0].id);
    expect(walkHistory(documents, restored.docId)).toEqual(walkHistory(live.documents, docId));
    expect(walkHistory(live.documents, docId).undone).toBe(2); // 'x…xab' and ' cd'
  });

  it('writes nothing when a document is opened, and removes the journal when it is saved or closed', async () => {
    const { documents } = journalled(dataDir);
    const { docId } = await documents.openFile(projectIn(dir));
    await documents.flushJournal();
    expect(readdirSync(dir)).not.toContain('recovery'); // opening a big file costs no snapshot
    documents.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'first' });
    await documents.flushJournal();
    expect(readdirSync(dataDir).sort()).toHaveLength(2);
    await documents.save(docId);
    await documents.flushJournal();
    expect(readdirSync(dataDir)).toEqual([]);
    documents.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'second' });
    await documents.flushJournal();
    expect(readdirSync(dataDir)).toHaveLength(2);
    await documents.close(docId, { discard: true });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('keeps the journal of a document closed without discarding (hot exit), for the next run', async () => {
    const { documents } = journalled(dataDir);
    const { docId } = await documents.openFile(projectIn(dir));
    documents.apply(docId, { type: 'setText', cueId: 'c2', lang: 'en', text: 'kept' });
    expect(documents.dirtyDocuments()).toEqual([{ docId, fileName: 'excerpt.duosub.json', hasProjectFile: true }]);
    await documents.close(docId, { discard: false });
    const { documents: next, list } = await restart();
    expect(list).toMatchObject([{ fileName: 'excerpt.duosub.json', path: join(dir, 'excerpt.duosub.json'), edits: 1, cues: 8 }]);
    const restored = await next.restore(list[0].id);
    expect(restored.doc.cues[1].text.en).toBe('kept');
    // The restored document keeps journalling under the same id: a second crash loses nothing either.
    next.apply(restored.docId, { type: 'setText', cueId: 'c3', lang: 'en', text: 'later' });
    await next.flushJournal();
    const third = await restart();
    expect(third.list.map((e) => e.id)).toEqual([list[0].id]);
    expect((await third.documents.restore(list[0].id)).doc.cues[2].text.en).toBe('later');
  });

  it('restores up to the last good record of a damaged log, and never throws listing it', async () => {
    const { documents } = journalled(dataDir);
    const { docId } = await documents.openFile(projectIn(dir));
    documents.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'zero.' });
    await documents.flushJournal(); // the snapshot
    for (const text of ['one', 'two', 'three', 'four']) documents.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: `${text}.` });
    await documents.flushJournal(); // four records in the log
    const files = readdirSync(dataDir);
    const [snapshot, log] = ['.json', '.log'].map((ext) => join(dataDir, files.find((n) => n.endsWith(ext))!));
    const snapshotText = readFileSync(snapshot, 'utf8');
    const logText = readFileSync(log, 'utf8');
    expect(logText.trim().split('\n')).toHaveLength(5);

    async function restoreDamaged(damagedLog: string): Promise<string | undefined> {
      writeFileSync(snapshot, snapshotText);
      writeFileSync(log, damagedLog);
      const { documents: next, list } = await restart();
      expect(list).toHaveLength(1);
      const restored = await next.restore(list[0].id);
      await next.flushJournal();
      expect(restored.problems.at(-1)?.message).toMatch(/damaged/);
      return restored.doc.cues[0].text.en;
    }
    // A crash in the middle of the last write: half a line.
    expect(await restoreDamaged(logText.slice(0, logText.length - 9))).toBe('three.');
    // Bad JSON in the middle: the records before it count.
    expect(await restoreDamaged(logText.replace(/\n[^\n]*"two\."[^\n]*\n/, '\n{oops\n'))).toBe('one.');
    // A record of the wrong shape.
    expect(await restoreDamaged(logText.replace('"k":"apply"', '"k":"explode"'))).toBe('zero.');
  });

  it('lists a journal it cannot read at all with 0 edits; restoring it fails clearly and it can be discarded', async () => {
    mkdirSync(dataDir, { recursive: true });
    const id = 'ab'.repeat(12);
    writeFileSync(join(dataDir, `${id}.json`), '{"version": 99}');
    writeFileSync(join(dataDir, `${id}.log`), 'garbage');
    writeFileSync(join(dataDir, 'notes.txt'), 'not a journal');
    writeFileSync(join(dataDir, `.${id}.json.0a1b2c.tmp`), '{"version": 1, "gen'); // a write a crash interrupted
    const { documents, list } = await restart();
    expect(list).toMatchObject([{ id, edits: 0, cues: 0, path: null }]);
    await expect(documents.restore(id)).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/cannot be read.*discard/) });
    await expect(documents.restore('../../etc/passwd')).rejects.toBeInstanceOf(ApiError);
    expect(await documents.discardRecovery(id)).toBe(true);
    expect(readdirSync(dataDir)).toEqual(['notes.txt']);
    expect(await documents.discardRecovery(id)).toBe(false);
  });

  it('compacts a growing log into a new snapshot, and restores the same document', async () => {
    const { documents } = journalled(dataDir, { maxEntries: 5 });
    const { docId } = await documents.openFile(projectIn(dir));
    for (let i = 0; i < 23; i++) {
      documents.apply(docId, { type: 'setTimes', cueId: 'c1', start: 1000 + i, end: 16453 });
      if (i % 3 === 0) await documents.flushJournal();
    }
    await documents.flushJournal();
    const log = readdirSync(dataDir).find((n) => n.endsWith('.log'))!;
    const lines = readFileSync(join(dataDir, log), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(6); // header + at most 5 records
    expect(JSON.parse(lines[0]).g).toBeGreaterThan(0);
    const { documents: next, list } = await restart();
    const restored = await next.restore(list[0].id);
    expect(restored.doc).toEqual(documents.state(docId).doc);
    expect(list[0].edits).toBe(23);
  });

  it('ignores an older log beside a newer snapshot (a crash between the two writes)', () => {
    const header = '{"g":3}\n{"k":"undo","time":1,"rev":4}\n';
    expect(parseLog(header, 3).records).toHaveLength(1);
    expect(parseLog(header, 4)).toEqual({ records: [], damaged: false });
    expect(parseLog('', 0)).toEqual({ records: [], damaged: false });
    expect(parseLog('{"g":0}\n{"k":"apply","time":1}\n', 0)).toEqual({ records: [], damaged: true });
  });

  it('writes a snapshot in parts that join into the same JSON (empty and long arrays alike)', () => {
    const doc = JSON.parse(readFileSync(projectIn(dir), 'utf8'));
    const cues = Array.from({ length: 1203 }, (_, i) => ({ ...doc.cues[i % 8], id: `c${i}` }));
    const entry = { op: { type: 'setTimes', cueId: 'c1', start: 1, end: 2 }, inverse: { type: 'setTimes', cueId: 'c1', start: 0, end: 2 }, time: 5 };
    for (const [cueList, undo] of [[[], []], [cues, Array(501).fill(entry)]] as const) {
      const snapshot = {
        version: 1, generation: 2, owner: 1, modified: 3, revision: 4, savedRevision: 0, meta: { displayName: 'x' },
        doc: { ...doc, cues: cueList }, history: { undo, redo: [entry] },
      } as unknown as JournalSnapshot;
      expect(JSON.parse([...snapshotParts(snapshot)].join(''))).toEqual(JSON.parse(JSON.stringify(snapshot)));
    }
  });

  it('keeps the journal private: folder 0700, files 0600, even where the folder existed open', async () => {
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const { documents } = journalled(dataDir);
    const { docId } = await documents.openFile(projectIn(dir));
    documents.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'secret' });
    await documents.flushJournal();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dataDir)) expect(statSync(join(dataDir, name)).mode & 0o777).toBe(0o600);
    appendFileSync(join(dataDir, readdirSync(dataDir)[0]), ''); // still ours to write
  });

  it('reports a journal it cannot write (the data folder is a file) and never disturbs editing or saving', async () => {
    writeFileSync(dataDir, 'a file where the folder should be');
    const errors: string[] = [];
    const { documents } = journalled(dataDir, { onError: (error) => errors.push(error.message) });
    const { docId } = await documents.openFile(projectIn(dir));
    documents.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'still editing' });
    await documents.flushJournal();
    expect(errors.length).toBeGreaterThan(0);
    expect(documents.state(docId)).toMatchObject({ dirty: true, canUndo: true });
    await expect(documents.save(docId)).resolves.toMatchObject({ dirty: false });
    await documents.flushJournal();
    await expect(documents.recoverable()).resolves.toEqual([]);
  });

  it('flushes an edit to disk within a second without being asked', async () => {
    const { documents } = journalled(dataDir, { flushMs: 200 });
    const { docId } = await documents.openFile(projectIn(dir));
    documents.apply(docId, { type: 'setText', cueId: 'c1', lang: 'en', text: 'soon' });
    documents.apply(docId, { type: 'setText', cueId: 'c2', lang: 'en', text: 'soon too' });
    await new Promise((done) => setTimeout(done, 1000));
    const { list, documents: next } = await restart();
    expect((await next.restore(list[0].id)).doc.cues[1].text.en).toBe('soon too');
  });
});
