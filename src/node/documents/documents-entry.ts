/**
 * An open document as main holds it, and the few steps that change it (apply, undo, redo). The live service and
 * the journal's replay both go through these, so a restored document is the one that was being edited.
 */
import type { HistoryList, MediaInfo, StepLabels } from '../../shared/api';
import { cueNumbers, History, stepLabel, type CueNumbers, type HistoryEntry } from '../../shared/history';
import type { Problem, SubtitleDocument } from '../../shared/model';
import { applyOperation, type Operation } from '../../shared/operations';
import type { TextEncodingName } from '../../shared/encoding';
import type { JournalRecord, JournalState, LoadedJournal } from './journal-format';

/** What we remember of the project file when we read or wrote it: size and mtime, and a hash of its bytes. */
export interface ProjectStamp {
  size: number;
  mtimeMs: number;
  hash?: string;
}

export interface OpenOptions {
  /** Treat the file as a template: Save must ask where (bundled samples, uploads). */
  asCopy?: boolean;
  /** Display name when the path is a temporary one (uploads). */
  displayName?: string;
  /** Read in this encoding instead of the detected one (re-open with encoding). */
  encoding?: string;
}

export interface OpenDocument {
  id: string;
  /** The recovery journal that keeps this document's unsaved changes. */
  journalId: string;
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
  projectStamp: ProjectStamp | null;
  media: MediaInfo | null;
  mediaPath: string | null;
  /** The encoding the source file was read in (`UTF-8`, `GB18030` …), and how sure detection was (1 = certain). */
  encoding: TextEncodingName;
  encodingConfidence: number;
  /** Where the bytes were read from (also a sample's or an upload's path), and how: for re-opening in another encoding. */
  readPath: string;
  openOptions: OpenOptions;
}

export function isDirty(e: OpenDocument): boolean {
  return e.revision !== e.savedRevision;
}

/** Applies an operation and records it for undo; throws (changing nothing) when it cannot apply. */
export function applyToEntry(e: OpenDocument, op: Operation, time: number): void {
  const applied = applyOperation(e.doc, op);
  e.doc = applied.doc;
  e.history.record(op, applied.inverse, time);
  e.revision++;
}

/** Undoes or redoes one step; returns the operation it ran, or null when there was none. */
export function stepEntry(e: OpenDocument, direction: 'undo' | 'redo'): Operation | null {
  const result = e.history[direction](e.doc);
  if (!result) return null;
  e.doc = result.doc;
  e.revision++;
  return result.applied;
}

/** Undoes (steps > 0) or redoes (steps < 0) up to |steps| steps; `onStep` runs after each (to journal it). */
export function stepEntryBy(e: OpenDocument, steps: number, onStep: (direction: 'undo' | 'redo') => void): Operation[] {
  const direction = steps < 0 ? 'redo' : 'undo';
  const applied: Operation[] = [];
  for (let i = 0; i < Math.abs(steps); i++) {
    const op = stepEntry(e, direction);
    if (!op) break;
    applied.push(op);
    onStep(direction);
  }
  return applied;
}

/** The names of the next undo and redo steps, with cue numbers as the document has them now. */
export function stepLabelsOf(e: OpenDocument): Required<StepLabels> {
  // One lookup each: cheaper than a table on every keystroke of a long document.
  const numbers: CueNumbers = (cueId) => {
    const index = e.doc.cues.findIndex((c) => c.id === cueId);
    return index < 0 ? null : index + 1;
  };
  const label = (entry: HistoryEntry | undefined) => (entry ? stepLabel(entry, numbers) : null);
  return { undoLabel: label(e.history.peek('undo')), redoLabel: label(e.history.peek('redo')) };
}

/** The History list: up to `limit` steps of each stack, nearest the current state first. */
export function historyListOf(e: OpenDocument, limit: number): HistoryList {
  const numbers = cueNumbers(e.doc);
  const step = (entry: HistoryEntry) => ({ label: stepLabel(entry, numbers), time: entry.time });
  return {
    docId: e.id,
    revision: e.revision,
    undo: e.history.nearest('undo', limit).map(step),
    redo: e.history.nearest('redo', limit).map(step),
    undoCount: e.history.undoCount,
    redoCount: e.history.redoCount,
  };
}

/** The document's whole state for a journal snapshot: references only, serialised when written. */
export function captureState(e: OpenDocument): JournalState {
  return {
    meta: {
      displayName: e.displayName,
      projectPath: e.projectPath,
      projectStamp: e.projectStamp,
      sourcePath: e.sourcePath,
      readPath: e.readPath,
      baseDir: e.baseDir,
      format: e.format,
      encoding: e.encoding,
      encodingConfidence: e.encodingConfidence,
      mediaPath: e.mediaPath,
      openOptions: e.openOptions,
      problems: e.problems,
    },
    doc: e.doc,
    history: e.history.toJSON(),
    revision: e.revision,
    savedRevision: e.savedRevision,
  };
}

/**
 * A document rebuilt from a journal: its snapshot, then every record replayed through the live code paths. A
 * record that no longer applies (damage) ends the replay there: what came before is kept. Media is attached by
 * the caller (its token is a runtime handle).
 */
export function entryFromJournal(loaded: LoadedJournal, docId: string): { entry: OpenDocument; replayed: number; damaged: boolean } {
  const { snapshot } = loaded;
  const { meta } = snapshot;
  const entry: OpenDocument = {
    id: docId,
    journalId: loaded.id,
    doc: snapshot.doc,
    history: History.fromJSON(snapshot.history),
    revision: snapshot.revision,
    savedRevision: snapshot.savedRevision,
    format: meta.format,
    problems: meta.problems,
    sourcePath: meta.sourcePath,
    baseDir: meta.baseDir,
    displayName: meta.displayName,
    projectPath: meta.projectPath,
    projectStamp: meta.projectStamp,
    media: null,
    mediaPath: meta.mediaPath,
    encoding: meta.encoding as TextEncodingName,
    encodingConfidence: meta.encodingConfidence,
    readPath: meta.readPath,
    openOptions: meta.openOptions,
  };
  let replayed = 0;
  for (const record of loaded.records) {
    if (!replay(entry, record)) return { entry, replayed, damaged: true };
    replayed++;
  }
  // Never clean after a restore: the work is not in any file until the user saves it.
  if (entry.revision === entry.savedRevision) entry.savedRevision = -1;
  return { entry, replayed, damaged: loaded.damaged };
}

function replay(e: OpenDocument, record: JournalRecord): boolean {
  try {
    if (record.k === 'apply') applyToEntry(e, record.op, record.time);
    else if (stepEntry(e, record.k) === null) return false;
  } catch {
    return false;
  }
  e.revision = record.rev;
  return true;
}
