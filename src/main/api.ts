/**
 * The main-process side of the API contract: one handler per channel, every payload validated.
 * Both transports (Electron IPC and the browser-mode WebSocket) call `dispatch`.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import {
  ApiError, isChannel, parseArgs, type ArgsOf, type ChannelName, type DocumentState, type EventName,
  type FileSource, type MediaInfo, type ResultOf,
} from '../shared/api';
import { DocumentService } from './services/documents';
import { MediaService } from './services/media';
import { SettingsService } from './services/settings';
import { AlignmentService } from './services/alignment';

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
}

export interface Services {
  documents: DocumentService;
  media: MediaService;
  settings: SettingsService;
  alignment: AlignmentService;
  resourcesDir: string;
}

/** `settingsPath` null keeps settings in memory (tests). */
export function createServices(options: { resourcesDir: string; cacheDir: string; settingsPath?: string | null }): Services {
  const documents = new DocumentService();
  return {
    documents,
    media: new MediaService({
      cacheDir: options.cacheDir,
      onProgress: (token, chunk) => documents.broadcast('media.peaksProgress', { token, ...chunk }),
    }),
    settings: new SettingsService(options.settingsPath ?? null),
    alignment: new AlignmentService(documents, (event, payload) => documents.broadcast(event, payload)),
    resourcesDir: options.resourcesDir,
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

export function createApi(services: Services, platform: Platform, startup: StartupFiles) {
  const { documents, media, settings, alignment, resourcesDir } = services;
  let initial: Promise<DocumentState> | null = null;
  /** The document this session shows: a reloaded window gets it back, with its history. */
  let current: string | null = null;

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

  /** Opens a file and the media it refers to (or `mediaPath`), when that exists. */
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

  /** The path a FileSource names: the dialog's, an upload's, or a dropped file's (Electron). */
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
        return { path: source.path, temporary: false };
    }
  }

  /** The start-up file (or the sample), opened once; a failure does not stick: the next call tries again. */
  function openInitial(): Promise<DocumentState> {
    if (!initial) {
      const opening = startup.file ? openWithMedia(startup.file, startup.media ?? null, false) : openSample('excerpt');
      initial = opening;
      opening.catch(() => {
        if (initial === opening) initial = null;
      });
    }
    return initial;
  }

  const handlers: Handlers = {
    'session.initial': () => {
      if (current && documents.has(current)) return documents.state(current);
      return openInitial().then((s) => ({ ...documents.state(s.docId), problems: s.problems }));
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
    'doc.addLanguage': async ({ docId, source, lang }) => {
      documents.state(docId); // fail early on an unknown document
      const { path, name } = { name: undefined, ...(await resolveSource(source, 'document')) };
      if (!path) return null;
      return documents.addLanguageFromFile(docId, { path, displayName: name }, lang);
    },
    'doc.undo': ({ docId }) => documents.undo(docId),
    'doc.redo': ({ docId }) => documents.redo(docId),
    'doc.save': ({ docId }) => documents.save(docId),
    'doc.saveAs': async ({ docId, fileName }) => {
      const suggested = suggestedProjectName(documents.state(docId).fileName);
      if (platform.mode === 'electron') {
        const path = await platform.pickSavePath(suggested);
        return path ? documents.saveAs(docId, path) : null;
      }
      const name = safeFileName(fileName ?? suggested);
      const folder = documents.saveFolder(docId, join(homedir(), 'Duosub'));
      await mkdir(folder, { recursive: true });
      return documents.saveAs(docId, join(folder, name));
    },
    'doc.export': ({ docId, ...options }) => documents.export(docId, options),
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
  };
}

export type Api = ReturnType<typeof createApi>;

function suggestedProjectName(fileName: string | null): string {
  const stem = (fileName ?? 'untitled').replace(/(\.duosub)?\.[^.]*$/, '');
  return `${stem}.duosub.json`;
}

/** A file name typed in browser mode: a plain name in the save folder, never a path. */
function safeFileName(name: string): string {
  const clean = basename(name.trim());
  if (!clean || clean === '.' || clean === '..' || /[\\/:*?"<>|\0]/.test(clean)) {
    throw new ApiError('bad-request', `not a valid file name: ${name}`);
  }
  return clean.endsWith('.json') ? clean : `${clean}.duosub.json`;
}
