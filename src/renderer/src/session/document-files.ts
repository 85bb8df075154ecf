/**
 * The document's file requests: open (and close what it replaces), revert, attach media, save, Save As, export,
 * and main's own saves. Each runs on the session's request chain; the outcome goes to the status line.
 */
import type { DocumentState, DuosubApi, EventMap, ExportRequest, ExportResult, MediaInfo, SaveResult } from '../../../shared/api';
import { savedMessage } from './saved-message';
import { documentName, isLong, nextTask } from './document-name';
import type { DocumentSession } from './document-session';
import type { UiStore } from './ui-store';

/** How a save ended; 'conflict' (changed on disk) and 'exists' (Save As onto a file) wait for the user's answer. */
export type SaveOutcome = 'saved' | 'needs-save-as' | 'cancelled' | 'failed' | 'conflict' | 'exists';

export class DocumentFiles {
  constructor(private readonly api: DuosubApi, private readonly session: DocumentSession, private readonly ui: UiStore) {}

  /**
   * Runs a request that yields a whole new document (open, sample, restore); null means the user cancelled. Once
   * the new one shows, main is told to forget the old one (`closePrevious`, default on): it would otherwise keep
   * every document the window ever opened, journal and all. Revert passes false (main closes it itself).
   */
  openWith(request: (api: DuosubApi) => Promise<DocumentState | null>, { closePrevious = true } = {}): Promise<boolean> {
    const previous = this.session.docId();
    return this.session.queue(() => request(this.api)).then(
      async (docState) => {
        if (!docState) return false;
        if (isLong(docState)) await nextTask();
        this.ui.select(null);
        this.session.load(docState, docState.problems.length ? undefined : `Opened ${documentName(docState)}`);
        if (closePrevious && previous && previous !== docState.docId) this.closeDocument(previous);
        return true;
      },
      (error) => {
        this.ui.fail(error);
        return false;
      },
    );
  }

  /** Tells main to forget a document this window no longer shows; a failure only means it is gone already. */
  private closeDocument(docId: string): void {
    void this.session.queue(() => this.api['doc.close']({ docId })).catch(() => undefined);
  }

  /** "Reload theirs": main reads the file again as a new document and closes this one (its edits are dropped). */
  revert(): Promise<boolean> {
    const docId = this.session.docId();
    if (!docId) return Promise.resolve(false);
    return this.openWith((api) => api['doc.revert']({ docId }), { closePrevious: false }).then((opened) => {
      const state = this.session.state();
      if (opened && state) this.ui.setStatus(`Reloaded ${documentName(state)} from disk`);
      return opened;
    });
  }

  /** Attaches media through `request`; the waveform reloads from the new token. */
  attachMediaWith(request: (api: DuosubApi, docId: string) => Promise<MediaInfo | null>): Promise<boolean> {
    const docId = this.session.docId();
    if (!docId) return Promise.resolve(false);
    return this.session.queue(() => request(this.api, docId)).then(
      (media) => {
        if (!media) return false;
        this.onMediaAttached({ docId, media });
        this.ui.setStatus(`Attached ${media.fileName}`);
        return true;
      },
      (error) => {
        this.ui.fail(error);
        return false;
      },
    );
  }

  /** Media attached (here or by main): the waveform and video follow the new token. */
  onMediaAttached({ docId, media }: EventMap['media.attached']): void {
    if (this.session.docId() === docId) this.session.setMeta({ media });
  }

  /**
   * Saves to the project file; a document without one needs Save As first. A file changed on disk since it was
   * read ends as 'conflict' unless `force` (the user chose "keep mine").
   */
  save(force = false): Promise<SaveOutcome> {
    const current = this.session.state();
    if (!current) return Promise.resolve('failed');
    if (!current.hasProjectFile) return Promise.resolve('needs-save-as');
    return this.saveWith(() => this.api['doc.save'](force ? { docId: current.docId, force } : { docId: current.docId }));
  }

  /**
   * Electron asks with its own dialog (no fileName); browser mode passes the name the user typed, and a file of
   * that name ends as 'exists' unless `overwrite` (the user confirmed replacing it).
   */
  saveAs(fileName?: string, overwrite = false): Promise<SaveOutcome> {
    const docId = this.session.docId();
    if (!docId) return Promise.resolve('failed');
    const args = fileName ? { docId, fileName, ...(overwrite ? { overwrite } : {}) } : { docId };
    return this.saveWith(() => this.api['doc.saveAs'](args));
  }

  private saveWith(request: () => Promise<SaveResult | null>): Promise<SaveOutcome> {
    return this.session.queue(request).then(
      (result): SaveOutcome => {
        if (!result) return 'cancelled';
        this.takeSaved(result);
        this.ui.setStatus(savedMessage(result));
        return 'saved';
      },
      (error): SaveOutcome => {
        // These two are questions for the user (the caller asks them), not failures to show.
        const code = (error as { code?: unknown } | null)?.code;
        if (code === 'conflict' || code === 'exists') return code;
        this.ui.fail(error);
        return 'failed';
      },
    );
  }

  /** Main saved the document (this window, or an autosave): its name, and dirty only for edits made since. */
  private takeSaved(result: SaveResult): void {
    const current = this.session.state();
    if (!current) return;
    // Edits made while saving stay dirty: main's revision tells whether they were included.
    const dirty = result.dirty || current.revision > result.revision;
    this.session.setMeta({ fileName: result.fileName, dirty, hasProjectFile: true });
  }

  /** Main saved on its own (autosave) or tried and failed: the title's dot, the name and the status line follow. */
  onDocSaved(e: EventMap['doc.saved']): void {
    if (this.session.docId() !== e.docId) return;
    if (e.error) return this.ui.setStatus(e.error, 'error');
    this.takeSaved(e);
    // An autosave every few seconds need not repeat the folder the user saved in.
    this.ui.setStatus(savedMessage(e.auto ? { fileName: e.fileName } : e, e.auto));
  }

  /** Asks main for an export's text (a file name and its content); null (with the error shown) when it fails. */
  exportAs(options: ExportRequest): Promise<ExportResult | null> {
    const docId = this.session.docId();
    if (!docId) return Promise.resolve(null);
    return this.session.queue(() => this.api['doc.export']({ docId, ...options })).then(
      (result) => {
        // A character the encoding cannot hold: nothing is written; the caller offers UTF-8.
        if (result.unencodable) this.ui.setStatus(result.unencodable.message, 'error');
        else this.ui.setStatus(`Exported ${result.fileName}${result.encoding && result.encoding !== 'UTF-8' ? ` (${result.encoding})` : ''}`);
        return result;
      },
      (error) => {
        this.ui.fail(error);
        return null;
      },
    );
  }
}
