/**
 * What the toolbar, the keyboard, the menu and drag-and-drop can ask for, in one place, so each of
 * them is a thin caller. Effects go through the session (document and UI state), the player (playback) or the window's
 * panel flags (help, Go to, History), all handed in by the App.
 */
import type { AddLanguageResult, DuosubBridge, ExportRequest } from '../../../shared/api';
import type { AppSession } from '../session/app-session';
import { documentName } from '../session/document-name';
import type { AppServices } from '../app-services';
import { createEditCommands, type EditCommands } from './edit-commands';
import { downloadExport, isMediaFile, sourceForFile } from '../transport/files';
import { reportSummary } from '../languages/add-report';
import { createWorkGuard } from '../unsaved/work-guard';
import { createSeekCommands, type SeekCommands } from './seek-commands';

export interface Commands extends EditCommands, SeekCommands {
  open(): void;
  openSample(which: 'excerpt' | 'transcript'): void;
  openMedia(): void;
  /** Files dropped on the window or picked in the page: documents open, media attaches. */
  openFiles(files: File[], asMedia?: boolean): void;
  /**
   * Adds a language from a file (`null`: Electron's open dialog) as one undo step; `lang` overrides the guessed
   * code. Resolves to main's result with the pairing report, or null when cancelled or refused.
   */
  addLanguage(file: File | null, lang?: string): Promise<AddLanguageResult | null>;
  save(): void;
  saveAs(): void;
  /** Re-reads the document's source file in another encoding (after asking about unsaved edits). */
  reopenWithEncoding(encoding: string): Promise<boolean>;
  /** Opens a document the journal kept (after asking about unsaved edits); resolves to whether it opened. */
  restoreRecovered(id: string): Promise<boolean>;
  /** Renders an export in main and downloads it (the browser's or Electron's save dialog). */
  exportAs(options: ExportRequest): void;
  undo(): void;
  redo(): void;
  playPause(): void;
  playCue(): void;
  /** Opens the find/replace panel (the App provides it; a status line until it does). */
  openFindReplace(): void;
  toggleHelp(): void;
  /** Opens or closes the History list. */
  toggleHistory(): void;
}

export interface CommandDeps {
  bridge: DuosubBridge;
  session: AppSession;
  /** Browser mode: opens the page's file picker for a document or for media. */
  pickFile(kind: 'document' | 'media'): void;
  /** The window's player, panel flags and questions (the App shows the questions). */
  services: Pick<AppServices, 'player' | 'help' | 'goTo' | 'history' | 'questions'>;
  /** Opens find/replace; optional so the toolbar works before that panel exists. */
  openFindReplace?: () => void;
}

export function createCommands({ bridge, session, services, pickFile, openFindReplace }: CommandDeps): Commands {
  const { player, questions } = services;
  const electron = bridge.mode === 'electron';
  const guard = createWorkGuard({ session, questions, electron });

  /** Every way of replacing the document goes through here: unsaved edits are asked about first. */
  async function replaceDocument(request: Parameters<AppSession['files']['openWith']>[0]): Promise<boolean> {
    if (!(await guard.confirmReplace())) return false;
    return session.files.openWith(request);
  }

  async function openFile(file: File, asMedia: boolean): Promise<void> {
    try {
      if (asMedia && !session.doc.state()) return session.ui.setStatus('Open a document before attaching media.', 'error');
      if (asMedia) {
        const source = await sourceForFile(bridge, file);
        await session.files.attachMediaWith((api, docId) => api['media.open']({ docId, source }));
      } else {
        // Asked before the upload: a cancelled open sends nothing.
        if (!(await guard.confirmReplace())) return;
        const source = await sourceForFile(bridge, file);
        await session.files.openWith((api) => api['doc.open']({ source }));
      }
    } catch (error) {
      session.ui.setStatus(error instanceof Error ? error.message : String(error), 'error');
    }
  }

  const commands: Commands = {
    ...createEditCommands(session, player),
    ...createSeekCommands(session, player, services.goTo),
    open: () => {
      // Browser mode asks once a file is picked (openFile): the picker must open on the click itself.
      if (electron) void replaceDocument((api) => api['doc.open']({ source: { kind: 'dialog' } }));
      else pickFile('document');
    },
    openSample: (which) => void replaceDocument((api) => api['doc.openSample']({ which })),
    openMedia: () => {
      if (!electron) return pickFile('media');
      void session.files.attachMediaWith((api, docId) => api['media.open']({ docId, source: { kind: 'dialog' } }));
    },
    openFiles: (files, asMedia = false) => {
      // One at a time, documents before media, so media attaches to the document just opened.
      const media = (f: File) => asMedia || isMediaFile(f);
      const ordered = [...files].sort((a, b) => Number(media(a)) - Number(media(b)));
      void ordered.reduce((prev, file) => prev.then(() => openFile(file, media(file))), Promise.resolve());
    },
    addLanguage: async (file, lang) => {
      try {
        const source = file ? await sourceForFile(bridge, file) : ({ kind: 'dialog' } as const);
        const result = await session.doc.addLanguageWith((api, docId) => api['doc.addLanguage']({ docId, source, ...(lang ? { lang } : {}) }));
        if (result) session.ui.setStatus(reportSummary(result));
        return result;
      } catch (error) {
        session.ui.setStatus(error instanceof Error ? error.message : String(error), 'error');
        return null;
      }
    },
    save: () => void guard.save(),
    saveAs: () => void guard.saveAs(),
    reopenWithEncoding: (encoding) => {
      const docId = session.doc.state()?.docId;
      return docId ? replaceDocument((api) => api['doc.reopenWithEncoding']({ docId, encoding })) : Promise.resolve(false);
    },
    restoreRecovered: (id) =>
      replaceDocument((api) => api['recovery.restore']({ id })).then((opened) => {
        const state = session.doc.state();
        if (opened && state) session.ui.setStatus(`Restored ${documentName(state)} with its unsaved edits (Undo steps back through them)`);
        return opened;
      }),
    exportAs: (options) =>
      void session.files.exportAs(options).then((result) => {
        if (!result) return;
        // Never a silent `?`: the user decides whether UTF-8 will do instead.
        if (result.unencodable) {
          if (window.confirm(`${result.unencodable.message}.\n\nExport as UTF-8 instead?`)) commands.exportAs({ ...options, encoding: 'UTF-8', bom: false });
          return;
        }
        downloadExport(result);
      }),
    undo: () => void session.doc.undo(),
    redo: () => void session.doc.redo(),
    playPause: player.playPause,
    playCue: () => {
      const docState = session.doc.state();
      const { selectedCueId } = session.ui.getState();
      const cue = docState?.doc.cues.find((c) => c.id === selectedCueId);
      if (!cue) return session.ui.setStatus('Select a cue to play it.');
      if (!player.hasMedia()) return session.ui.setStatus('No media to play: attach audio or video first.');
      player.playRange(cue.start, cue.end);
    },
    openFindReplace: () => (openFindReplace ? openFindReplace() : session.ui.setStatus('Find and replace is not available yet.')),
    toggleHelp: () => services.help.toggle(),
    toggleHistory: () => services.history.toggle(),
  };
  return commands;
}
