/**
 * One undo/redo history per document, across every language and every kind of edit.
 * Consecutive typing in the same cue and language coalesces into word-sized steps, and consecutive nudges of the
 * same cues into one step. Every step has a label for the user ("Nudge start of cue 12 by +0.300 s").
 * Capped by count and by an estimate of its size, oldest steps dropped first; serialisable for the journal.
 * Coalescing depends only on (op, inverse, time), all journalled, so a replayed journal rebuilds the same steps.
 */
import { applyOperation, type Operation } from './operations';
import type { SubtitleDocument } from './model';
import { signedSeconds } from './plan/labels';

export interface HistoryEntry {
  /** What was done (redo applies it). */
  op: Operation;
  /** What undoes it. */
  inverse: Operation;
  /** Milliseconds since the epoch when the entry was last extended. */
  time: number;
}

/** Both stacks, oldest first, as plain data (the recovery journal keeps it beside a snapshot). */
export interface HistoryData {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

/** Typing pauses longer than this start a new undo step. */
export const COALESCE_MS = 1500;

/** Nudges (and edge moves) of the same cues further apart than this are separate undo steps. */
export const NUDGE_MERGE_MS = 1000;

export interface HistoryLimits {
  /** Most undo steps kept. */
  count?: number;
  /** Most bytes (estimated as JSON) of operations and inverses kept across both stacks. */
  bytes?: number;
}

export const DEFAULT_HISTORY_LIMITS: Required<HistoryLimits> = { count: 1000, bytes: 64 * 1024 * 1024 };

interface Sized extends HistoryEntry {
  size: number;
}

export class History {
  private undoStack: Sized[] = [];
  private redoStack: Sized[] = [];
  private bytes = 0;
  private readonly limits: Required<HistoryLimits>;

  /** A number is the count limit (as before); an object sets either limit. */
  constructor(limits: number | HistoryLimits = {}) {
    const given = typeof limits === 'number' ? { count: limits } : limits;
    this.limits = { ...DEFAULT_HISTORY_LIMITS, ...given };
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  get undoCount(): number {
    return this.undoStack.length;
  }

  get redoCount(): number {
    return this.redoStack.length;
  }

  /** The step undo would take back, and the one redo would do again (undefined when there is none). */
  peek(direction: 'undo' | 'redo'): HistoryEntry | undefined {
    return (direction === 'undo' ? this.undoStack : this.redoStack).at(-1);
  }

  /** Up to `limit` steps of one stack, nearest the current state first (for the History list). */
  nearest(direction: 'undo' | 'redo', limit: number): HistoryEntry[] {
    const stack = direction === 'undo' ? this.undoStack : this.redoStack;
    return stack.slice(Math.max(0, stack.length - limit)).reverse();
  }

  /** The estimated size of what the history holds, in bytes. */
  get estimatedBytes(): number {
    return this.bytes;
  }

  /** Records an applied operation; a typing step may extend the previous entry instead of adding one. */
  record(op: Operation, inverse: Operation, time = Date.now()): void {
    this.dropRedo();
    const last = this.undoStack.at(-1);
    const merged = last && (canCoalesce(last, op, time) ? op : mergedTiming(last, op, time));
    if (last && merged) {
      const size = estimateOperationBytes(merged) + estimateOperationBytes(last.inverse);
      this.bytes += size - last.size;
      this.undoStack[this.undoStack.length - 1] = { op: merged, inverse: last.inverse, time, size };
      return;
    }
    const size = estimateOperationBytes(op) + estimateOperationBytes(inverse);
    this.undoStack.push({ op, inverse, time, size });
    this.bytes += size;
    this.trim();
  }

  /** Undoes the last step; returns the new document and the operation that was applied, or null. */
  undo(doc: SubtitleDocument): { doc: SubtitleDocument; applied: Operation } | null {
    const entry = this.undoStack.pop();
    if (!entry) return null;
    const result = applyOperation(doc, entry.inverse);
    this.redoStack.push(entry);
    return { doc: result.doc, applied: entry.inverse };
  }

  redo(doc: SubtitleDocument): { doc: SubtitleDocument; applied: Operation } | null {
    const entry = this.redoStack.pop();
    if (!entry) return null;
    const result = applyOperation(doc, entry.op);
    // A redone step never coalesces with later typing: give it time 0.
    this.undoStack.push({ ...entry, time: 0 });
    return { doc: result.doc, applied: entry.op };
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.bytes = 0;
  }

  /** Both stacks as plain data; entries are immutable, so this copies two arrays and nothing else. */
  toJSON(): HistoryData {
    return { undo: this.undoStack.map(plain), redo: this.redoStack.map(plain) };
  }

  /** A history from `toJSON()` output; it behaves as the original (coalescing included). */
  static fromJSON(data: HistoryData, limits?: number | HistoryLimits): History {
    const history = new History(limits);
    const sized = (e: HistoryEntry): Sized => ({ ...e, size: estimateOperationBytes(e.op) + estimateOperationBytes(e.inverse) });
    history.undoStack = data.undo.map(sized);
    history.redoStack = data.redo.map(sized);
    history.bytes = [...history.undoStack, ...history.redoStack].reduce((sum, e) => sum + e.size, 0);
    history.trim();
    return history;
  }

  private dropRedo(): void {
    for (const entry of this.redoStack) this.bytes -= entry.size;
    this.redoStack = [];
  }

  /** Drops the oldest undo steps until both limits hold; the newest step always stays. */
  private trim(): void {
    let drop = 0;
    while (
      this.undoStack.length - drop > 1
      && (this.undoStack.length - drop > this.limits.count || this.bytes > this.limits.bytes)
    ) {
      this.bytes -= this.undoStack[drop].size;
      drop++;
    }
    if (drop > 0) this.undoStack = this.undoStack.slice(drop);
  }
}

function plain({ op, inverse, time }: Sized): HistoryEntry {
  return { op, inverse, time };
}

/** Fixed cost of an operation's JSON beside its strings (keys, ids, numbers). */
const OP_OVERHEAD = 80;

/**
 * Bytes an operation takes as JSON, roughly (strings counted as UTF-8 at worst 3 bytes a unit). Cheap for the
 * per-keystroke setText; structural operations are walked, which costs what applying them cost anyway.
 */
export function estimateOperationBytes(op: Operation): number {
  switch (op.type) {
    case 'setText':
      return OP_OVERHEAD + 3 * (op.text.length + op.cueId.length + op.lang.length);
    case 'setTimes':
    case 'setPinned':
    case 'setTiming':
    case 'deleteCue':
    case 'removeSpeaker':
      return OP_OVERHEAD;
    case 'batch':
      return op.ops.reduce((sum, child) => sum + estimateOperationBytes(child), OP_OVERHEAD);
    default:
      return OP_OVERHEAD + estimateValueBytes(op);
  }
}

/** A walk of a plain value: strings at 3 bytes a unit, everything else a few bytes. */
function estimateValueBytes(value: unknown): number {
  if (typeof value === 'string') return 3 * value.length + 2;
  if (value === null || typeof value !== 'object') return 8;
  let sum = 2;
  if (Array.isArray(value)) {
    for (const item of value) sum += estimateValueBytes(item) + 1;
    return sum;
  }
  for (const key of Object.keys(value)) sum += key.length + 3 + estimateValueBytes((value as Record<string, unknown>)[key]);
  return sum;
}

/**
 * Typing in one cue's text coalesces while it continues the same word: the new text extends or
 * shortens the previous one by a short edit, within COALESCE_MS, and no word boundary was just typed.
 * Text committed by an input method (Han, kana, hangul) is a step of its own: it neither joins the
 * typing before it nor lets the typing after it join, so one undo removes exactly one commit.
 */
function canCoalesce(last: HistoryEntry, op: Operation, time: number): boolean {
  if (op.type !== 'setText' || last.op.type !== 'setText' || last.inverse.type !== 'setText') return false;
  if (op.cueId !== last.op.cueId || op.lang !== last.op.lang) return false;
  if (time - last.time > COALESCE_MS || last.time === 0) return false;
  const before = last.op.text;
  const after = op.text;
  if (Math.abs(after.length - before.length) > 2) return false;
  const inserted = insertedText(before, after);
  // A step ends at a word boundary: whitespace or punctuation typed after the previous text.
  if (/[\s.,!?;:，。！？；：、]/u.test(inserted)) return false;
  return !IME_COMMITTED.test(inserted) && !IME_COMMITTED.test(insertedText(last.inverse.text, before));
}

/** Scripts typed through an input method's commit: Han ideographs, kana, hangul, CJK symbols and full-width forms. */
const IME_COMMITTED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** What `after` inserted into `before` at their first difference (empty for a pure deletion). */
function insertedText(before: string, after: string): string {
  const common = commonPrefixLength(before, after);
  return after.slice(common, common + Math.max(0, after.length - before.length));
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Timing commands whose repeats merge, by the first word of their label: the nudge keys only. A time typed in the
 * current-cue fields or set at the playhead ("Set …") is a deliberate change, one undo step each.
 */
const MERGING_VERBS = ['Nudge '];

type SetTimes = Extract<Operation, { type: 'setTimes' }>;

/**
 * Consecutive nudges merge into the earlier step: both are labelled timing batches of the same command on the same
 * cues (labels equal up to the amount: "Nudge start of cue 12 by …"), each sets only times of exactly those cues,
 * and the later came within NUDGE_MERGE_MS. The later batch sets absolute times, so it alone redoes both; its
 * label's amount becomes the total. Null when the steps stay apart.
 */
function mergedTiming(last: HistoryEntry, op: Operation, time: number): Operation | null {
  if (last.time === 0 || time < last.time || time - last.time > NUDGE_MERGE_MS) return null;
  const before = timingBatch(last.op);
  const after = timingBatch(op);
  if (!before || !after) return null;
  const stem = labelStem(after.label);
  if (stem !== labelStem(before.label) || !sameCues(before.ops, after.ops)) return null;
  return { type: 'batch', ops: after.ops, label: totalLabel(stem, after, last.inverse) };
}

function timingBatch(op: Operation): { label: string; ops: SetTimes[] } | null {
  if (op.type !== 'batch' || op.label === undefined || !MERGING_VERBS.some((verb) => op.label!.startsWith(verb))) return null;
  if (op.ops.length === 0 || !op.ops.every((child) => child.type === 'setTimes')) return null;
  return { label: op.label, ops: op.ops as SetTimes[] };
}

/** A label without its amount: "Nudge start of cue 12" of "Nudge start of cue 12 by +0.100 s". */
function labelStem(label: string): string {
  const at = Math.max(label.lastIndexOf(' by '), label.lastIndexOf(' to '));
  return at > 0 ? label.slice(0, at) : label;
}

function sameCues(a: SetTimes[], b: SetTimes[]): boolean {
  if (a.length !== b.length) return false;
  const ids = new Set(a.map((o) => o.cueId));
  return ids.size === a.length && b.every((o) => ids.has(o.cueId));
}

/** A merged nudge names its total move (first cue's, measured from the original times): "… by +0.500 s". */
function totalLabel(stem: string, after: { label: string; ops: SetTimes[] }, original: Operation): string {
  if (!after.label.startsWith(`${stem} by `) || original.type !== 'batch') return after.label;
  const first = after.ops[0];
  const from = original.ops.find((o): o is SetTimes => o.type === 'setTimes' && o.cueId === first.cueId);
  if (!from) return after.label;
  const edge = stem.includes('end of') ? 'end' : 'start';
  return `${stem} by ${signedSeconds(first[edge] - from[edge])}`;
}

/** A cue's 1-based number in a document, or null when it is not there (a lookup table built on first use). */
export type CueNumbers = (cueId: string) => number | null;

export function cueNumbers(doc: SubtitleDocument): CueNumbers {
  let table: Map<string, number> | null = null;
  return (cueId) => {
    table ??= new Map(doc.cues.map((c, i) => [c.id, i + 1]));
    return table.get(cueId) ?? null;
  };
}

/** The step's name for the user: its command's label, else a description of the edit ("Type in cue 12 (en)"). */
export function stepLabel(entry: HistoryEntry, numbers: CueNumbers): string {
  return describeOperation(entry.op, entry.inverse, numbers);
}

function describeOperation(op: Operation, inverse: Operation, numbers: CueNumbers): string {
  const cue = (id: string) => {
    const n = numbers(id);
    return n === null ? 'a removed cue' : `cue ${n}`;
  };
  switch (op.type) {
    case 'batch':
      if (op.label !== undefined) return op.label;
      if (op.ops.length === 1 && inverse.type === 'batch' && inverse.ops.length === 1) return describeOperation(op.ops[0], inverse.ops[0], numbers);
      return `Edit (${op.ops.length} changes)`;
    case 'setText':
      return `Type in ${cue(op.cueId)} (${op.lang})`;
    case 'setTimes':
      return `${timesVerb(op, inverse)} ${cue(op.cueId)}`;
    case 'setSpeaker':
      return `Change the speaker of ${cue(op.cueId)}`;
    case 'setPinned':
      return `${op.pinned ? 'Pin' : 'Unpin'} ${cue(op.cueId)}`;
    case 'setTiming':
      return `${op.timing ? 'Record' : 'Clear'} the timing confidence of ${cue(op.cueId)}`;
    case 'setMetadata':
      return `Change ${op.key}`;
    case 'insertCue':
      return `Insert cue ${op.index + 1}`;
    case 'deleteCue':
      return 'Delete a cue';
    case 'putSpeaker':
      return `Change speaker ${op.speaker.name}`;
    case 'removeSpeaker':
      return 'Remove a speaker';
    case 'replaceContent':
      return op.label ?? 'Replace the document';
    case 'renameLanguage':
      return `Rename language ${op.code}`;
    case 'changeLanguageCode':
      return `Change language ${op.from} to ${op.to}`;
    case 'setLanguageOrder':
      return 'Reorder languages';
    case 'removeLanguage':
      return `Remove language ${op.code}`;
    case 'restoreLanguage':
      return `Restore language ${op.language.code}`;
  }
}

/** What a drag on the waveform did: moved one edge, or the whole cue. */
function timesVerb(op: SetTimes, inverse: Operation): string {
  if (inverse.type !== 'setTimes') return 'Change the times of';
  if (op.start === inverse.start) return 'Move the end of';
  if (op.end === inverse.end) return 'Move the start of';
  return 'Move';
}
