/**
 * What the toolbar, the keyboard, the menu and drag-and-drop can ask for, in one place, so each of
 * them is a thin caller. Effects go through the store (document state) or the player (playback).
 */
import type { AddLanguageResult, DuosubBridge, ExportRequest } from '../../../shared/api';
import { documentName, type DocStore } from '../store-core';
import { toggleHelp } from '../help/help-state';
import { hasMedia, playPause, playRange } from '../waveform/player';
import { createEditCommands, type EditCommands } from './edit-commands';
import { downloadExport, isMediaFile, sourceForFile } from './files';
import { reportSummary } from '../languages/add-report';
import type { Questions } from '../unsaved/questions';
import { createWorkGuard } from '../unsaved/work-guard';
import { createSeekCommands, type SeekCommands } from '../goto/seek-commands';

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
}

export interface CommandDeps {
  bridge: DuosubBridge;
  store: DocStore;
  /** Browser mode: opens the page's file picker for a document or for media. */
  pickFile(kind: 'document' | 'media'): void;
  /** Where the save and unsaved-work questions are asked (the App shows them). */
  questions: Questions;
  /** Opens find/replace; optional so the toolbar works before that panel exists. */
  openFindReplace?: () => void;
}

export function createCommands({ bridge, store, pickFile, questions, openFindReplace }: CommandDeps): Commands {
  const electron = bridge.mode === 'electron';
  const guard = createWorkGuard({ store, questions, electron });

  /** Every way of replacing the document goes through here: unsaved edits are asked about first. */
  async function replaceDocument(request: Parameters<DocStore['openWith']>[0]): Promise<boolean> {
    if (!(await guard.confirmReplace())) return false;
    return store.openWith(request);
  }

  async function openFile(file: File, asMedia: boolean): Promise<void> {
    try {
      if (asMedia && !store.getState().docState) return store.setStatus('Open a document before attaching media.', 'error');
      if (asMedia) {
        const source = await sourceForFile(bridge, file);
        await store.attachMediaWith((api, docId) => api['media.open']({ docId, source }));
      } else {
        // Asked before the upload: a cancelled open sends nothing.
        if (!(await guard.confirmReplace())) return;
        const source = await sourceForFile(bridge, file);
        await store.openWith((api) => api['doc.open']({ source }));
      }
    } catch (error) {
      store.setStatus(error instanceof Error ? error.message : String(error), 'error');
    }
  }

  const commands: Commands = {
    ...createEditCommands(store),
    ...createSeekCommands(store),
    open: () => {
      // Browser mode asks once a file is picked (openFile): the picker must open on the click itself.
      if (electron) void replaceDocument((api) => api['doc.open']({ source: { kind: 'dialog' } }));
      else pickFile('document');
    },
    openSample: (which) => void replaceDocument((api) => api['doc.openSample']({ which })),
    openMedia: () => {
      if (!electron) return pickFile('media');
      void store.attachMediaWith((api, docId) => api['media.open']({ docId, source: { kind: 'dialog' } }));
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
        const result = await store.addLanguageWith((api, docId) => api['doc.addLanguage']({ docId, source, ...(lang ? { lang } : {}) }));
        if (result) store.setStatus(reportSummary(result));
        return result;
      } catch (error) {
        store.setStatus(error instanceof Error ? error.message : String(error), 'error');
        return null;
      }
    },
    save: () => void guard.save(),
    saveAs: () => void guard.saveAs(),
    reopenWithEncoding: (encoding) => {
      const docId = store.getState().docState?.docId;
      return docId ? replaceDocument((api) => api['doc.reopenWithEncoding']({ docId, encoding })) : Promise.resolve(false);
    },
    restoreRecovered: (id) =>
      replaceDocument((api) => api['recovery.restore']({ id })).then((opened) => {
        const state = store.getState().docState;
        if (opened && state) store.setStatus(`Restored ${documentName(state)} with its unsaved edits (Undo steps back through them)`);
        return opened;
      }),
    exportAs: (options) =>
      void store.exportAs(options).then((result) => {
        if (!result) return;
        // Never a silent `?`: the user decides whether UTF-8 will do instead.
        if (result.unencodable) {
          if (window.confirm(`${result.unencodable.message}.\n\nExport as UTF-8 instead?`)) commands.exportAs({ ...options, encoding: 'UTF-8', bom: false });
          return;
        }
        downloadExport(result);
      }),
    undo: () => void store.undo(),
    redo: () => void store.redo(),
    playPause,
    playCue: () => {
      const { docState, selectedCueId } = store.getState();
      const cue = docState?.doc.cues.find((c) => c.id === selectedCueId);
      if (!cue) return store.setStatus('Select a cue to play it.');
      if (!hasMedia()) return store.setStatus('No media to play: attach audio or video first.');
      playRange(cue.start, cue.end);
    },
    openFindReplace: () => (openFindReplace ? openFindReplace() : store.setStatus('Find and replace is not available yet.')),
    toggleHelp,
  };
  return commands;
}
