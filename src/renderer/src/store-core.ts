/**
 * The renderer's document store: the core (store-base.ts) plus the file commands — open, attach media,
 * save, export. Pure TS (no DOM) so it runs under vitest with a fake API.
 */
import type { AddLanguageResult, DocumentState, DuosubApi, EventMap, ExportRequest, ExportResult, MediaInfo, SaveResult } from '../../shared/api';
import { documentName, isLong, nextTask, StoreBase, type EventSource, type SaveOutcome } from './store-base';
import { savedMessage } from './unsaved/saved-message';

export { documentName } from './store-base';
export type { SaveOutcome, SelectOptions, Status, StoreState, TextCursor } from './store-base';

export class DocStore extends StoreBase {
  /**
   * Runs a request that yields a whole new document (open, sample, restore); null means the user cancelled. Once
   * the new one shows, main is told to forget the old one (`closePrevious`, default on): it would otherwise keep
   * every document the window ever opened, journal and all. Revert passes false (main closes it itself).
   */
  openWith(request: (api: DuosubApi) => Promise<DocumentState | null>, { closePrevious = true } = {}): Promise<boolean> {
    const previous = this.docId();
    return this.enqueue(() => request(this.api)).then(
      async (docState) => {
        if (!docState) return false;
        if (isLong(docState)) await nextTask();
        this.select(null);
        this.load(docState, docState.problems.length ? undefined : `Opened ${documentName(docState)}`);
        if (closePrevious && previous && previous !== docState.docId) this.closeDocument(previous);
        return true;
      },
      (error) => {
        this.fail(error);
        return false;
      },
    );
  }

  /** Tells main to forget a document this window no longer shows; a failure only means it is gone already. */
  private closeDocument(docId: string): void {
    void this.enqueue(() => this.api['doc.close']({ docId })).catch(() => undefined);
  }

  /** "Reload theirs": main reads the file again as a new document and closes this one (its edits are dropped). */
  revert(): Promise<boolean> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(false);
    return this.openWith((api) => api['doc.revert']({ docId }), { closePrevious: false }).then((opened) => {
      const state = this.state.docState;
      if (opened && state) this.setStatus(`Reloaded ${documentName(state)} from disk`);
      return opened;
    });
  }

  /** Attaches media through `request`; the waveform reloads from the new token. */
  attachMediaWith(request: (api: DuosubApi, docId: string) => Promise<MediaInfo | null>): Promise<boolean> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(false);
    return this.enqueue(() => request(this.api, docId)).then(
      (media) => {
        if (!media) return false;
        this.onMediaAttached(docId, media);
        this.setStatus(`Attached ${media.fileName}`);
        return true;
      },
      (error) => {
        this.fail(error);
        return false;
      },
    );
  }

  /**
   * Adds a language from a file through `request` (main reads and pairs it, as one undo step) and applies the
   * same step here; resolves to main's result (with the pairing report), or null when cancelled or refused.
   */
  addLanguageWith(request: (api: DuosubApi, docId: string) => Promise<AddLanguageResult | null>): Promise<AddLanguageResult | null> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(null);
    return this.enqueue(async () => {
      try {
        const result = await request(this.api, docId);
        if (!result) return null;
        if (!result.applied || !this.applyRemote(result.applied)) await this.reloadNow(docId);
        this.takeFlags(result);
        return result;
      } catch (error) {
        this.fail(error);
        return null;
      }
    });
  }

  /**
   * Saves to the project file; a document without one needs Save As first. A file changed on disk since it was
   * read ends as 'conflict' unless `force` (the user chose "keep mine").
   */
  save(force = false): Promise<SaveOutcome> {
    const current = this.state.docState;
    if (!current) return Promise.resolve('failed');
    if (!current.hasProjectFile) return Promise.resolve('needs-save-as');
    return this.saveWith(() => this.api['doc.save'](force ? { docId: current.docId, force } : { docId: current.docId }));
  }

  /**
   * Electron asks with its own dialog (no fileName); browser mode passes the name the user typed, and a file of
   * that name ends as 'exists' unless `overwrite` (the user confirmed replacing it).
   */
  saveAs(fileName?: string, overwrite = false): Promise<SaveOutcome> {
    const docId = this.docId();
    if (!docId) return Promise.resolve('failed');
    const args = fileName ? { docId, fileName, ...(overwrite ? { overwrite } : {}) } : { docId };
    return this.saveWith(() => this.api['doc.saveAs'](args));
  }

  private saveWith(request: () => Promise<SaveResult | null>) {
    return this.enqueue(request).then(
      (result): SaveOutcome => {
        if (!result) return 'cancelled';
        this.takeSaved(result);
        this.setStatus(savedMessage(result));
        return 'saved';
      },
      (error): SaveOutcome => {
        // These two are questions for the user (the caller asks them), not failures to show.
        const code = (error as { code?: unknown } | null)?.code;
        if (code === 'conflict' || code === 'exists') return code;
        this.fail(error);
        return 'failed';
      },
    );
  }

  /** Main saved the document (this window, or an autosave): its name, and dirty only for edits made since. */
  private takeSaved(result: SaveResult): void {
    const current = this.state.docState;
    if (!current) return;
    // Edits made while saving stay dirty: main's revision tells whether they were included.
    const dirty = result.dirty || current.revision > result.revision;
    this.set({ docState: { ...current, fileName: result.fileName, dirty, hasProjectFile: true } });
  }

  /** Main saved on its own (autosave) or tried and failed: the title's dot, the name and the status line follow. */
  private onDocSaved(e: EventMap['doc.saved']): void {
    if (this.state.docState?.docId !== e.docId) return;
    if (e.error) return this.setStatus(e.error, 'error');
    this.takeSaved(e);
    // An autosave every few seconds need not repeat the folder the user saved in.
    this.setStatus(savedMessage(e.auto ? { fileName: e.fileName } : e, e.auto));
  }

  /** Asks main for an export's text (a file name and its content); null (with the error shown) when it fails. */
  exportAs(options: ExportRequest): Promise<ExportResult | null> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(null);
    return this.enqueue(() => this.api['doc.export']({ docId, ...options })).then(
      (result) => {
        // A character the encoding cannot hold: nothing is written; the caller offers UTF-8.
        if (result.unencodable) this.setStatus(result.unencodable.message, 'error');
        else this.setStatus(`Exported ${result.fileName}${result.encoding && result.encoding !== 'UTF-8' ? ` (${result.encoding})` : ''}`);
        return result;
      },
      (error) => {
        this.fail(error);
        return null;
      },
    );
  }

  /** Starts auto-timing (whole document or these cues) against the media; progress arrives as events. */
  autoTime(cueIds: string[] | 'all', spokenLang: string): Promise<boolean> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(false);
    return this.enqueue(() => this.api['align.start']({ docId, cueIds, spokenLang })).then(
      ({ jobId }) => {
        this.set({ alignJob: { jobId, fraction: 0, stage: 'starting' } });
        return true;
      },
      (error) => {
        this.fail(error);
        return false;
      },
    );
  }

  cancelAutoTime(): void {
    const job = this.state.alignJob;
    if (job) void this.api['align.cancel']({ jobId: job.jobId }).catch((error) => this.fail(error));
  }

  protected override connectMore(on: EventSource): Array<() => void> {
    return [
      on('align.progress', (e) => this.onAlignProgress(e)),
      on('align.finished', (e) => this.onAlignFinished(e)),
      on('doc.saved', (e) => this.onDocSaved(e)),
    ];
  }

  private onAlignProgress(e: EventMap['align.progress']): void {
    if (this.state.alignJob?.jobId === e.jobId) this.set({ alignJob: { jobId: e.jobId, fraction: e.fraction, stage: e.stage } });
  }

  /** The job's result is main's edit: apply the same operation here, in order with everything else. */
  private onAlignFinished(e: EventMap['align.finished']): void {
    if (this.state.alignJob?.jobId !== e.jobId) return;
    this.set({ alignJob: null });
    if (e.cancelled) return this.setStatus('Auto-timing cancelled');
    if (!e.result) return this.setStatus(e.error ?? 'Auto-timing failed', 'error');
    const result = e.result;
    void this.enqueue(async () => {
      const current = this.state.docState;
      if (!current || current.docId !== result.docId) return;
      // main's doc.changed for this edit may have reloaded us already.
      if (current.revision < result.revision) {
        const inStep = result.applied && current.revision === result.revision - 1 && this.applyRemote(result.applied);
        if (!inStep) await this.reloadNow(result.docId);
        else this.takeFlags(result);
      }
      if (result.select?.length) this.selectMany(result.select);
      this.setStatus(result.label);
    });
  }
}
