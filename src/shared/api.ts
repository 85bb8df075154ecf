/**
 * The API contract between the renderer and main: one table, channel → zod schema of the arguments →
 * result type. The preload bridge, the main-process handlers and the browser transport all derive from it.
 */
import { z } from 'zod';
import type { Operation } from './operations';
import { editCommand, editSettingsSchema, type EditSettings } from './commands/schema';
import type { ExportOptions } from './formats/export';
import { EXPORT_FORMATS } from './formats/types';
import { MAX_TIME_MS, type Problem, type SubtitleDocument } from './model';
import { isLanguageCode, MAX_LANGUAGE_NAME } from './operations-languages';
import type { PairReport } from './pairing';

const id = z.string().min(1).max(200);
const lang = z.string().min(1).max(35);
const ms = z.number().int().min(0).max(MAX_TIME_MS);
const text = z.string().max(1_000_000);
/** A language code a document may take on: BCP 47-ish, never a key plain objects already have (`toString` …). */
const languageCode = z.string().min(1).max(35).refine(isLanguageCode, 'not a language code (e.g. zh-Hans, en, en-GB)');
const languageName = z.string().max(MAX_LANGUAGE_NAME);

const operation: z.ZodType<Operation> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('setText'), cueId: id, lang, text }).strict(),
    z.object({ type: z.literal('setTimes'), cueId: id, start: ms, end: ms }).strict(),
    z.object({ type: z.literal('batch'), ops: z.array(operation).max(100_000) }).strict(),
    z.object({ type: z.literal('renameLanguage'), code: lang, name: languageName }).strict(),
    z.object({ type: z.literal('changeLanguageCode'), from: lang, to: languageCode, name: languageName.optional() }).strict(),
    z.object({ type: z.literal('setLanguageOrder'), codes: z.array(lang).min(1).max(10) }).strict(),
    z.object({ type: z.literal('removeLanguage'), code: lang }).strict(),
    /**
     * The document settings a view may change directly (one undo step each); absent value = remove the key.
     * frameRate: frames per second (src/shared/frames.ts); linesPerLanguage: the bilingual layout, 1 or 2
     * (src/shared/qc/line-budget.ts; other numbers are ignored there).
     */
    z.object({ type: z.literal('setMetadata'), key: z.enum(['frameRate', 'linesPerLanguage']), value: z.number().positive().max(1000).optional() }).strict(),
  ]),
);

/** Where a file to open comes from. The renderer never names a path except a dropped file's (Electron). */
const fileSource = z.discriminatedUnion('kind', [
  /** A native open dialog (Electron only). */
  z.object({ kind: z.literal('dialog') }).strict(),
  /** A file the browser uploaded to the server first (browser mode only). */
  z.object({ kind: z.literal('upload'), uploadId: id }).strict(),
  /** A file dropped on the window; the preload resolved its path (Electron only). */
  z.object({ kind: z.literal('dropped'), path: z.string().min(1).max(4096) }).strict(),
]);
export type FileSource = z.infer<typeof fileSource>;

const docRef = z.object({ docId: id }).strict();

export interface MediaInfo {
  /** Opaque token that names the media in URLs; never a path. */
  token: string;
  fileName: string;
  /** Duration in ms. */
  duration: number;
  /** Audio only, or with a video stream (the window shows a preview). Absent = audio. */
  kind?: 'audio' | 'video';
  /** Video frame size, when there is video. */
  width?: number;
  height?: number;
  /** Token of what the media element plays: the file itself, or a playable proxy made by ffmpeg (null while it is being made). */
  playToken?: string | null;
  // Current cue fields (issue 13): the video's frame rate, offered as "from the video" for the document's frame rate.
  /** Frames per second of the video stream, when there is one and ffmpeg reports it. */
  frameRate?: number;
}

export interface Peaks {
  /** Peak pairs per second of audio. */
  peaksPerSecond: number;
  /** Duration in ms. */
  duration: number;
  /** Interleaved min/max pairs, normalised to -1…1. */
  data: number[];
}

// --- Undo that reads well (issue 13): step labels, the History list, jumping to a step ---
/** The names of the steps undo and redo would take next (null: nothing to undo / redo). */
export interface StepLabels {
  undoLabel?: string | null;
  redoLabel?: string | null;
}

/** One undo step in the History list. */
export interface HistoryStep {
  label: string;
  /** When it was made or last extended (ms since the epoch; 0 for a redone step). */
  time: number;
}

/** The History list: steps nearest the current state first (capped), and how many each stack holds in all. */
export interface HistoryList {
  docId: string;
  revision: number;
  undo: HistoryStep[];
  redo: HistoryStep[];
  undoCount: number;
  redoCount: number;
}
// --- end undo that reads well ---

export interface DocumentState extends StepLabels {
  docId: string;
  doc: SubtitleDocument;
  revision: number;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Name (not path) of the file the document was opened from or saved to. */
  fileName: string | null;
  /** Format the document was read from (`duosub`, `srt`, `transcript`). */
  format: string;
  /** Whether Save writes the project file without asking where. */
  hasProjectFile: boolean;
  media: MediaInfo | null;
  /** Problems the reader found in the file. */
  problems: Problem[];
  /** The encoding the source file was read in (`UTF-8`, `GB18030`, `Big5` …); exports default to it. */
  encoding?: string;
  /** How sure the detection was, 0–1 (1: a BOM, valid UTF-8, or chosen by the user). */
  encodingConfidence?: number;
}

/** What changed after apply, undo or redo (with the labels of the next undo and redo steps). */
export interface EditResult extends StepLabels {
  docId: string;
  revision: number;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** The operation that main applied (for undo/redo, the inverse it ran), or null when nothing happened. */
  applied: Operation | null;
}

/** What a command did: the edit result, the undo step's name, and the cues to select afterwards. */
export interface CommandResult extends EditResult {
  label: string;
  select: string[] | null;
}

/** A language added from a file: the edit (one undo step), the code it got, and how its cues paired. */
export interface AddLanguageResult extends EditResult {
  lang: string;
  fileName: string;
  report: PairReport;
  /** Lines of the added file its reader skipped or repaired. */
  problems: Problem[];
}

export interface SaveResult {
  fileName: string;
  revision: number;
  dirty: boolean;
  // Media that stays linked (issue 13): where the project was written, so "Save As" can say it (browser mode picks
  // the folder itself). Optional: results made before it, and by tests' stand-ins, lack it.
  path?: string;
}

/** Unsaved work the journal kept from an earlier run (or a crash), offered for recovery at start. */
export interface RecoveryEntry {
  /** The journal's id (not a document id: restoring opens a new document). */
  id: string;
  /** The name the document showed (its project or source file, or the sample's name). */
  fileName: string;
  /** The full path of the file it was opened from or saved to, for the user to see; null for samples and uploads. */
  path: string | null;
  /** When the last edit was journalled (ms since the epoch). */
  modified: number;
  /** Changes not saved since the last save or open (each journalled edit: a typed word may be several). */
  edits: number;
  cues: number;
}

/** Which ffmpeg media work uses, and where it came from; `warning` says when it is the old npm build. */
export interface FfmpegInfo {
  path: string | null;
  source: 'settings' | 'system' | 'bundled' | null;
  version: string | null;
  warning: string | null;
}

export interface ExportResult {
  fileName: string;
  /** The export's text ('' when `unencodable`). */
  text: string;
  /** The encoding the file is written in (`UTF-8` unless the source's or the chosen one is another). */
  encoding?: string;
  /** The file's bytes, base64, when the encoding is not UTF-8: write these, not the text. */
  base64?: string;
  /** The chosen encoding cannot hold a character: nothing to write; the first cue holding it. */
  unencodable?: UnencodableReport;
}

/** What the renderer asks an export for: the options, and the encoding to write (default: the source file's). */
export type ExportRequest = ExportOptions & { encoding?: string };

/** A character an export's encoding cannot hold, and the first cue (1-based number, language) that holds it. */
export interface UnencodableReport {
  cue: number | null;
  lang: string | null;
  char: string;
  encoding: string;
  message: string;
}

/** The source file read in another encoding: its first lines, and whether all of it reads. */
export interface EncodingPreview {
  encoding: string;
  lines: string[];
  /** Why the file cannot be read in this encoding (with the line), or null. */
  error: string | null;
}

/** An encoding name as the channels take it (any spelling; main checks it). */
const encodingName = z.string().min(1).max(40);

/** A channel: the schema of its argument object and (as a phantom) the type of its result. */
interface Channel<A extends z.ZodType, R> {
  args: A;
  result?: R;
}
function channel<R>() {
  return <A extends z.ZodType>(args: A): Channel<A, R> => ({ args });
}

export const contract = {
  'session.initial': channel<DocumentState>()(z.object({}).strict()),
  'doc.get': channel<DocumentState>()(docRef),
  'doc.openSample': channel<DocumentState>()(z.object({ which: z.enum(['excerpt', 'transcript']) }).strict()),
  /** Resolves to null when the user cancelled the dialog. */
  'doc.open': channel<DocumentState | null>()(z.object({ source: fileSource }).strict()),
  'doc.apply': channel<EditResult>()(z.object({ docId: id, op: operation }).strict()),
  /** Plans an edit command (split, merge, shift, …) against main's document and applies it as one undo step. */
  'doc.command': channel<CommandResult>()(z.object({ docId: id, command: editCommand }).strict()),
  /**
   * Stops a running regex replace-all (it runs with a time budget off main's thread): its doc.command then fails
   * with code 'cancelled'. Resolves to whether one was running.
   */
  'doc.cancelReplace': channel<{ cancelled: boolean }>()(docRef),
  /** Reads a file (like doc.open) and pairs its cues into the document as a new language; null when cancelled. */
  'doc.addLanguage': channel<AddLanguageResult | null>()(
    z.object({ docId: id, source: fileSource, lang: languageCode.optional() }).strict(),
  ),
  'doc.undo': channel<EditResult>()(docRef),
  'doc.redo': channel<EditResult>()(docRef),
  // Undo that reads well (issue 13): the History list, and jumping to one of its steps.
  /** The undo history, nearest steps first: `limit` of each stack at most (default 200). */
  'doc.history': channel<HistoryList>()(z.object({ docId: id, limit: z.number().int().min(1).max(10_000).optional() }).strict()),
  /** Undoes `steps` steps (negative: redoes −steps) as one request; `applied` is a batch of everything it ran. */
  'doc.undoTo': channel<EditResult>()(z.object({ docId: id, steps: z.number().int().min(-100_000).max(100_000) }).strict()),
  /**
   * Saves to the project file; a document without one needs saveAs. A file changed on disk since it was read fails
   * with code 'conflict' unless `force` (the user chose "keep mine").
   */
  'doc.save': channel<SaveResult>()(z.object({ docId: id, force: z.boolean().optional() }).strict()),
  /**
   * Electron asks with a dialog (null when cancelled); browser mode saves `fileName` beside the source file and
   * fails with code 'exists' when that file exists, unless `overwrite` (the user confirmed replacing it).
   */
  'doc.saveAs': channel<SaveResult | null>()(
    z.object({ docId: id, fileName: z.string().min(1).max(255).optional(), overwrite: z.boolean().optional() }).strict(),
  ),
  /** Forgets an open document (its journal too): the window opened another, or the user chose "don't save". */
  'doc.close': channel<{ closed: boolean }>()(docRef),
  /** Reads the document's file again from disk ("reload theirs"): a new document; the old one is closed. */
  'doc.revert': channel<DocumentState>()(docRef),
  /** Unsaved work kept by the journal from an earlier run, newest first (empty when there is none). */
  'recovery.list': channel<RecoveryEntry[]>()(z.object({}).strict()),
  /** Opens a journalled document as it was, with its undo history; it becomes the window's document. */
  'recovery.restore': channel<DocumentState>()(z.object({ id }).strict()),
  /** Deletes a journal the user chose not to restore. */
  'recovery.discard': channel<{ discarded: boolean }>()(z.object({ id }).strict()),
  /** Shows the journalled document's file in the system's file manager (Electron; browser mode: 'unsupported'). */
  'recovery.reveal': channel<{ revealed: boolean }>()(z.object({ id }).strict()),
  /** Which ffmpeg media work uses (Settings shows it, and warns about the old npm build). */
  'media.ffmpegInfo': channel<FfmpegInfo>()(z.object({}).strict()),
  /** Renders an export (one language, or bilingual without `lang`); never changes the document. */
  'doc.export': channel<ExportResult>()(
    z.object({
      docId: id,
      format: z.enum(EXPORT_FORMATS),
      lang: lang.optional(),
      order: z.array(lang).max(10).optional(),
      bom: z.boolean().optional(),
      lineEnding: z.enum(['lf', 'crlf']).optional(),
      /** Bilingual subtitle exports: each language re-broken to one line, or to at most two (absent: as written). */
      linesPerLanguage: z.union([z.literal(1), z.literal(2)]).optional(),
      /** Written for an empty text ("…", "[untranslated]"); the cue is kept either way. One line. */
      emptyText: z.string().max(100).refine((t) => !/[\r\n]/.test(t), 'the placeholder must be one line').optional(),
      /** Default: the source file's encoding where the format allows it (UTF-8 with BOM when `bom`), else UTF-8. */
      encoding: encodingName.optional(),
    }).strict(),
  ),
  /** The document's source file read in `encoding`: its first lines, for the re-open dialog. */
  'doc.encodingPreview': channel<EncodingPreview>()(z.object({ docId: id, encoding: encodingName }).strict()),
  /** Reads the document's source file again in `encoding`: a new document (the old one's edits are dropped). */
  'doc.reopenWithEncoding': channel<DocumentState>()(z.object({ docId: id, encoding: encodingName }).strict()),
  /** Attaches media to the document; null when the dialog was cancelled. */
  'media.open': channel<MediaInfo | null>()(z.object({ docId: id, source: fileSource }).strict()),
  /** The document's peaks: from the disk cache at once, or decoded (chunks arrive as `media.peaksProgress` events meanwhile). */
  'media.peaks': channel<Peaks | null>()(docRef),
  /** Stops a running decode of the document's media (the peaks call then fails with a 'cancelled' message). */
  'media.cancelPeaks': channel<{ cancelled: boolean }>()(docRef),
  /** Auto-time cues against the document's media (forced alignment, offline); progress and the end come as events. */
  'align.start': channel<{ jobId: string }>()(
    z.object({ docId: id, cueIds: z.union([z.array(id).min(1).max(100_000), z.literal('all')]), spokenLang: lang }).strict(),
  ),
  'align.cancel': channel<{ cancelled: boolean }>()(z.object({ jobId: id }).strict()),
  'settings.get': channel<EditSettings>()(z.object({}).strict()),
  'settings.update': channel<EditSettings>()(editSettingsSchema.partial().strict()),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ArgsOf<C extends ChannelName> = z.infer<Contract[C]['args']>;
export type ResultOf<C extends ChannelName> = Exclude<Contract[C]['result'], undefined>;

/** The typed API as the renderer sees it: one async method per channel. */
export type DuosubApi = {
  [C in ChannelName]: (args: ArgsOf<C>) => Promise<ResultOf<C>>;
};

/** Events main broadcasts to every window. */
export interface EventMap {
  /** A document changed (an edit from another window, an undo, media attached). */
  'doc.changed': EditResult;
  'media.attached': { docId: string; media: MediaInfo };
  /** Main saved the document on its own (autosave), or tried and failed (`error` set; the document stays dirty). */
  'doc.saved': { docId: string; fileName: string; revision: number; dirty: boolean; auto: boolean; error: string | null };
  'align.progress': { jobId: string; docId: string; fraction: number; stage: string };
  /** A chunk of peaks while decoding: `data` holds interleaved min/max pairs starting at pair `start`. */
  'media.peaksProgress': { token: string; peaksPerSecond: number; start: number; data: number[]; fraction: number; duration: number };
  /** The playable proxy of a media the page cannot play is ready (or failed: `playToken` null, `error` set). */
  'media.proxyReady': { docId: string; token: string; playToken: string | null; error: string | null };
  /** The job ended: applied as one undo step (`result`), failed (`error`), or cancelled. */
  /**
   * `reviews`: the cues auto-time selected for review, in order, each with the reason shown to the user and the
   * texts it was given (a view lists it while the cue still has them: an undo or a fix takes it off the list).
   */
  'align.finished': {
    jobId: string; docId: string; result: CommandResult | null; error: string | null; cancelled: boolean;
    reviews: Array<{ cueId: string; reason: string; text: Record<string, string> }>;
  };
}
export type EventName = keyof EventMap;

export const channelNames = Object.keys(contract) as ChannelName[];

export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** An error a handler reports to the caller as a message, not a crash. */
export class ApiError extends Error {
  constructor(
    readonly code: 'bad-request' | 'not-found' | 'conflict' | 'exists' | 'unsupported' | 'failed' | 'too-large' | 'timeout' | 'cancelled',
    message: string,
  ) {
    super(message);
  }
}

/** Deeper than any request the app makes (a batch holds operations, not batches of batches of …). */
export const MAX_ARGS_DEPTH = 32;

/** Whether `value` has objects or arrays nested deeper than `max`; iterative, so no input can overflow the stack. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Validates a raw argument object for a channel; throws ApiError('bad-request') naming the first problem. */
export function parseArgs<C extends ChannelName>(name: C, raw: unknown): ArgsOf<C> {
  // The batch schema is recursive: a deeply nested value would overflow zod's stack (over IPC as over the socket).
  if (nestedDeeperThan(raw, MAX_ARGS_DEPTH)) throw new ApiError('bad-request', `${name}: arguments nested deeper than ${MAX_ARGS_DEPTH} levels`);
  const result = contract[name].args.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ApiError('bad-request', `${name}: ${issue.path.join('.') || 'arguments'}: ${issue.message}`);
  }
  return result.data as ArgsOf<C>;
}

/**
 * A failed request as both transports carry it (Electron IPC would flatten a thrown error to a string): the
 * ApiError's code ('failed' for any other error) and the message.
 */
export interface WireError {
  code: string;
  message: string;
}

export function wireError(error: unknown): WireError {
  return { code: error instanceof ApiError ? error.code : 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** The rejected request as the renderer sees it, from either transport: an Error with the code dialogs branch on. */
export function errorFromWire(error: WireError): Error & { code: string } {
  return Object.assign(new Error(error.message), { code: error.code });
}

/** The wire format of the browser transport (WebSocket, JSON). */
export type WireRequest = { id: number; channel: string; args: unknown };
export type WireResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: WireError };
export type WireEvent = { event: EventName; payload: unknown };

/** The commands of the desktop app's menu, which main sends to the window. */
export const MENU_COMMANDS = [
  'open', 'openSampleTranscript', 'openMedia', 'addLanguage', 'reopenWithEncoding',
  'save', 'saveAs', 'exportSrt', 'undo', 'redo',
  'history', // View → History: the undo history list (src/renderer/src/history)
  'goTo', 'togglePin', // Edit → Go To… / Pin: issue 13's current-cue work (src/renderer/src/goto)
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** What the preload exposes as `window.duosub`, and what the browser transport builds in its place. */
export interface DuosubBridge {
  api: DuosubApi;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** URL the media element plays, from the media token. */
  mediaUrl(token: string): string;
  /** 'electron' or 'browser': what file access looks like differs. */
  mode: 'electron' | 'browser';
  /** Electron only: the path of a dropped File, resolved in the preload. */
  pathForFile?(file: unknown): string;
  /** Electron only: the menu's commands. */
  onCommand?(listener: (command: MenuCommand) => void): () => void;
}
