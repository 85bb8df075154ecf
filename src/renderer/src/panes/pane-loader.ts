/**
 * Loads a long cue list into the panes in parts, one part per task, so opening 100,000 cues never blocks the
 * window for long: the first part is shown at once, the rest is appended after the browser has had a turn
 * (to paint, take a scroll, show the progress). Until the last part is in, the panes are read-only and say
 * "Loading 42,000 / 100,000 cues…"; the controller holds back document changes until then.
 */
import type { Cue } from '../../../shared/model';
import type { LanguagePane } from './language-pane';
import { alignAll } from './alignment';
import { blockTextsFor } from './block-text';
import { PART, thousands } from './load-parts';

export class PaneLoader {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly notes: HTMLElement[];

  /** `next` cues of `cues` are already in the panes; the rest follow, then `done` runs. */
  constructor(
    private readonly panes: readonly LanguagePane[],
    containers: readonly HTMLElement[],
    private readonly cues: readonly Cue[],
    private next: number,
    private readonly done: () => void,
  ) {
    this.notes = containers.map((container) => {
      const note = document.createElement('div');
      note.className = 'duosub-pane-loading';
      note.setAttribute('role', 'status');
      note.setAttribute('data-testid', 'pane-loading');
      container.appendChild(note);
      return note;
    });
    this.showProgress();
    this.schedule();
  }

  /** Stops loading (a new document, or the panes go away); the panes keep what they have. */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const note of this.notes) note.remove();
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.loadPart(), 0);
  }

  private loadPart(): void {
    this.timer = null;
    const from = this.next;
    const to = Math.min(this.cues.length, from + PART);
    const part = this.cues.slice(from, to);
    const ids = part.map((c) => c.id);
    for (const pane of this.panes) pane.appendBlocks(ids, blockTextsFor(part, pane.lang));
    // From the block before: it was measured as the last block, and its zone may now need re-reading.
    alignAll(this.panes, Math.max(0, from - 1), to);
    this.next = to;
    if (to < this.cues.length) {
      this.showProgress();
      this.schedule();
      return;
    }
    this.cancel();
    this.done();
  }

  private showProgress(): void {
    const text = `Loading ${thousands(this.next)} / ${thousands(this.cues.length)} cues…`;
    for (const note of this.notes) note.textContent = text;
  }
}
