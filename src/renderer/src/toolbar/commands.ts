/**
 * What the toolbar, the keyboard, the menu and drag-and-drop can ask for, in one place, so each of
 * them is a thin caller. Effects go through the store (document state) or the player (playback).
 */
import type { AddLanguageResult, DuosubBridge, ExportRequest } from '../../../shared/api';
import type { DocStore } from '../store-core';
import { toggleHelp } from '../help/help-state';
import { hasMedia, playPause, playRange } from '../waveform/player';
import { createEditCommands, type EditCommands } from './edit-commands';
import { downloadExport, isMediaFile, sourceForFile } from './files';
import { reportSummary } from '../languages/add-report';

export interface Commands extends EditCommands {
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
  /** Browser mode's Save As, after the user typed a name. */
  saveAsNamed(fileName: string): void;
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
  /** Browser mode: asks for a file name to save as. */
  askSaveAsName(): void;
  /** Opens find/replace; optional so the toolbar works before that panel exists. */
  openFindReplace?: () => void;
}

export function createCommands({ bridge, store, pickFile, askSaveAsName, openFindReplace }: CommandDeps): Commands {
  const electron = bridge.mode === 'electron';

  async function openFile(file: File, asMedia: boolean): Promise<void> {
    try {
      if (asMedia && !store.getState().docState) return store.setStatus('Open a document before attaching media.', 'error');
      const source = await sourceForFile(bridge, file);
      if (asMedia) {
        await store.attachMediaWith((api, docId) => api['media.open']({ docId, source }));
      } else {
        await store.openWith((api) => api['doc.open']({ source }));
      }
    } catch (error) {
      store.setStatus(error instanceof Error ? error.message : String(error), 'error');
    }
  }

  const commands: Commands = {
    ...createEditCommands(store),
    open: () => {
      if (electron) void store.openWith((api) => api['doc.open']({ source: { kind: 'dialog' } }));
      else pickFile('document');
    },
    openSample: (which) => void store.openWith((api) => api['doc.openSample']({ which })),
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
    save: () =>
      void store.save().then((outcome) => {
        if (outcome === 'needs-save-as') commands.saveAs();
      }),
    saveAs: () => {
      if (electron) void store.saveAs();
      else askSaveAsName();
    },
    saveAsNamed: (fileName) => void store.saveAs(fileName),
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
