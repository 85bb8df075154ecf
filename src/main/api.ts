/**
 * The main-process side of the API contract: one handler per channel, every payload validated.
 * Both transports (Electron IPC and the browser-mode WebSocket) call `dispatch`.
 */
import { existsSync, lstatSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import {
  ApiError, isChannel, parseArgs, type ArgsOf, type ChannelName, type DocumentState, type EventName,
  type FileSource, type MediaInfo, type ResultOf, type SaveResult,
} from '../shared/api';
import { DocumentService } from './services/documents';
import { MediaService } from './services/media';
import { SettingsService } from './services/settings';
import { AlignmentService } from './services/alignment';
import { Journal } from './services/journal';
import { Autosave } from './services/documents-autosave';
import { ReplaceRunner } from './services/replace-runner';
import { userDataDir } from './services/settings';
import { projectFileName } from '../shared/formats/duosub';

export interface Platform {
  mode: 'electron' | 'browser';
  /** Native open dialog → absolute path or null (cancelled). Browser mode throws ApiError('unsupported'). */
  pickOpenPath(kind: 'document' | 'media'): Promise<string | null>;
  /** Native save dialog → absolute path or null. */
  pickSavePath(suggestedName: string): Promise<string | null>;
  /** Browser mode: the temp path of an upload by id, or null. Electron: always null. */
  uploadPath(uploadId: string): string | null;
  /** Browser mode: the original file name of an upload. */
  uploadName?(uploadId: string): string | null;
  /** Shows a file in the system's file manager (Electron); without it, recovery.reveal is 'unsupported'. */
  revealPath?(path: string): Promise<boolean>;
  /**
   * Electron: whether the user handed this path to the window (dropped it there). A dropped path it does not
   * grant, or any dropped path without it, is refused: the page never names a path of its own.
   */
  isGrantedPath?(path: string): boolean;
}

export interface Services {
  documents: DocumentService;
  media: MediaService;
  settings: SettingsService;
  alignment: AlignmentService;
  /** Where unsaved changes of every open document are kept until saved (recovery after a crash, hot exit). */
  journal: Journal;
  resourcesDir: string;
  /** Writes the journal's pending changes and stops media, alignment and replace work (on exit). */
  dispose(): Promise<void>;
}

export interface ServiceOptions {
  resourcesDir: string;
  cacheDir: string;
  /** `null` keeps settings in memory (tests). */
  settingsPath?: string | null;
  /** The recovery journal's folder; default `<user data>/recovery`. */
  dataDir?: string;
}

export function createServices(options: ServiceOptions): Services {
  const journal = new Journal(options.dataDir ?? join(userDataDir(), 'recovery'), {
    onError: (error) => console.error(`Duosub: could not write the recovery journal: ${error.message}`),
  });
  const replaceRunner = new ReplaceRunner();
  const documents = new DocumentService({ journal, replacePlanner: replaceRunner });
  const media = new MediaService({
    cacheDir: options.cacheDir,
    onProgress: (token, chunk) => documents.broadcast('media.peaksProgress', { token, ...chunk }),
  });
  const alignment = new AlignmentService(documents, (event, payload) => documents.broadcast(event, payload));
  return {
    documents,
    media,
    settings: new SettingsService(options.settingsPath ?? null),
    alignment,
    journal,
    resourcesDir: options.resourcesDir,
    async dispose() {
      replaceRunner.dispose();
      media.dispose();
      alignment.dispose();
      await journal.dispose();
    },
  };
}

/** Files named on the command line (`npm start -- FILE [MEDIA]`). */
export interface StartupFiles {
  file?: string;
  media?: string;
}

type Handlers = { [C in ChannelName]: (args: ArgsOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };

export const SAMPLE_FILES = {
  excerpt: 'sample/excerpt.duosub.json',
  transcript: 'sample/openai-podcast-ep8.zh-en.txt',
} as const;

export interface ApiOptions {
  /** How long after the last edit autosave saves (tests shorten it). */
  autosaveMs?: number;
}

export function createApi(services: Services, platform: Platform, startup: StartupFiles, options: ApiOptions = {}) {
  const { documents, media, settings, alignment, resourcesDir } = services;
  let initial: Promise<DocumentState> | null = null;
  /** The document this session shows: a reloaded window gets it back, with its history. */
  let current: string | null = null;
  const autosave = new Autosave(documents, async () => (await settings.get()).autosaveProject === true, options.autosaveMs);

  /** When the media needs a playable proxy: tells the windows once it is made (or failed). */
  function announceProxy(docId: string, info: MediaInfo) {
    const pending = media.proxyFor(info.token);
    if (!pending) return;
    pending.then((playToken) => ({ playToken, error: null }), (error: Error) => ({ playToken: null, error: error.message }))
      .then(({ playToken, error }) => {
        // The document keeps it too: a reloaded window must play the proxy as well.
        if (documents.has(docId)) documents.updateMedia(docId, info.token, { playToken });
        documents.broadcast('media.proxyReady', { docId, token: info.token, playToken, error });
      });
  }

  /** The ffmpeg named in the settings (or the automatic one), applied before media work. */
  let appliedFfmpeg: string | null | undefined;
  async function useSettingsFfmpeg(): Promise<void> {
    const path = (await settings.get()).ffmpegPath || null;
    if (path === appliedFfmpeg) return;
    try {
      media.useFfmpeg(path);
    } catch (error) {
      throw new ApiError('bad-request', (error as Error).message);
    }
    appliedFfmpeg = path;
  }

  /** Opens a file and the media it refers to (or `mediaPath`), when that exists. */
  async function openWithMedia(path: string, mediaPath: string | null, asCopy: boolean, displayName?: string, encoding?: string) {
    const state = await documents.openFile(path, { asCopy, displayName, encoding });
    current = state.docId;
    const target = mediaPath ?? documents.referencedMediaPath(state.docId);
    if (target && existsSync(target)) {
      await useSettingsFfmpeg();
      const info = await media.register(target);
      documents.attachMedia(state.docId, info, target);
      announceProxy(state.docId, info);
    } else if (target) {
      state.problems.push({ line: 0, severity: 'warning', message: `media file not found: ${basename(target)}` });
    }
    return { ...documents.state(state.docId), problems: state.problems };
  }

  function openSample(which: keyof typeof SAMPLE_FILES) {
    return openWithMedia(join(resourcesDir, SAMPLE_FILES[which]), null, true);
  }

  /** Opens journalled work as the window's document, with its media when it is still there. */
  async function restoreWithMedia(journalId: string): Promise<DocumentState> {
    const state = await documents.restore(journalId);
    current = state.docId;
    const problems = state.problems.slice();
    const mediaPath = documents.mediaPathOf(state.docId);
    if (mediaPath && existsSync(mediaPath)) {
      try {
        await useSettingsFfmpeg();
        const info = await media.register(mediaPath);
        documents.attachRestoredMedia(state.docId, info);
        announceProxy(state.docId, info);
      } catch (error) {
        problems.push({ line: 0, severity: 'warning', message: `${basename(mediaPath)}: ${(error as Error).message}` });
      }
    } else if (mediaPath) {
      problems.push({ line: 0, severity: 'warning', message: `media file not found: ${basename(mediaPath)}` });
    }
    return { ...documents.state(state.docId), problems };
  }

  /** Hot exit: every journalled document comes back without asking; the newest is the window's. Null: none. */
  async function restoreHotExit(): Promise<DocumentState | null> {
    if (!(await settings.get()).hotExit) return null;
    let shown: DocumentState | null = null;
    for (const entry of (await documents.recoverable()).reverse()) {
      if (entry.edits === 0 && entry.cues === 0) continue; // unreadable: left for the user to discard
      shown = await restoreWithMedia(entry.id).catch(() => shown);
    }
    return shown;
  }

  /** The path a FileSource names: the dialog's, an upload's, or a dropped file's (Electron, when granted). */
  async function resolveSource(source: FileSource, kind: 'document' | 'media') {
    switch (source.kind) {
      case 'dialog':
        return { path: await platform.pickOpenPath(kind), temporary: false };
      case 'upload': {
        const path = platform.uploadPath(source.uploadId);
        if (!path) throw new ApiError('not-found', 'the uploaded file is gone; open it again');
        return { path, temporary: true, name: platform.uploadName?.(source.uploadId) ?? undefined };
      }
      case 'dropped':
        if (platform.mode !== 'electron') throw new ApiError('unsupported', 'dropped paths are only accepted in the desktop app');
        if (!platform.isGrantedPath?.(source.path)) {
          throw new ApiError('bad-request', `${basename(source.path)} was not dropped on this window; open it with Open… instead`);
        }
        return { path: source.path, temporary: false };
    }
  }

  /**
   * The first document of the session, opened once: journalled work under hot exit, else the start-up file (or
   * the sample). A failure does not stick: the next call tries again.
   */
  function openInitial(): Promise<DocumentState> {
    if (!initial) {
      const opening = restoreHotExit().then((restored) => restored
        ?? (startup.file ? openWithMedia(startup.file, startup.media ?? null, false) : openSample('excerpt')));
      initial = opening;
      opening.catch(() => {
        if (initial === opening) initial = null;
      });
    }
    return initial;
  }

  function announceSaved(docId: string, saved: SaveResult, auto: boolean): SaveResult {
    autosave.savedByHand(docId);
    documents.broadcast('doc.saved', { docId, ...saved, auto, error: null });
    return saved;
  }

  async function closeDocument(docId: string): Promise<{ closed: boolean }> {
    const closed = await documents.close(docId, { discard: true });
    autosave.forget(docId);
    if (current === docId) current = null;
    return { closed };
  }

  /** Browser mode has no dialog: `fileName` beside the document's file, never over an existing one unasked. */
  async function saveAsInFolder(docId: string, fileName: string | undefined, overwrite: boolean) {
    const name = safeFileName(fileName ?? projectFileName(documents.state(docId).fileName));
    const folder = documents.saveFolder(docId, join(homedir(), 'Duosub'));
    await mkdir(folder, { recursive: true });
    const target = join(folder, name);
    if (!overwrite && pathExists(target)) throw new ApiError('exists', `${name} already exists in ${folder}; replace it?`);
    return documents.saveAs(docId, target);
  }

  const handlers: Handlers = {
    'session.initial': async () => {
      if (current && documents.has(current)) return documents.state(current);
      let first = await openInitial();
      if (!documents.has(first.docId)) {
        // The window closed it; a new session starts from the start-up file again.
        initial = null;
        first = await openInitial();
      }
      current = first.docId;
      return { ...documents.state(first.docId), problems: first.problems };
    },
    'doc.get': ({ docId }) => documents.state(docId),
    'doc.openSample': ({ which }) => openSample(which),
    'doc.open': async ({ source }) => {
      const { path, temporary, name } = { name: undefined, ...(await resolveSource(source, 'document')) };
      if (!path) return null;
      return openWithMedia(path, null, temporary, name);
    },
    'doc.apply': ({ docId, op }) => documents.apply(docId, op),
    'doc.command': async ({ docId, command }) => documents.command(docId, command, await settings.get()),
    'doc.cancelReplace': ({ docId }) => ({ cancelled: documents.cancelReplace(docId) }),
    'doc.addLanguage': async ({ docId, source, lang }) => {
      documents.state(docId); // fail early on an unknown document
      const { path, name } = { name: undefined, ...(await resolveSource(source, 'document')) };
      if (!path) return null;
      return documents.addLanguageFromFile(docId, { path, displayName: name }, lang);
    },
    'doc.undo': ({ docId }) => documents.undo(docId),
    'doc.redo': ({ docId }) => documents.redo(docId),
    'doc.history': ({ docId, limit }) => documents.historyList(docId, limit),
    'doc.undoTo': ({ docId, steps }) => documents.undoTo(docId, steps),
    'doc.save': async ({ docId, force }) => announceSaved(docId, await documents.save(docId, { force }), false),
    'doc.saveAs': async ({ docId, fileName, overwrite }) => {
      let saved: SaveResult | null;
      if (platform.mode === 'electron') {
        // The native dialog has already asked before replacing a file.
        // The renderer's name when it has one (after a conflict: a new name, never the file it conflicted with).
        const path = await platform.pickSavePath(fileName ?? projectFileName(documents.state(docId).fileName));
        saved = path ? await documents.saveAs(docId, path) : null;
      } else {
        saved = await saveAsInFolder(docId, fileName, overwrite ?? false);
      }
      return saved && announceSaved(docId, saved, false);
    },
    'doc.close': ({ docId }) => closeDocument(docId),
    'doc.revert': async ({ docId }) => {
      const { path, mediaPath, options: read } = documents.revertSource(docId);
      const state = await openWithMedia(path, mediaPath, false, undefined, read.encoding);
      await closeDocument(docId);
      current = state.docId;
      return state;
    },
    'recovery.list': () => documents.recoverable(),
    'recovery.restore': ({ id }) => restoreWithMedia(id),
    'recovery.discard': async ({ id }) => ({ discarded: await documents.discardRecovery(id) }),
    'recovery.reveal': async ({ id }) => {
      const path = await documents.recoveryPath(id);
      if (!platform.revealPath) throw new ApiError('unsupported', `Browser mode cannot open a file manager; the file is ${path}`);
      return { revealed: await platform.revealPath(path) };
    },
    'doc.export': ({ docId, ...exportOptions }) => documents.export(docId, exportOptions),
    'doc.encodingPreview': ({ docId, encoding }) => documents.encodingPreview(docId, encoding),
    'doc.reopenWithEncoding': ({ docId, encoding }) => {
      const { path, asCopy, displayName } = documents.reopenSource(docId, encoding);
      // The same media as before: re-opening changes how the text is read, nothing else.
      return openWithMedia(path, documents.mediaPathOf(docId), asCopy, displayName, encoding);
    },
    'media.open': async ({ docId, source }) => {
      documents.state(docId); // fail early on an unknown document
      const { path } = await resolveSource(source, 'media');
      if (!path) return null;
      await useSettingsFfmpeg();
      const info = await media.register(path).catch((error: Error) => {
        throw error instanceof ApiError ? error : new ApiError('bad-request', error.message);
      });
      documents.attachMedia(docId, info, path);
      announceProxy(docId, info);
      return info;
    },
    'media.peaks': async ({ docId }) => {
      const info = documents.state(docId).media;
      return info ? media.peaks(info.token) : null;
    },
    'media.cancelPeaks': ({ docId }) => {
      const info = documents.state(docId).media;
      return { cancelled: info ? media.cancelPeaks(info.token) : false };
    },
    'media.ffmpegInfo': () => media.ffmpegInfo(),
    'align.start': async ({ docId, cueIds, spokenLang }) => {
      await useSettingsFfmpeg();
      return alignment.start(docId, cueIds, spokenLang, media.ffmpegInUse() ?? undefined);
    },
    'align.cancel': ({ jobId }) => alignment.cancel(jobId),
    'settings.get': () => settings.get(),
    'settings.update': async (patch) => {
      // A bad ffmpeg path is refused before it is saved.
      if (patch.ffmpegPath) {
        try {
          media.useFfmpeg(patch.ffmpegPath);
        } catch (error) {
          throw new ApiError('bad-request', (error as Error).message);
        } finally {
          appliedFfmpeg = undefined;
        }
      }
      return settings.update(patch);
    },
  };

  return {
    async dispatch(channel: unknown, args: unknown): Promise<unknown> {
      if (!isChannel(channel)) throw new ApiError('bad-request', `unknown channel ${String(channel).slice(0, 80)}`);
      const parsed = parseArgs(channel, args);
      return (handlers[channel] as (a: typeof parsed) => unknown)(parsed);
    },
    onEvent(listener: (event: EventName, payload: unknown) => void): () => void {
      return documents.onEvent(listener);
    },
    /**
     * Starts opening the start-up document now, while the window loads its scripts, so that its first
     * `session.initial` finds it ready (a 5,000-cue project takes main a few hundred ms while the page compiles).
     * A failure is reported to that call, which tries again.
     */
    prepare(): void {
      openInitial().catch(() => undefined);
    },
    /** Stops autosave timers (the services' dispose flushes the journal). */
    dispose(): void {
      autosave.dispose();
    },
  };
}

export type Api = ReturnType<typeof createApi>;


/** Whether anything is at `path`, a dangling symlink included (existsSync follows links). */
function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A file name typed in browser mode: a plain name in the save folder, never a path. */
function safeFileName(name: string): string {
  const clean = basename(name.trim());
  if (!clean || clean === '.' || clean === '..' || /[\\/:*?"<>|\0]/.test(clean)) {
    throw new ApiError('bad-request', `not a valid file name: ${name}`);
  }
  return clean.endsWith('.json') ? clean : `${clean}.duosub.json`;
}
