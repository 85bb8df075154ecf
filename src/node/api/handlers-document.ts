/**
 * The document's channels: opening, editing (each edit carries its origin, so its `doc.changed` skips the window
 * that has the reply), undo, saving, closing and re-reading.
 */
import type { SaveResult } from '../../shared/api';
import { projectFileName } from '../../shared/formats/duosub';
import type { Handlers } from './handlers';
import { saveAsInFolder } from './save-as';
import type { ApiSession } from './session';
import { resolveSource } from './sources';

export function documentHandlers(session: ApiSession) {
  const { documents, settings } = session.services;
  const { platform } = session;
  return {
    'session.initial': () => session.initialState(),
    'doc.get': ({ docId }) => documents.state(docId),
    'doc.openSample': ({ which }) => session.openSample(which),
    'doc.open': async ({ source }) => {
      const { path, temporary, name } = await resolveSource(platform, source, 'document');
      if (!path) return null;
      return session.openWithMedia(path, null, temporary, name);
    },
    'doc.apply': ({ docId, op }, origin) => documents.apply(docId, op, origin),
    'doc.command': async ({ docId, command }, origin) => documents.command(docId, command, await settings.get(), origin),
    'doc.cancelReplace': ({ docId }) => ({ cancelled: documents.cancelReplace(docId) }),
    'doc.addLanguage': async ({ docId, source, lang }, origin) => {
      documents.state(docId); // fail early on an unknown document
      const { path, name } = await resolveSource(platform, source, 'document');
      if (!path) return null;
      return documents.addLanguageFromFile(docId, { path, displayName: name }, lang, origin);
    },
    'doc.undo': ({ docId }, origin) => documents.undo(docId, origin),
    'doc.redo': ({ docId }, origin) => documents.redo(docId, origin),
    'doc.history': ({ docId, limit }) => documents.historyList(docId, limit),
    'doc.undoTo': ({ docId, steps }, origin) => documents.undoTo(docId, steps, origin),
    'doc.save': async ({ docId, force }) => session.announceSaved(docId, await documents.save(docId, { force })),
    'doc.saveAs': async ({ docId, fileName, overwrite }) => {
      let saved: SaveResult | null;
      if (platform.mode === 'electron') {
        // The native dialog has already asked before replacing a file.
        // The renderer's name when it has one (after a conflict: a new name, never the file it conflicted with).
        const path = await platform.pickSavePath(fileName ?? projectFileName(documents.state(docId).fileName));
        saved = path ? await documents.saveAs(docId, path) : null;
      } else {
        saved = await saveAsInFolder(documents, docId, fileName, overwrite ?? false);
      }
      return saved && session.announceSaved(docId, saved);
    },
    'doc.close': ({ docId }) => session.closeDocument(docId),
    'doc.revert': async ({ docId }) => {
      const { path, mediaPath, options: read } = documents.revertSource(docId);
      const state = await session.openWithMedia(path, mediaPath, false, undefined, read.encoding);
      await session.closeDocument(docId);
      session.current = state.docId;
      return state;
    },
    'doc.export': ({ docId, ...exportOptions }) => documents.export(docId, exportOptions),
    'doc.encodingPreview': ({ docId, encoding }) => documents.encodingPreview(docId, encoding),
    'doc.reopenWithEncoding': ({ docId, encoding }) => {
      const { path, asCopy, displayName } = documents.reopenSource(docId, encoding);
      // The same media as before: re-opening changes how the text is read, nothing else.
      return session.openWithMedia(path, documents.mediaPathOf(docId), asCopy, displayName, encoding);
    },
  } satisfies Partial<Handlers>;
}
