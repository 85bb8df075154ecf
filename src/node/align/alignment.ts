/**
 * Auto-timing jobs: segment the document's turns into subtitle-sized cues, align their spoken-language text to
 * the document's media off the main thread (worker), and apply the result as one undo step. Progress, the end
 * and errors are reported as events; a job can be cancelled. No electron here.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, type EventMap } from '../../shared/api';
import { autoTimeReviews, planAutoTime } from '../../shared/align/apply';
import { planSubtitleCues } from '../../shared/align/build-cues';
import { CommandError } from '../../shared/commands/plan';
import { runAlignInWorker } from './worker';
import type { DocumentService } from '../documents/documents';
import type { EventBus } from '../events';

interface Job {
  docId: string;
  controller: AbortController;
}

/** espeak-ng voice for a document language code. */
export function voiceFor(lang: string): string {
  const base = lang.toLowerCase().split('-')[0];
  const voices: Record<string, string> = { en: 'en-us', zh: 'cmn', ja: 'ja', ko: 'ko', fr: 'fr-fr', de: 'de', es: 'es' };
  return voices[base] ?? base;
}

export class AlignmentService {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly documents: DocumentService,
    private readonly events: EventBus,
  ) {}

  /** Starts a job; refuses at once what cannot run (no media, nothing to align, a job already running). */
  start(docId: string, cueIds: string[] | 'all', spokenLang: string, ffmpegPath?: string): { jobId: string } {
    const state = this.documents.state(docId);
    const audioPath = this.documents.mediaPathOf(docId);
    if (!audioPath) throw new ApiError('bad-request', 'Auto-timing needs the audio: open the media for this document first.');
    if (!state.doc.languages.some((l) => l.code === spokenLang)) throw new ApiError('bad-request', `the document has no language ${spokenLang}`);
    if ([...this.jobs.values()].some((j) => j.docId === docId)) throw new ApiError('conflict', 'Auto-timing is already running for this document.');
    const planned = planSubtitleCues(state.doc, cueIds, spokenLang);
    if (planned.length === 0) throw new ApiError('bad-request', 'Nothing to auto-time: the selection has no text.');
    const sources = new Map(state.doc.cues.map((c) => [c.id, c]));
    const anchors = planned.flatMap((p, index) => {
      const cue = p.pinned ? sources.get(p.sourceCueId) : undefined;
      return cue ? [{ index, start: cue.start, end: cue.end }] : [];
    });
    const jobId = randomBytes(6).toString('hex');
    const controller = new AbortController();
    this.jobs.set(jobId, { docId, controller });
    const revision = state.revision;
    void runAlignInWorker(
      { audioPath, fragments: planned.map((p) => p.spoken), language: voiceFor(spokenLang), anchors },
      {
        signal: controller.signal,
        ffmpegPath,
        onProgress: (fraction, stage) => this.events.publish('align.progress', { jobId, docId, fraction, stage }),
      },
    ).then(
      (aligned) => this.finish(jobId, docId, () => {
        if (this.documents.state(docId).revision !== revision) {
          throw new ApiError('conflict', 'The document changed while auto-timing ran; run it again.');
        }
        const doc = this.documents.state(docId).doc;
        const result = this.documents.applyPlan(docId, planAutoTime(doc, cueIds, planned, aligned.times, aligned.review, aligned.confidence));
        // The plan selects exactly the reviewed cues, in the same order.
        const reviews = autoTimeReviews(planned, aligned.review, aligned.confidence)
          .map(({ index, reason }, k) => ({ cueId: result.select?.[k] ?? '', reason, text: planned[index].text }));
        return { result, reviews: reviews.filter((r) => r.cueId !== '') };
      }),
      (error: unknown) => this.finish(jobId, docId, () => {
        throw error;
      }),
    );
    return { jobId };
  }

  cancel(jobId: string): { cancelled: boolean } {
    const job = this.jobs.get(jobId);
    if (!job) return { cancelled: false };
    job.controller.abort();
    return { cancelled: true };
  }

  dispose(): void {
    for (const job of this.jobs.values()) job.controller.abort();
  }

  private finish(jobId: string, docId: string, apply: () => Pick<EventMap['align.finished'], 'result' | 'reviews'>): void {
    const job = this.jobs.get(jobId);
    this.jobs.delete(jobId);
    const cancelled = job?.controller.signal.aborted ?? false;
    if (cancelled) {
      this.events.publish('align.finished', { jobId, docId, result: null, error: null, cancelled: true, reviews: [] });
      return;
    }
    try {
      this.events.publish('align.finished', { jobId, docId, ...apply(), error: null, cancelled: false });
    } catch (error) {
      const message = error instanceof ApiError || error instanceof CommandError || error instanceof Error ? error.message : String(error);
      this.events.publish('align.finished', { jobId, docId, result: null, error: message, cancelled: false, reviews: [] });
    }
  }
}
