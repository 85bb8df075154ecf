/**
 * Autosave of project files (a setting, off by default; the journal is always on): a document with a project file
 * is saved a moment after its last edit. A conflict (the file changed on disk) stops autosave for that document
 * until the user saves by hand, so it never overwrites someone else's change. No electron here.
 */
import { ApiError } from '../../shared/api';
import type { DocumentService } from './documents';

export const AUTOSAVE_DELAY_MS = 2000;

export class Autosave {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents whose autosave hit a conflict: only a manual save resumes it. */
  private readonly stopped = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly documents: DocumentService,
    private readonly enabled: () => Promise<boolean>,
    private readonly delayMs = AUTOSAVE_DELAY_MS,
  ) {
    this.unsubscribe = documents.events.subscribe((event) => {
      if (event.name === 'doc.changed') this.changed(event.payload.docId);
    });
  }

  /** The user saved: autosave resumes for this document. */
  savedByHand(docId: string): void {
    this.stopped.delete(docId);
  }

  forget(docId: string): void {
    clearTimeout(this.timers.get(docId));
    this.timers.delete(docId);
    this.stopped.delete(docId);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.unsubscribe();
  }

  private changed(docId: string): void {
    if (this.stopped.has(docId)) return;
    clearTimeout(this.timers.get(docId));
    const timer = setTimeout(() => {
      this.timers.delete(docId);
      void this.run(docId);
    }, this.delayMs);
    timer.unref?.();
    this.timers.set(docId, timer);
  }

  private async run(docId: string): Promise<void> {
    if (!this.documents.has(docId) || this.stopped.has(docId) || !(await this.enabled())) return;
    const state = this.documents.state(docId);
    if (!state.dirty || !state.hasProjectFile) return;
    try {
      const saved = await this.documents.save(docId);
      this.documents.events.publish('doc.saved', { docId, ...saved, auto: true, error: null });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') this.stopped.add(docId);
      const message = (error as Error).message;
      const now = this.documents.has(docId) ? this.documents.state(docId) : state;
      this.documents.events.publish('doc.saved', {
        docId, fileName: now.fileName ?? '', revision: now.revision, dirty: now.dirty, auto: true, error: message,
      });
    }
  }
}
