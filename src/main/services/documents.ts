/**
 * The authoritative copy of every open document: reads files, applies operations, keeps the
 * undo history, saves atomically. No electron here: Electron IPC and the browser server share it.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError, type EncodingPreview, type AddLanguageResult, type CommandResult, type DocumentState, type EditResult, type EventMap, type ExportResult, type MediaInfo, type SaveResult } from '../../shared/api';
import { History } from '../../shared/history';
import type { Problem, SubtitleDocument } from '../../shared/model';
import { applyOperation, OperationError, type Operation } from '../../shared/operations';
import { replacementOf } from '../../shared/operations-languages';
import { pairDocuments } from '../../shared/pairing';
import { CommandError, planCommand, type Plan } from '../../shared/commands/plan';
import type { EditCommand, EditSettings } from '../../shared/commands/schema';
import { canonicalEncoding, exportEncoding, formatTakesLegacyEncoding, type TextEncodingName } from '../../shared/encoding';
import { FormatError, readSubtitleText, serializeDocument, type ReadOptions } from '../../shared/formats/registry';
import { exportDocument, ExportError, exportLanguages, type ExportOptions } from '../../shared/formats/export';
import { provisionalTimes } from '../../shared/timing';
import { sameStamp, stampOf, writeFileAtomic, type FileStamp } from './files';
import { decodeBytes, isKnownEncoding } from './text-encoding';
import { encodeExport, previewEncoding } from './document-encoding';

interface OpenDocument {
  id: string;
  doc: SubtitleDocument;
  history: History;
  revision: number;
  savedRevision: number;
  format: string;
  problems: Problem[];
  /** The file it was read from (any format), or null for samples and uploads. */
  sourcePath: string | null;
  /** Folder that relative media references resolve against (also for samples and uploads). */
  baseDir: string;
  /** Name to show while there is no project file. */
  displayName: string;
  /** The project file Save writes to, or null until Save As. */
  projectPath: string | null;
  /** The project file as we last read or wrote it. */
  projectStamp: FileStamp | null;
  media: MediaInfo | null;
  mediaPath: string | null;
  /** The encoding the source file was read in (`UTF-8`, `GB18030` …), and how sure detection was (1 = certain). */
  encoding: TextEncodingName;
  encodingConfidence: number;
  /** Where the bytes were read from (also a sample's or an upload's path), and how: for re-opening in another encoding. */
  readPath: string;
  openOptions: OpenOptions;
}

type Listener = <E extends keyof EventMap>(event: E, payload: EventMap[E]) => void;

export interface OpenOptions {
  /** Treat the file as a template: Save must ask where (bundled samples, uploads). */
  asCopy?: boolean;
  /** Display name when the path is a temporary one (uploads). */
  displayName?: string;
  /** Read in this encoding instead of the detected one (re-open with encoding). */
  encoding?: string;
}

export class DocumentService {
  private readonly docs = new Map<string, OpenDocument>();
  private readonly listeners = new Set<Listener>();

  /** Reads a document from disk; bad input becomes one ApiError naming the file and line. */
  async openFile(path: string, options: OpenOptions = {}): Promise<DocumentState> {
    const name = options.displayName ?? basename(path);
    const read = await readSubtitleFile(path, name, undefined, options.encoding);
    const isProject = read.format === 'duosub' && !options.asCopy;
    const entry: OpenDocument = {
      id: randomBytes(8).toString('hex'),
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
      projectStamp: isProject ? await stampOf(path) : null,
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
      dirty: e.revision !== e.savedRevision,
      canUndo: e.history.canUndo,
      canRedo: e.history.canRedo,
      fileName: e.projectPath ? basename(e.projectPath) : e.displayName,
      format: e.format,
      hasProjectFile: e.projectPath !== null,
      media: e.media,
      problems: e.problems,
      encoding: e.encoding,
      encodingConfidence: e.encodingConfidence,
    };
  }

  apply(docId: string, op: Operation): EditResult {
    const e = this.entry(docId);
    const applied = callersFault(() => applyOperation(e.doc, op));
    e.doc = applied.doc;
    e.history.record(op, applied.inverse);
    return this.changed(e, op);
  }

  /** Plans a command against the authoritative document and applies it as one undo step. */
  command(docId: string, command: EditCommand, settings: EditSettings): CommandResult {
    const e = this.entry(docId);
    return this.applyPlan(docId, callersFault(() => planCommand(e.doc, command, settings)));
  }

  /** Applies a planned command (an edit command, or auto-timing) as one undo step. */
  applyPlan(docId: string, plan: Plan): CommandResult {
    return { ...this.apply(docId, plan.op), label: plan.label, select: plan.select };
  }

  /**
   * Reads a second file (as opening does) and pairs its cues into the document as a new language, as one undo step;
   * the report lists how cues paired and every cue that paired with nothing (kept as its own cue).
   */
  async addLanguageFromFile(docId: string, file: { path: string; displayName?: string }, lang?: string): Promise<AddLanguageResult> {
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
    const result = this.apply(docId, replacementOf(e.doc, paired.doc, `Add ${added.code} from ${name}`));
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

  undo(docId: string): EditResult {
    return this.step(docId, 'undo');
  }

  redo(docId: string): EditResult {
    return this.step(docId, 'redo');
  }

  private step(docId: string, direction: 'undo' | 'redo'): EditResult {
    const e = this.entry(docId);
    const result = e.history[direction](e.doc);
    if (!result) return this.result(e, null);
    e.doc = result.doc;
    return this.changed(e, result.applied);
  }

  /** Attaches media; an untimed document gets its provisional times spread over the media (one undo step). */
  attachMedia(docId: string, media: MediaInfo, mediaPath: string): EditResult | null {
    const e = this.entry(docId);
    e.media = media;
    e.mediaPath = mediaPath;
    // The media the document already names (e.g. a project opened with its audio) changes nothing.
    if (this.referencedMediaPath(docId) !== mediaPath) {
      e.doc = { ...e.doc, media: { path: relative(e.baseDir, mediaPath), duration: media.duration } };
      e.revision++;
    }
    this.broadcast('media.attached', { docId, media });
    if (!e.doc.metadata.untimed || e.doc.cues.length === 0) return null;
    const spread = provisionalTimes(e.doc.cues, { totalMs: media.duration });
    const ops: Operation[] = spread.map((c) => ({ type: 'setTimes', cueId: c.id, start: c.start, end: c.end }));
    return this.apply(docId, { type: 'batch', ops });
  }

  /** Saves to the project file; refuses to overwrite a file someone else changed since we read it. */
  async save(docId: string): Promise<SaveResult> {
    const e = this.entry(docId);
    if (!e.projectPath) throw new ApiError('bad-request', 'This document has no project file yet: use Save As.');
    const onDisk = await stampOf(e.projectPath);
    if (onDisk && !sameStamp(onDisk, e.projectStamp)) {
      throw new ApiError('conflict', `${basename(e.projectPath)} changed on disk since it was opened; use Save As to keep both.`);
    }
    return this.writeProject(e, e.projectPath);
  }

  async saveAs(docId: string, path: string): Promise<SaveResult> {
    const e = this.entry(docId);
    const target = extname(path) === '.json' ? path : `${path}.duosub.json`;
    if (e.mediaPath && e.doc.media) {
      // Keep the media reference valid from the new folder.
      e.doc = { ...e.doc, media: { ...e.doc.media, path: relative(dirname(target), e.mediaPath) } };
    }
    return this.writeProject(e, target);
  }

  private async writeProject(e: OpenDocument, path: string): Promise<SaveResult> {
    try {
      await writeFileAtomic(path, serializeDocument(e.doc, 'duosub'));
    } catch (error) {
      throw new ApiError('failed', `${basename(path)}: could not save (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    e.projectPath = path;
    e.sourcePath ??= path;
    e.baseDir = dirname(path);
    e.format = 'duosub';
    e.projectStamp = await stampOf(path);
    e.savedRevision = e.revision;
    return { fileName: basename(path), revision: e.revision, dirty: false };
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

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  has(docId: string): boolean {
    return this.docs.has(docId);
  }

  private entry(docId: string): OpenDocument {
    const e = this.docs.get(docId);
    if (!e) throw new ApiError('not-found', `no open document ${docId}`);
    return e;
  }

  private changed(e: OpenDocument, applied: Operation): EditResult {
    e.revision++;
    const result = this.result(e, applied);
    this.broadcast('doc.changed', result);
    return result;
  }

  private result(e: OpenDocument, applied: Operation | null): EditResult {
    return {
      docId: e.id,
      revision: e.revision,
      dirty: e.revision !== e.savedRevision,
      canUndo: e.history.canUndo,
      canRedo: e.history.canRedo,
      applied,
    };
  }

  /** Sends an event to every window (document changes; other services' progress). */
  broadcast<E extends keyof EventMap>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}

/** Reads and decodes a subtitle file (opening it, or adding a language from it); bad input becomes one ApiError naming the file and line. */
async function readSubtitleFile(
  path: string, name: string, options?: ReadOptions, encoding?: string,
): Promise<ReturnType<typeof readSubtitleText> & { encoding: TextEncodingName; confidence: number }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ApiError('not-found', `${name}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const decoded = decodeBytes(bytes, encoding);
    return { ...readSubtitleText(decoded.text, name, options), encoding: decoded.encoding, confidence: decoded.confidence };
  } catch (error) {
    if (error instanceof FormatError) throw new ApiError('bad-request', `${name}:${error.line}: ${error.message}`);
    throw error;
  }
}

/** The encoding an export is written in; an unknown name is the caller's to fix. */
function exportEncodingFor(options: ExportOptions, source: TextEncodingName, requested: string | undefined): TextEncodingName {
  if (requested === undefined) return exportEncoding(options.format, source, options.bom ? 'UTF-8 with BOM' : undefined);
  const chosen = canonicalEncoding(requested);
  if (!chosen) throw new ApiError('bad-request', `unknown encoding "${requested}"`);
  return exportEncoding(options.format, source, chosen);
}

/**
 * Runs domain work whose expected failures (an operation, command or export that cannot apply to this document)
 * are the caller's to fix: they become ApiError('bad-request') with their message; anything else is a bug.
 */
function callersFault<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof OperationError || error instanceof CommandError || error instanceof ExportError) {
      throw new ApiError('bad-request', error.message);
    }
    throw error;
  }
}
