/**
 * One run's API session: which document the window shows (a reloaded window gets it back, with its history), the
 * first document opened at start-up, and the ffmpeg the settings name. The handlers (handlers-*.ts) are thin
 * calls into this object and the services.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiError, type DocumentState, type MediaInfo, type SaveResult } from '../../shared/api';
import { Autosave } from '../documents/documents-autosave';
import type { Platform, StartupFiles } from './platform';
import type { Services } from './services';

export const SAMPLE_FILES = {
  excerpt: 'sample/excerpt.duosub.json',
  transcript: 'sample/openai-podcast-ep8.zh-en.txt',
} as const;

export interface ApiOptions {
  /** How long after the last edit autosave saves (tests shorten it). */
  autosaveMs?: number;
}

export class ApiSession {
  /** The document this session shows. */
  current: string | null = null;
  private initial: Promise<DocumentState> | null = null;
  /** The ffmpeg path last handed to the media service (undefined: none yet, or the settings changed). */
  private appliedFfmpeg: string | null | undefined;
  readonly autosave: Autosave;

  constructor(
    readonly services: Services,
    readonly platform: Platform,
    private readonly startup: StartupFiles,
    options: ApiOptions = {},
  ) {
    const { documents, settings } = services;
    this.autosave = new Autosave(documents, async () => (await settings.get()).autosaveProject === true, options.autosaveMs);
  }

  /** The ffmpeg named in the settings (or the automatic one), applied before media work. */
  async useSettingsFfmpeg(): Promise<void> {
    const path = (await this.services.settings.get()).ffmpegPath || null;
    if (path === this.appliedFfmpeg) return;
    this.useFfmpeg(path);
    this.appliedFfmpeg = path;
  }

  /** Checks and uses an ffmpeg (a bad path is the caller's fault); the settings' one is applied again next time. */
  tryFfmpeg(path: string): void {
    try {
      this.useFfmpeg(path);
    } finally {
      this.appliedFfmpeg = undefined;
    }
  }

  private useFfmpeg(path: string | null): void {
    try {
      this.services.media.useFfmpeg(path);
    } catch (error) {
      throw new ApiError('bad-request', (error as Error).message);
    }
  }

  /** Registers a media file and attaches it to the document; a playable proxy is announced when it is made. */
  async attachMedia(docId: string, path: string): Promise<MediaInfo> {
    await this.useSettingsFfmpeg();
    const info = await this.services.media.register(path).catch((error: Error) => {
      throw error instanceof ApiError ? error : new ApiError('bad-request', error.message);
    });
    this.services.documents.attachMedia(docId, info, path);
    this.announceProxy(docId, info);
    return info;
  }

  /** Opens a file and the media it refers to (or `mediaPath`), when that exists. */
  async openWithMedia(path: string, mediaPath: string | null, asCopy: boolean, displayName?: string, encoding?: string): Promise<DocumentState> {
    const { documents, media } = this.services;
    const state = await documents.openFile(path, { asCopy, displayName, encoding });
    this.current = state.docId;
    const target = mediaPath ?? documents.referencedMediaPath(state.docId);
    if (target && existsSync(target)) {
      await this.useSettingsFfmpeg();
      const info = await media.register(target);
      documents.attachMedia(state.docId, info, target);
      this.announceProxy(state.docId, info);
    } else if (target) {
      state.problems.push({ line: 0, severity: 'warning', message: `media file not found: ${basename(target)}` });
    }
    return { ...documents.state(state.docId), problems: state.problems };
  }

  openSample(which: keyof typeof SAMPLE_FILES): Promise<DocumentState> {
    return this.openWithMedia(join(this.services.resourcesDir, SAMPLE_FILES[which]), null, true);
  }

  /** Opens journalled work as the window's document, with its media when it is still there. */
  async restoreWithMedia(journalId: string): Promise<DocumentState> {
    const { documents, media } = this.services;
    const state = await documents.restore(journalId);
    this.current = state.docId;
    const problems = state.problems.slice();
    const mediaPath = documents.mediaPathOf(state.docId);
    if (mediaPath && existsSync(mediaPath)) {
      try {
        await this.useSettingsFfmpeg();
        const info = await media.register(mediaPath);
        documents.attachRestoredMedia(state.docId, info);
        this.announceProxy(state.docId, info);
      } catch (error) {
        problems.push({ line: 0, severity: 'warning', message: `${basename(mediaPath)}: ${(error as Error).message}` });
      }
    } else if (mediaPath) {
      problems.push({ line: 0, severity: 'warning', message: `media file not found: ${basename(mediaPath)}` });
    }
    return { ...documents.state(state.docId), problems };
  }

  /** The window's document: the one it showed, else the first of the session (opened again if it was closed). */
  async initialState(): Promise<DocumentState> {
    const { documents } = this.services;
    if (this.current && documents.has(this.current)) return documents.state(this.current);
    let first = await this.openInitial();
    if (!documents.has(first.docId)) {
      // The window closed it; a new session starts from the start-up file again.
      this.initial = null;
      first = await this.openInitial();
    }
    this.current = first.docId;
    return { ...documents.state(first.docId), problems: first.problems };
  }

  /**
   * The first document of the session, opened once: journalled work under hot exit, else the start-up file (or
   * the sample). A failure does not stick: the next call tries again.
   */
  openInitial(): Promise<DocumentState> {
    if (!this.initial) {
      const { file, media } = this.startup;
      const opening = this.restoreHotExit().then((restored) => restored
        ?? (file ? this.openWithMedia(file, media ?? null, false) : this.openSample('excerpt')));
      this.initial = opening;
      opening.catch(() => {
        if (this.initial === opening) this.initial = null;
      });
    }
    return this.initial;
  }

  /** Hot exit: every journalled document comes back without asking; the newest is the window's. Null: none. */
  private async restoreHotExit(): Promise<DocumentState | null> {
    if (!(await this.services.settings.get()).hotExit) return null;
    let shown: DocumentState | null = null;
    for (const entry of (await this.services.documents.recoverable()).reverse()) {
      if (entry.edits === 0 && entry.cues === 0) continue; // unreadable: left for the user to discard
      shown = await this.restoreWithMedia(entry.id).catch(() => shown);
    }
    return shown;
  }

  /** When the media needs a playable proxy: tells the windows once it is made (or failed). */
  private announceProxy(docId: string, info: MediaInfo): void {
    const { documents, media, events } = this.services;
    const pending = media.proxyFor(info.token);
    if (!pending) return;
    pending.then((playToken) => ({ playToken, error: null }), (error: Error) => ({ playToken: null, error: error.message }))
      .then(({ playToken, error }) => {
        // The document keeps it too: a reloaded window must play the proxy as well.
        if (documents.has(docId)) documents.updateMedia(docId, info.token, { playToken });
        events.publish('media.proxyReady', { docId, token: info.token, playToken, error });
      });
  }

  /** A save the user asked for: autosave resumes, and every window hears of it. */
  announceSaved(docId: string, saved: SaveResult): SaveResult {
    this.autosave.savedByHand(docId);
    this.services.events.publish('doc.saved', { docId, ...saved, auto: false, error: null });
    return saved;
  }

  async closeDocument(docId: string): Promise<{ closed: boolean }> {
    const closed = await this.services.documents.close(docId, { discard: true });
    this.autosave.forget(docId);
    if (this.current === docId) this.current = null;
    return { closed };
  }

  dispose(): void {
    this.autosave.dispose();
  }
}
