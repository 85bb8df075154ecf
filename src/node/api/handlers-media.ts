/** The channels around the document: its media, auto-timing, recovered work and the settings. */
import { ApiError } from '../../shared/api';
import type { Handlers } from './handlers';
import type { ApiSession } from './session';
import { resolveSource } from './sources';

export function mediaHandlers(session: ApiSession) {
  const { documents, media, alignment, settings } = session.services;
  return {
    'media.open': async ({ docId, source }) => {
      documents.state(docId); // fail early on an unknown document
      const { path } = await resolveSource(session.platform, source, 'media');
      if (!path) return null;
      return session.attachMedia(docId, path);
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
      await session.useSettingsFfmpeg();
      return alignment.start(docId, cueIds, spokenLang, media.ffmpegInUse() ?? undefined);
    },
    'align.cancel': ({ jobId }) => alignment.cancel(jobId),
    'settings.get': () => settings.get(),
    'settings.update': async (patch) => {
      // A bad ffmpeg path is refused before it is saved.
      if (patch.ffmpegPath) session.tryFfmpeg(patch.ffmpegPath);
      return settings.update(patch);
    },
  } satisfies Partial<Handlers>;
}

export function recoveryHandlers(session: ApiSession) {
  const { documents } = session.services;
  return {
    'recovery.list': () => documents.recoverable(),
    'recovery.restore': ({ id }) => session.restoreWithMedia(id),
    'recovery.discard': async ({ id }) => ({ discarded: await documents.discardRecovery(id) }),
    'recovery.reveal': async ({ id }) => {
      const path = await documents.recoveryPath(id);
      const { platform } = session;
      if (!platform.revealPath) throw new ApiError('unsupported', `Browser mode cannot open a file manager; the file is ${path}`);
      return { revealed: await platform.revealPath(path) };
    },
  } satisfies Partial<Handlers>;
}
