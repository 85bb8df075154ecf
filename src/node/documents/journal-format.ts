/**
 * What the recovery journal keeps on disk, and how it is read back. A journal is two files per document:
 * `<id>.json`, a snapshot of the document (and its undo history and file facts), and `<id>.log`, one JSON
 * record per line for each change since that snapshot. The log's first line names the snapshot generation it
 * follows, so a crash between writing a new snapshot and emptying the log never replays a change twice.
 * Reading never throws for a damaged log: it keeps the records up to the last good line.
 */
import { z } from 'zod';
import type { HistoryData } from '../../shared/history';
import type { Problem, SubtitleDocument } from '../../shared/model';
import type { Operation } from '../../shared/operations';

export const JOURNAL_VERSION = 1;

/** The facts about a document's files that `state()` and Save need after a restore. */
export interface JournalMeta {
  displayName: string;
  projectPath: string | null;
  /** The project file as last read or written, so a restored document still notices a change on disk. */
  projectStamp: { size: number; mtimeMs: number; hash?: string } | null;
  sourcePath: string | null;
  readPath: string;
  baseDir: string;
  format: string;
  encoding: string;
  encodingConfidence: number;
  mediaPath: string | null;
  openOptions: { asCopy?: boolean; displayName?: string; encoding?: string };
  problems: Problem[];
}

/** A document as the journal restores it: everything but its runtime handles (media tokens). */
export interface JournalState {
  meta: JournalMeta;
  doc: SubtitleDocument;
  history: HistoryData;
  revision: number;
  savedRevision: number;
}

export interface JournalSnapshot extends JournalState {
  version: typeof JOURNAL_VERSION;
  generation: number;
  /** Process id of the writer: a journal of another running Duosub is not offered for recovery. */
  owner: number;
  /** When the snapshot was taken (ms since the epoch). */
  modified: number;
}

/** One change after the snapshot; `rev` is the document's revision after it, `time` when it happened. */
export type JournalRecord =
  | { k: 'apply'; op: Operation; time: number; rev: number }
  | { k: 'undo' | 'redo'; time: number; rev: number };

export interface LoadedJournal {
  id: string;
  snapshot: JournalSnapshot;
  records: JournalRecord[];
  /** The log had lines that could not be read (a crash mid-write, damage): restored up to the last good one. */
  damaged: boolean;
}

export function snapshotFile(dir: string, id: string): string {
  return `${dir}/${id}.json`;
}

export function logFile(dir: string, id: string): string {
  return `${dir}/${id}.log`;
}

/** Journal ids are ours (hex); anything else in the folder is not a journal. */
export const JOURNAL_ID = /^[0-9a-f]{16,64}$/;

const count = z.number().int().min(0);
const problem = z.object({ line: z.number(), message: z.string(), severity: z.enum(['error', 'warning']) });
const meta = z.object({
  displayName: z.string(),
  projectPath: z.string().nullable(),
  projectStamp: z.object({ size: z.number(), mtimeMs: z.number(), hash: z.string().optional() }).nullable(),
  sourcePath: z.string().nullable(),
  readPath: z.string(),
  baseDir: z.string(),
  format: z.string(),
  encoding: z.string(),
  encodingConfidence: z.number(),
  mediaPath: z.string().nullable(),
  openOptions: z.object({ asCopy: z.boolean().optional(), displayName: z.string().optional(), encoding: z.string().optional() }),
  problems: z.array(problem),
});
// Operations and documents are checked by applying them (the same code that made them); the shape here is the frame.
const operation = z.custom<Operation>((v) => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string');
const entry = z.object({ op: operation, inverse: operation, time: z.number() });
const document = z.object({
  languages: z.array(z.object({ code: z.string(), name: z.string() })),
  cues: z.array(z.object({ id: z.string(), start: z.number(), end: z.number(), text: z.record(z.string(), z.string()) }).passthrough()),
  speakers: z.array(z.unknown()),
  chapters: z.array(z.unknown()),
  media: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
}).passthrough();
const snapshot = z.object({
  version: z.literal(JOURNAL_VERSION),
  generation: count,
  owner: z.number().int(),
  modified: z.number(),
  meta,
  doc: document,
  history: z.object({ undo: z.array(entry), redo: z.array(entry) }),
  revision: count,
  savedRevision: count,
});
const record = z.discriminatedUnion('k', [
  z.object({ k: z.literal('apply'), op: operation, time: z.number(), rev: count }),
  z.object({ k: z.enum(['undo', 'redo']), time: z.number(), rev: count }),
]);
const header = z.object({ g: count });

/** Reads a snapshot file's text; a bad one throws (the journal cannot be restored, only discarded). */
export function parseSnapshot(text: string): JournalSnapshot {
  return snapshot.parse(JSON.parse(text)) as unknown as JournalSnapshot;
}

/**
 * The records of a log that follow snapshot generation `generation`, up to the first line that cannot be read.
 * A log of another generation is an old one the new snapshot already holds: no records.
 */
export function parseLog(text: string, generation: number): { records: JournalRecord[]; damaged: boolean } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return { records: [], damaged: false };
  const head = header.safeParse(safeJson(lines[0]));
  if (!head.success) return { records: [], damaged: true };
  if (head.data.g !== generation) return { records: [], damaged: false };
  const records: JournalRecord[] = [];
  for (const line of lines.slice(1)) {
    const parsed = record.safeParse(safeJson(line));
    if (!parsed.success) return { records, damaged: true };
    records.push(parsed.data as JournalRecord);
  }
  return { records, damaged: false };
}

/**
 * A snapshot's JSON in parts: the long arrays (cues, undo and redo steps) a slice at a time, so that writing a
 * 100,000-cue document does not stop main for one long stringify. Joined, the parts are `JSON.stringify(snapshot)`
 * up to key order.
 */
export function* snapshotParts(snapshot: JournalSnapshot): Generator<string> {
  const { doc, history, ...head } = snapshot;
  const { cues, ...docHead } = doc;
  yield `${JSON.stringify(head).slice(0, -1)},"doc":${JSON.stringify(docHead).slice(0, -1)},"cues":`;
  yield* arrayParts(cues);
  yield '},"history":{"undo":';
  yield* arrayParts(history.undo);
  yield ',"redo":';
  yield* arrayParts(history.redo);
  yield '}}';
}

function* arrayParts(items: readonly unknown[], slice = 500): Generator<string> {
  yield '[';
  for (let i = 0; i < items.length; i += slice) {
    const json = JSON.stringify(items.slice(i, i + slice));
    yield `${i > 0 ? ',' : ''}${json.slice(1, -1)}`;
  }
  yield ']';
}

export function logHeader(generation: number): string {
  return `${JSON.stringify({ g: generation })}\n`;
}

export function recordLine(entry: JournalRecord): string {
  return `${JSON.stringify(entry)}\n`;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
