/**
 * Auto-timing jobs of this window: start and cancel one, follow its progress, and when it ends show the outcome
 * and select the cues it names. The edit itself reaches the document like any change main makes (the session's
 * one rule), not through here.
 */
import type { DuosubApi, EventMap } from '../../../shared/api';
import type { DocumentSession } from './document-session';
import type { UiStore } from './ui-store';

export class AutoTiming {
  constructor(private readonly api: DuosubApi, private readonly session: DocumentSession, private readonly ui: UiStore) {}

  /** Starts auto-timing (whole document or these cues) against the media; progress arrives as events. */
  start(cueIds: string[] | 'all', spokenLang: string): Promise<boolean> {
    const docId = this.session.docId();
    if (!docId) return Promise.resolve(false);
    return this.session.queue(() => this.api['align.start']({ docId, cueIds, spokenLang })).then(
      ({ jobId }) => {
        this.ui.setAlignJob({ jobId, fraction: 0, stage: 'starting' });
        return true;
      },
      (error) => {
        this.ui.fail(error);
        return false;
      },
    );
  }

  cancel(): void {
    const job = this.ui.getState().alignJob;
    if (job) void this.api['align.cancel']({ jobId: job.jobId }).catch((error) => this.ui.fail(error));
  }

  onProgress(e: EventMap['align.progress']): void {
    if (this.ui.getState().alignJob?.jobId === e.jobId) this.ui.setAlignJob({ jobId: e.jobId, fraction: e.fraction, stage: e.stage });
  }

  /**
   * The job ended. Its edit is settled by the session's rule (a change main made, already known when its
   * doc.changed came first); in order with the other requests, so the selection finds the cues it names.
   */
  onFinished(e: EventMap['align.finished']): void {
    if (this.ui.getState().alignJob?.jobId !== e.jobId) return;
    this.ui.setAlignJob(null);
    if (e.cancelled) return this.ui.setStatus('Auto-timing cancelled');
    const result = e.result;
    if (!result) return this.ui.setStatus(e.error ?? 'Auto-timing failed', 'error');
    void this.session.queue(async () => {
      if (this.session.docId() !== result.docId) return;
      await this.session.settle(result);
      if (result.select?.length) this.ui.selectMany(result.select);
      this.ui.setStatus(result.label);
    });
  }
}
