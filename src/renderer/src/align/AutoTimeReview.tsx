/**
 * What auto-time asks the user to check: after a job, a small floating list of the cues it selected for review,
 * each with its reason (the aligner's doubt, or a Chinese/English length pair that looks like a mismatch).
 * Clicking a row selects that cue; the list stays until closed or the next job, so the user can work through it;
 * a cue whose text the user changed (or that an undo took back) leaves the list. "Select unsure cues" selects
 * exactly the cues whose times the aligner still doubts (their stored confidence under UNSURE_BELOW, times unmoved).
 */
import { useEffect, useState, type JSX } from 'react';
import type { DuosubBridge } from '../../../shared/api';
import type { SubtitleDocument } from '../../../shared/model';
import { isTimingUnsure } from '../../../shared/timing-confidence';
import './auto-time.css';

export interface ReviewItem {
  cueId: string;
  reason: string;
  /** The cue's texts as auto-time made them. */
  text: Record<string, string>;
}

/** Still to review: the cue is there with the texts auto-time gave it (not undone, merged away or rewritten). */
function stillThere(doc: SubtitleDocument, index: Map<string, number>, item: ReviewItem): boolean {
  const at = index.get(item.cueId);
  if (at === undefined) return false;
  const cue = doc.cues[at];
  return Object.entries(item.text).every(([lang, text]) => (cue.text[lang] ?? '') === text);
}

/** Ids of the cues whose timing is unsure now, in document order. */
export function unsureCueIds(doc: SubtitleDocument): string[] {
  return doc.cues.filter(isTimingUnsure).map((c) => c.id);
}

/** The reviews of the latest finished job of this document (empty after a job with none, a failure or a cancel). */
export function useAutoTimeReviews(bridge: DuosubBridge, docId: string | null): [ReviewItem[], () => void] {
  const [reviews, setReviews] = useState<ReviewItem[]>([]);
  useEffect(() => {
    setReviews([]);
    return bridge.on('align.finished', (e) => {
      if (e.docId === docId) setReviews(e.result ? e.reviews : []);
    });
  }, [bridge, docId]);
  return [reviews, () => setReviews([])];
}

export interface AutoTimeReviewProps {
  doc: SubtitleDocument;
  reviews: ReviewItem[];
  selectedCueId: string | null;
  onSelect(cueId: string): void;
  /** Selects every cue still listed (as auto-time did when it finished). */
  onSelectAll(cueIds: string[]): void;
  onClose(): void;
}

export function AutoTimeReview({ doc, reviews, selectedCueId, onSelect, onSelectAll, onClose }: AutoTimeReviewProps): JSX.Element | null {
  if (reviews.length === 0) return null;
  const index = new Map(doc.cues.map((c, i) => [c.id, i]));
  const first = doc.languages[0]?.code;
  const live = reviews.filter((r) => stillThere(doc, index, r));
  if (live.length === 0) return null;
  const unsure = unsureCueIds(doc);
  return (
    <aside className="duosub-review" role="region" aria-label="Cues to review" data-testid="auto-time-review">
      <header>
        <span>Auto-time: {live.length} {live.length === 1 ? 'cue' : 'cues'} to review</span>
        <span>
          <button type="button" className="select-all" onClick={() => onSelectAll(live.map((r) => r.cueId))} data-testid="review-select-all">Select all</button>
          {unsure.length > 0 && (
            <button type="button" className="select-all" onClick={() => onSelectAll(unsure)} data-testid="review-select-unsure" title="Select the cues whose times auto-time is unsure of">
              Select unsure cues ({unsure.length})
            </button>
          )}
          <button type="button" onClick={onClose} aria-label="Close the review list">×</button>
        </span>
      </header>
      <ol>
        {live.map((r) => {
          const at = index.get(r.cueId)!;
          const cue = doc.cues[at];
          return (
            <li key={r.cueId} className={r.cueId === selectedCueId ? 'current' : ''}>
              <button type="button" onClick={() => onSelect(r.cueId)} data-testid="review-item">
                <b>#{at + 1}</b> {r.reason}
                {first !== undefined && <span className="text">{cue.text[first] ?? ''}</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
