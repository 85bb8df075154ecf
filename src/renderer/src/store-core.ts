/**
 * The renderer's document store: the core (store-base.ts) plus the file commands — open, attach media,
 * save, export. Pure TS (no DOM) so it runs under vitest with a fake API.
 */
import type { DocumentState, DuosubApi, MediaInfo } from '../../shared/api';
import { documentName, StoreBase, type SaveOutcome } from './store-base';

export { documentName } from './store-base';
export type { SaveOutcome, SelectOptions, Status, StoreState, TextCursor } from './store-base';

export class DocStore extends StoreBase {
  /** Runs a request that yields a whole new document (open, sample); null means the user cancelled. */
  openWith(request: (api: DuosubApi) => Promise<DocumentState | null>): Promise<boolean> {
    return this.enqueue(() => request(this.api)).then(
      (docState) => {
        if (!docState) return false;
        this.select(null);
        this.load(docState, docState.problems.length ? undefined : `Opened ${documentName(docState)}`);
        return true;
      },
      (error) => {
        this.fail(error);
        return false;
      },
    );
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

  /** Saves to the project file; a document without one needs Save As first. */
  save(): Promise<SaveOutcome> {
    const current = this.state.docState;
    if (!current) return Promise.resolve('failed');
    if (!current.hasProjectFile) return Promise.resolve('needs-save-as');
    return this.saveWith(() => this.api['doc.save']({ docId: current.docId }));
  }

  /** Electron asks with its own dialog (no fileName); browser mode passes the name the user typed. */
  saveAs(fileName?: string): Promise<SaveOutcome> {
    const docId = this.docId();
    if (!docId) return Promise.resolve('failed');
    return this.saveWith(() => this.api['doc.saveAs'](fileName ? { docId, fileName } : { docId }));
  }

  private saveWith(request: () => Promise<{ fileName: string; revision: number; dirty: boolean } | null>) {
    return this.enqueue(request).then(
      (result): SaveOutcome => {
        if (!result) return 'cancelled';
        const current = this.state.docState;
        if (current) {
          // Edits made while saving stay dirty: main's revision tells whether they were included.
          const dirty = result.dirty || current.revision > result.revision;
          this.set({ docState: { ...current, fileName: result.fileName, dirty, hasProjectFile: true } });
        }
        this.setStatus(`Saved ${result.fileName}`);
        return 'saved';
      },
      (error): SaveOutcome => {
        this.fail(error);
        return 'failed';
      },
    );
  }

  /** Asks main for the SRT text of one language; null (with the error shown) when it fails. */
  exportSrt(lang: string): Promise<{ fileName: string; text: string } | null> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(null);
    return this.enqueue(() => this.api['doc.export']({ docId, format: 'srt', lang })).then(
      (result) => {
        this.setStatus(`Exported ${result.fileName}`);
        return result;
      },
      (error) => {
        this.fail(error);
        return null;
      },
    );
  }
}
