/**
 * The authoritative copy of every open document: reads files, applies operations, keeps the undo history,
 * journals every unsaved change (./journal.ts) and saves atomically (./documents-save.ts). No electron here:
 * Electron IPC and the browser server share it.
 */
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError, type EncodingPreview, type AddLanguageResult, type CommandResult, type DocumentState, type EditResult, type ExportResult, type HistoryList, type MediaInfo, type RecoveryEntry, type SaveResult } from '../../shared/api';
import { History } from '../../shared/history';
import type { SubtitleDocument } from '../../shared/model';
import type { Operation } from '../../shared/operations';
import { replacementOf } from '../../shared/operations-languages';
import { pairDocuments } from '../../shared/pairing';
import { planCommand, type Plan } from '../../shared/commands/plan';
import type { EditCommand, EditSettings } from '../../shared/commands/schema';
import { exportDocument, exportLanguages, formatTakesLegacyEncoding, type ExportOptions } from '../../shared/formats/export';
import { provisionalTimes } from '../../shared/timing';
import { stampOf } from '../files/files';
import { isKnownEncoding } from '../files/text-encoding';
import { encodeExport, previewEncoding } from '../files/document-encoding';
import { callersFault, exportEncodingFor, readSubtitleFile } from './documents-read';
import {
  applyToEntry, captureState, entryFromJournal, historyListOf, isDirty, stepEntry, stepEntryBy, stepLabelsOf, type OpenDocument, type OpenOptions,
} from './documents-entry';
import { saveEntry, saveEntryAs } from './documents-save';
import { Journal } from './journal';
import type { JournalRecord } from './journal-format';
import { discardJournal, journalledPath, journalOf, loadForRestore, recoveryEntries } from './documents-recovery';
import { EventBus, type Origin } from '../events';

export type { OpenOptions } from './documents-entry';

/** Plans a regex replace-all off main's thread with a time budget (./replace-runner); keyed by document. */
export interface ReplacePlanner {
  plan(key: string, doc: SubtitleDocument, command: Extract<EditCommand, { kind: 'replaceAll' }>): Promise<Plan>;
  cancel(key: string): boolean;
  dispose(): void;
}

export interface DocumentServiceOptions {
  /** Where unsaved changes are journalled; none in tests that do not need it. */
  journal?: Journal | null;
  replacePlanner?: ReplacePlanner | null;
  /** Where changes are announced (the app's bus); a bus of its own when none is given (tests). */
  events?: EventBus;
}

export class DocumentService {
  private readonly docs = new Map<string, OpenDocument>();
  /** Every change is published here: `doc.changed` with the origin of the request that made it. */
  readonly events: EventBus;
  private readonly journal: Journal | null;
  private readonly replacePlanner: ReplacePlanner | null;

  constructor(options: DocumentServiceOptions = {}) {
    this.journal = options.journal ?? null;
    this.replacePlanner = options.replacePlanner ?? null;
    this.events = options.events ?? new EventBus();
  }

  /** Reads a document from disk; bad input becomes one ApiError naming the file and line. */
  async openFile(path: string, options: OpenOptions = {}): Promise<DocumentState> {
    const name = options.displayName ?? basename(path);
    const read = await readSubtitleFile(path, name, undefined, options.encoding);
    const isProject = read.format === 'duosub' && !options.asCopy;
    const stamp = isProject ? await stampOf(path) : null;
    const entry: OpenDocument = {
      id: newDocId(),
      journalId: Journal.newId(),
      doc: read.doc,
      history: new History(),
      revision: 0,
      savedRevision: 0,
      format: read.format,
      problems: read.problems,
      sourcePath: options.asCopy ? null : path,
      baseDir: dirname(path),
      displayName: name,
      projectPath: isProject ? path : null,
      projectStamp: stamp ? { ...stamp, hash: read.hash } : null,
      media: null,
      mediaPath: null,
      encoding: read.encoding,
      encodingConfidence: read.confidence,
      readPath: path,
      openOptions: options,
    };
    this.docs.set(entry.id, entry);
    return this.state(entry.id);
  }

  /** Path of the media file the document refers to, resolved against the folder it came from. */
  referencedMediaPath(docId: string): string | null {
    const entry = this.entry(docId);
    const ref = entry.doc.media?.path;
    if (!ref) return null;
    return isAbsolute(ref) ? ref : resolve(entry.baseDir, ref);
  }

  state(docId: string): DocumentState {
    const e = this.entry(docId);
    return {
      docId: e.id,
      doc: e.doc,
      revision: e.revision,
      dirty: isDirty(e),
      canUndo: e.history.canUndo,
      canRedo: e.history.canRedo,
      ...stepLabelsOf(e),
      fileName: e.projectPath ? basename(e.projectPath) : e.displayName,
      format: e.format,
      hasProjectFile: e.projectPath !== null,
      media: e.media,
      problems: e.problems,
      encoding: e.encoding,
      encodingConfidence: e.encodingConfidence,
    };
  }

  /** Applies one operation as one undo step; `origin` is the client that asked (null: main itself). */
  apply(docId: string, op: Operation, origin: Origin = null): EditResult {
    const e = this.entry(docId);
    const time = Date.now();
    callersFault(() => applyToEntry(e, op, time));
    return this.changed(e, op, { k: 'apply', op, time, rev: e.revision }, origin);
  }

  /**
   * Plans a command against the authoritative document and applies it as one undo step. A regex replace-all is
   * planned off main's thread with a time budget (so this may return a promise); if the document changed meanwhile
   * it is planned once more, then refused.
   */
  command(docId: string, command: EditCommand, settings: EditSettings, origin: Origin = null): CommandResult | Promise<CommandResult> {
    const e = this.entry(docId);
    if (command.kind === 'replaceAll' && command.regex && this.replacePlanner) return this.replaceInBackground(e, command, origin);
    return this.applyPlan(docId, callersFault(() => planCommand(e.doc, command, settings)), origin);
  }

  private async replaceInBackground(e: OpenDocument, command: Extract<EditCommand, { kind: 'replaceAll' }>, origin: Origin): Promise<CommandResult> {
    const planner = this.replacePlanner!;
    for (let attempt = 0; attempt < 2; attempt++) {
      const planned = e.doc;
      const plan = await planner.plan(e.id, planned, command);
      if (this.docs.get(e.id) !== e) throw new ApiError('not-found', `the document was closed while replacing`);
      if (e.doc === planned) return this.applyPlan(e.id, plan, origin);
    }
    throw new ApiError('conflict', 'The document kept changing while Replace All ran; nothing was replaced. Try again.');
  }

  /** Stops a running regex replace-all of the document; whether one was running. */
  cancelReplace(docId: string): boolean {
    return this.replacePlanner?.cancel(docId) ?? false;
  }

  /** Applies a planned command (an edit command, or auto-timing) as one undo step. */
  applyPlan(docId: string, plan: Plan, origin: Origin = null): CommandResult {
    return { ...this.apply(docId, plan.op, origin), label: plan.label, select: plan.select };
  }

  /**
   * Reads a second file (as opening does) and pairs its cues into the document as a new language, as one undo step;
   * the report lists how cues paired and every cue that paired with nothing (kept as its own cue).
   */
  async addLanguageFromFile(docId: string, file: { path: string; displayName?: string }, lang?: string, origin: Origin = null): Promise<AddLanguageResult> {
    this.entry(docId); // an unknown document fails before the file is read
    const name = file.displayName ?? basename(file.path);
    const read = await readSubtitleFile(file.path, name, lang ? { lang } : undefined);
    const e = this.entry(docId);
    let paired: ReturnType<typeof pairDocuments>;
    try {
      paired = pairDocuments(e.doc, read.doc, lang ? { lang } : undefined);
    } catch (error) {
      // e.g. the file's language is already in the document: the user picks another code.
      throw new ApiError('bad-request', `${name}: ${(error as Error).message}`);
    }
    const added = paired.doc.languages.find((l) => !e.doc.languages.some((b) => b.code === l.code));
    if (!added) throw new ApiError('bad-request', `${name}: no new language to add`);
    const result = this.apply(docId, replacementOf(e.doc, paired.doc, `Add ${added.code} from ${name}`), origin);
    return { ...result, lang: added.code, fileName: name, report: paired.report, problems: read.problems };
  }

  /** Changes what the document knows of its media (e.g. its playable proxy), if `token` is still its media. */
  updateMedia(docId: string, token: string, patch: Partial<Omit<MediaInfo, 'token'>>): void {
    const e = this.entry(docId);
    if (e.media?.token === token) e.media = { ...e.media, ...patch };
  }

  /** The media file attached to the document, or null. */
  mediaPathOf(docId: string): string | null {
    return this.entry(docId).mediaPath;
  }

  undo(docId: string, origin: Origin = null): EditResult {
    return this.step(docId, 'undo', origin);
  }

  redo(docId: string, origin: Origin = null): EditResult {
    return this.step(docId, 'redo', origin);
  }

  /**
   * Undoes `steps` steps (negative: redoes −steps), the History list's jump: each step journalled as the undo or
   * redo it is (replay needs nothing new), one broadcast, and `applied` a batch of every operation it ran, in order.
   */
  undoTo(docId: string, steps: number, origin: Origin = null): EditResult {
    const e = this.entry(docId);
    const applied = stepEntryBy(e, steps, (k) => this.journal?.record(e.journalId, { k, time: Date.now(), rev: e.revision }, () => captureState(e)));
    if (applied.length === 0) return this.result(e, null);
    const result = this.result(e, applied.length === 1 ? applied[0] : { type: 'batch', ops: applied });
    this.events.publish('doc.changed', result, origin);
    return result;
  }

  /** The undo history for the History list, nearest steps first (capped at `limit` of each stack). */
  historyList(docId: string, limit = 200): HistoryList {
    return historyListOf(this.entry(docId), limit);
  }

  private step(docId: string, direction: 'undo' | 'redo', origin: Origin): EditResult {
    const e = this.entry(docId);
    const applied = stepEntry(e, direction);
    if (!applied) return this.result(e, null);
    return this.changed(e, applied, { k: direction, time: Date.now(), rev: e.revision }, origin);
  }

  /**
   * Attaches media; an untimed document gets its provisional times spread over the media (one undo step). A new
   * media reference is a change (a new revision, dirty) without an operation: every window hears it as a
   * `doc.changed` with `applied: null` (the requester's reply is the media, not the revision).
   */
  attachMedia(docId: string, media: MediaInfo, mediaPath: string): EditResult | null {
    const e = this.entry(docId);
    e.media = media;
    e.mediaPath = mediaPath;
    // The media the document already names (e.g. a project opened with its audio) changes nothing.
    const newReference = this.referencedMediaPath(docId) !== mediaPath;
    if (newReference) {
      e.doc = { ...e.doc, media: { path: relative(e.baseDir, mediaPath), duration: media.duration } };
      e.revision++;
    }
    // Not an operation: the journal keeps it in a new snapshot (a clean document has no journal to keep).
    if (isDirty(e)) this.journal?.rewrite(e.journalId, () => captureState(e));
    this.events.publish('media.attached', { docId, media });
    if (newReference) this.events.publish('doc.changed', this.result(e, null));
    if (!e.doc.metadata.untimed || e.doc.cues.length === 0) return null;
    const spread = provisionalTimes(e.doc.cues, { totalMs: media.duration });
    const ops: Operation[] = spread.map((c) => ({ type: 'setTimes', cueId: c.id, start: c.start, end: c.end }));
    return this.apply(docId, { type: 'batch', ops });
  }

  /** Saves to the project file; refuses to overwrite a file someone else changed since we read it, unless `force`. */
  async save(docId: string, options: { force?: boolean } = {}): Promise<SaveResult> {
    const e = this.entry(docId);
    return this.saved(e, await saveEntry(e, options.force ?? false));
  }

  async saveAs(docId: string, path: string): Promise<SaveResult> {
    const e = this.entry(docId);
    return this.saved(e, await saveEntryAs(e, path));
  }

  /** A saved document needs no journal; one edited while it was written keeps it, with its new file facts. */
  private saved(e: OpenDocument, result: SaveResult): SaveResult {
    if (this.docs.get(e.id) !== e) return result;
    if (isDirty(e)) this.journal?.rewrite(e.journalId, () => captureState(e));
    else void this.journal?.remove(e.journalId);
    return result;
  }

  /**
   * Renders an export in its encoding: `encoding` when given, else the source file's where the format allows it
   * (UTF-8 with BOM when `bom`), else UTF-8. A character the encoding cannot hold comes back as `unencodable`.
   */
  export(docId: string, { encoding: requested, ...options }: ExportOptions & { encoding?: string }): ExportResult {
    const e = this.entry(docId);
    const encoding = exportEncodingFor(options, e.encoding, requested);
    const bom = encoding === 'UTF-8 with BOM';
    const exported = callersFault(() => exportDocument(e.doc, { ...options, bom }));
    const name = this.state(docId).fileName ?? 'untitled';
    const stem = name.replace(/(\.duosub)?\.[^.]*$/, '');
    const result = { fileName: `${stem}${options.lang ? `.${options.lang}` : ''}${exported.extension}`, text: exported.text };
    const langs = formatTakesLegacyEncoding(options.format) ? callersFault(() => exportLanguages(e.doc, options)) : [];
    return encodeExport(e.doc, langs, result, encoding);
  }

  /** The source file read in another encoding: its first lines, for the re-open dialog. */
  encodingPreview(docId: string, encoding: string): Promise<EncodingPreview> {
    const e = this.entry(docId);
    return previewEncoding(e.readPath, e.displayName, encoding);
  }

  /** How to open the document's source file again in `encoding` (re-open with encoding makes a new document). */
  reopenSource(docId: string, encoding: string): { path: string; asCopy: boolean; displayName?: string } {
    const e = this.entry(docId);
    if (!isKnownEncoding(encoding)) throw new ApiError('bad-request', `unknown encoding "${encoding}"`);
    return { path: e.readPath, asCopy: e.openOptions.asCopy ?? false, displayName: e.openOptions.displayName };
  }

  /** The folder Save As uses when no dialog can ask (browser mode): beside the source file, else the fallback. */
  saveFolder(docId: string, fallback: string): string {
    const e = this.entry(docId);
    const from = e.projectPath ?? e.sourcePath;
    return from ? dirname(from) : fallback;
  }

  /** Forgets a document; `discard` deletes its journal ("don't save"), else keeps it for the next start (hot exit). */
  async close(docId: string, options: { discard: boolean }): Promise<boolean> {
    const e = this.docs.get(docId);
    if (!e) return false;
    this.docs.delete(docId);
    this.replacePlanner?.cancel(docId);
    if (options.discard || !isDirty(e)) await this.journal?.remove(e.journalId);
    else await this.journal?.release(e.journalId);
    return true;
  }

  /** Open documents with unsaved changes (the desktop shell asks before its window closes). */
  dirtyDocuments(): Array<{ docId: string; fileName: string; hasProjectFile: boolean }> {
    return [...this.docs.values()].filter(isDirty).map((e) => ({
      docId: e.id,
      fileName: this.state(e.id).fileName ?? 'untitled',
      hasProjectFile: e.projectPath !== null,
    }));
  }

  /** Where the document was read from, to read it again ("reload theirs"): its project file, else its source. */
  revertSource(docId: string): { path: string; mediaPath: string | null; options: OpenOptions } {
    const e = this.entry(docId);
    const path = e.projectPath ?? e.sourcePath;
    if (!path) throw new ApiError('bad-request', `${this.state(docId).fileName ?? 'This document'} was never read from a file: nothing to revert to.`);
    const asProject = path === e.projectPath;
    return { path, mediaPath: e.mediaPath, options: asProject ? {} : { encoding: e.openOptions.encoding } };
  }

  /** Unsaved work journalled by an earlier run (or a crash), newest first. */
  recoverable(): Promise<RecoveryEntry[]> {
    return this.journal ? recoveryEntries(this.journal) : Promise.resolve([]);
  }

  /** Opens a journalled document as it was, with its undo history; the journal keeps following it. */
  async restore(journalId: string): Promise<DocumentState> {
    const journal = journalOf(this.journal, journalId);
    const loaded = await loadForRestore(journal, journalId);
    const { entry, damaged } = entryFromJournal(loaded, newDocId());
    this.docs.set(entry.id, entry);
    // Rewritten at once under this run: a damaged tail is dropped before new changes are appended.
    journal.adopt(journalId, loaded.snapshot.generation, () => captureState(entry));
    const state = this.state(entry.id);
    if (!damaged) return state;
    const warning = 'The recovery journal was damaged: restored up to the last change that could be read.';
    return { ...state, problems: [...state.problems, { line: 0, severity: 'warning', message: warning }] };
  }

  /** Deletes a journal the user chose not to restore; whether there was one. */
  discardRecovery(journalId: string): Promise<boolean> {
    return discardJournal(journalOf(this.journal, journalId), journalId);
  }

  /** The file a journalled document came from (or the journal itself when it had none), to show it. */
  recoveryPath(journalId: string): Promise<string> {
    return journalledPath(journalOf(this.journal, journalId), journalId);
  }

  /** Media found again for a restored document: the document itself does not change. */
  attachRestoredMedia(docId: string, media: MediaInfo): void {
    const e = this.entry(docId);
    e.media = media;
    this.events.publish('media.attached', { docId, media });
  }

  /** Writes what the journal has pending (before exit). */
  async flushJournal(): Promise<void> {
    await this.journal?.flush();
  }

  has(docId: string): boolean {
    return this.docs.has(docId);
  }

  private entry(docId: string): OpenDocument {
    const e = this.docs.get(docId);
    if (!e) throw new ApiError('not-found', `no open document ${docId}`);
    return e;
  }

  private changed(e: OpenDocument, applied: Operation, record: JournalRecord, origin: Origin): EditResult {
    this.journal?.record(e.journalId, record, () => captureState(e));
    const result = this.result(e, applied);
    this.events.publish('doc.changed', result, origin);
    return result;
  }

  private result(e: OpenDocument, applied: Operation | null): EditResult {
    return {
      docId: e.id,
      revision: e.revision,
      dirty: isDirty(e),
      canUndo: e.history.canUndo,
      canRedo: e.history.canRedo,
      ...stepLabelsOf(e),
      applied,
    };
  }
}

function newDocId(): string {
  return randomBytes(8).toString('hex');
}
