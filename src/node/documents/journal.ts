/**
 * The recovery journal: every change of every unsaved document goes to disk within a fraction of a second, so a
 * crash, a kill or a power cut loses at most the last moment of work. A snapshot is written lazily at the first
 * change after open or save (opening a big file costs no write), records are appended and fdatasync'ed in
 * batches, and the log is compacted into a new snapshot when it grows. No electron here.
 */
import { readdir, readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  JOURNAL_ID, JOURNAL_VERSION, logFile, logHeader, parseLog, parseSnapshot, recordLine, snapshotFile, snapshotParts,
  type JournalRecord, type JournalSnapshot, type JournalState, type LoadedJournal,
} from './journal-format';
import { appendDurably, ensurePrivateDir, removeIfPresent, writePrivateFileAtomic } from './journal-files';

export interface JournalOptions {
  /** How long changes are batched before they are written (the promise is "on disk within 1 s"). */
  flushMs?: number;
  /** Compact when the log holds more records than this … */
  maxEntries?: number;
  /** … or more bytes. */
  maxBytes?: number;
  /** Told when a write fails (disk full, folder gone); the journal retries with a full snapshot. */
  onError?: (error: Error) => void;
}

interface Tracked {
  /** The whole current state of the document, for a snapshot. */
  capture: () => JournalState;
  /** Generation of the snapshot on disk, or -1 when none is written yet. */
  generation: number;
  snapshotDue: boolean;
  lines: string[];
  logEntries: number;
  logBytes: number;
  /** When the last change happened: recovery lists show it. */
  modified: number;
}

export class Journal {
  private readonly tracked = new Map<string, Tracked>();
  /** Per journal, the writes in order: a removal never races a write of the same journal. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Journals being deleted: not offered for recovery while their files go (a save does not wait for it). */
  private readonly removing = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly options: Required<Omit<JournalOptions, 'onError'>> & Pick<JournalOptions, 'onError'>;
  private dirReady: Promise<void> | null = null;

  constructor(readonly dir: string, options: JournalOptions = {}) {
    this.options = { flushMs: 200, maxEntries: 5000, maxBytes: 4 * 1024 * 1024, ...options };
  }

  static newId(): string {
    return randomBytes(12).toString('hex');
  }

  /** Whether this journal instance keeps the journal `id` (a document open now). */
  isLive(id: string): boolean {
    return this.tracked.has(id);
  }

  /** Records one change; `capture` gives the document's whole state when a snapshot is due. */
  record(id: string, entry: JournalRecord, capture: () => JournalState): void {
    const t = this.track(id, capture);
    t.modified = entry.time;
    if (!t.snapshotDue) {
      const line = recordLine(entry);
      t.lines.push(line);
      t.logBytes += line.length;
      t.logEntries++;
      if (t.logEntries > this.options.maxEntries || t.logBytes > this.options.maxBytes) this.compact(t);
    }
    this.schedule();
  }

  /** The state changed in a way records do not express (media attached, saved elsewhere): snapshot it. */
  rewrite(id: string, capture: () => JournalState): void {
    const t = this.track(id, capture);
    t.modified = Date.now();
    this.compact(t);
    this.schedule();
  }

  /** Stops keeping `id` after writing what is pending: its files stay for the next start (hot exit). */
  async release(id: string): Promise<void> {
    const t = this.tracked.get(id);
    if (!t) return;
    const written = this.flushOne(id, t);
    this.tracked.delete(id);
    await written;
  }

  /** Deletes the journal of `id` (saved, closed without saving, or discarded by the user). */
  remove(id: string): Promise<void> {
    this.tracked.delete(id);
    this.removing.add(id);
    const removed = this.chain(id, async () => {
      await removeIfPresent(snapshotFile(this.dir, id));
      await removeIfPresent(logFile(this.dir, id));
    });
    const done = () => {
      this.removing.delete(id);
    };
    removed.then(done, done);
    return removed;
  }

  /** Writes everything pending now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all([...this.tracked].map(([id, t]) => this.flushOne(id, t)));
    await Promise.all([...this.chains.values()]);
  }

  async dispose(): Promise<void> {
    await this.flush();
  }

  /** Journals on disk that no open document of this run keeps: candidates for recovery. */
  async orphans(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const ids = new Set<string>();
    for (const name of names) {
      const match = /^(\.?)([0-9a-f]+)\.(json|log)(\.[0-9a-f]+\.tmp)?$/.exec(name);
      if (!match || !JOURNAL_ID.test(match[2]) || this.tracked.has(match[2]) || this.removing.has(match[2])) continue;
      // A temp file of a write a crash interrupted: the journal it was for is whole without it.
      if (match[4]) await removeIfPresent(join(this.dir, name)).catch(() => undefined);
      else if (!match[1]) ids.add(match[2]);
    }
    return [...ids];
  }

  /** Reads a journal: its snapshot (a bad one throws) and its records up to the last good line. */
  async load(id: string): Promise<LoadedJournal> {
    if (!JOURNAL_ID.test(id)) throw new Error(`not a journal id: ${id}`);
    await this.chains.get(id);
    const snapshot = parseSnapshot(await readFile(snapshotFile(this.dir, id), 'utf8'));
    const log = await readFile(logFile(this.dir, id), 'utf8').catch(() => '');
    return { id, snapshot, ...parseLog(log, snapshot.generation) };
  }

  /** Takes over a journal from an earlier run (its document was restored): rewritten at once, damage dropped. */
  adopt(id: string, generation: number, capture: () => JournalState): void {
    const t = this.track(id, capture);
    t.generation = generation;
    this.rewrite(id, capture);
  }

  paths(id: string): { snapshot: string; log: string } {
    return { snapshot: snapshotFile(this.dir, id), log: logFile(this.dir, id) };
  }

  private track(id: string, capture: () => JournalState): Tracked {
    let t = this.tracked.get(id);
    if (!t) {
      // The first change after open or save: the snapshot goes with the first write.
      t = { capture, generation: -1, snapshotDue: true, lines: [], logEntries: 0, logBytes: 0, modified: Date.now() };
      this.tracked.set(id, t);
    }
    t.capture = capture;
    return t;
  }

  /** The next write is a snapshot of the whole state; records queued so far are in it. */
  private compact(t: Tracked): void {
    t.snapshotDue = true;
    t.lines = [];
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => undefined);
    }, this.options.flushMs);
    this.timer.unref?.();
  }

  private flushOne(id: string, t: Tracked): Promise<void> {
    if (!t.snapshotDue && t.lines.length === 0) return this.chains.get(id) ?? Promise.resolve();
    // Taken now, written in order: changes made while this writes go to the next batch.
    const state = t.snapshotDue ? t.capture() : null;
    const lines = t.lines.join('');
    t.snapshotDue = false;
    t.lines = [];
    return this.chain(id, async () => {
      try {
        if (state) await this.writeSnapshot(id, t, state);
        else await appendDurably(logFile(this.dir, id), lines);
      } catch (error) {
        // Retry with the whole state next time: the records of this batch are in it.
        if (this.tracked.get(id) === t) {
          t.snapshotDue = true;
          t.lines = [];
          this.schedule();
        }
        this.options.onError?.(error as Error);
      }
    });
  }

  private async writeSnapshot(id: string, t: Tracked, state: JournalState): Promise<void> {
    this.dirReady ??= ensurePrivateDir(this.dir).catch((error: unknown) => {
      this.dirReady = null; // e.g. the folder's parent was missing for a while: try again next time
      throw error;
    });
    await this.dirReady;
    const generation = t.generation + 1;
    const snapshot: JournalSnapshot = { version: JOURNAL_VERSION, generation, owner: process.pid, modified: t.modified, ...state };
    await writePrivateFileAtomic(snapshotFile(this.dir, id), snapshotParts(snapshot));
    // The old log (another generation) is ignored from here on, so a crash before this line loses nothing.
    await writePrivateFileAtomic(logFile(this.dir, id), logHeader(generation));
    t.generation = generation;
    t.logEntries = 0;
    t.logBytes = 0;
  }

  /** Runs `work` after the journal's earlier writes; a failure is reported, never thrown (nor left unhandled). */
  private chain(id: string, work: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(id) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => this.options.onError?.(error as Error));
    this.chains.set(id, next);
    void next.finally(() => {
      if (this.chains.get(id) === next) this.chains.delete(id);
    });
    return next;
  }
}

/** Whether a journal was written by another Duosub that is still running (its documents are open there). */
export function ownedByAnotherProcess(owner: number): boolean {
  if (owner === process.pid || owner <= 0) return false;
  try {
    process.kill(owner, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
