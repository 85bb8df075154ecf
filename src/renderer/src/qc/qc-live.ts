/**
 * Live QC for the window: one QcIndex kept across edits, so a keystroke re-checks only the cues it touched,
 * and re-run at most once per animation frame however fast edits arrive. The panel reads the issues; the
 * waveform reads the per-cue marks and the profiles (for the reading-speed strip) from the same snapshot.
 * No React here (see use-qc.ts), so the scheduling is testable in Node.
 */
import { Emitter, type Disposable } from '../../../shared/lifecycle';
import type { SubtitleDocument } from '../../../shared/model';
import type { QcProfile } from '../../../shared/qc/profiles';
import { QcIndex } from '../../../shared/qc/run';
import type { Issue } from '../../../shared/qc/types';
import { cueMarks } from './issue-view';

export interface QcSnapshot {
  issues: readonly Issue[];
  /** Worst severity per cue (errors and warnings), for the region markers. */
  marks: ReadonlyMap<string, 'error' | 'warning'>;
  /** The profiles the issues were checked against, by language. */
  profiles: Readonly<Record<string, QcProfile>>;
}

/**
 * Runs `run` later; returns a cancel. `whole` says the check will look at every cue (the first one, or new
 * profiles): the window then waits for an idle moment, so opening a long document draws the panes first.
 * Otherwise it is the next animation frame, so an edit's marks follow the keystroke.
 */
export type Scheduler = (run: () => void, whole: boolean) => () => void;

/**
 * Cues checked per turn when a long document is checked from scratch (its first check, new languages): 100,000
 * cues in one go block the window for ~0.8 s, so such a check grows over a prefix of the cues, one part per
 * idle turn; the index re-checks only the new cues and the one before them each time.
 */
export const QC_PART = 5000;

const EMPTY: QcSnapshot = { issues: [], marks: new Map(), profiles: {} };

export class QcLive implements Disposable {
  private readonly index = new QcIndex();
  private profilesKey = '';
  private doc: SubtitleDocument | null = null;
  private checkedDoc: SubtitleDocument | null = null;
  private snapshot: QcSnapshot = EMPTY;
  private cancel: (() => void) | null = null;
  /** Cues of the current document checked so far by a check done in parts; 0 when none is running. */
  private checkedPart = 0;
  private readonly changed = new Emitter<void>();

  constructor(private readonly scheduler: Scheduler) {}

  /** The document and profiles to check; the check runs on the next scheduled turn. */
  setInputs(doc: SubtitleDocument | null, profiles: Readonly<Record<string, QcProfile>>): void {
    // Profiles arrive as a fresh object each render: compare their figures, not their identity.
    const key = JSON.stringify(profiles);
    if (key !== this.profilesKey) {
      this.profilesKey = key;
      this.index.setProfiles({ ...profiles });
      this.checkedDoc = null;
      this.snapshot = { ...this.snapshot, profiles };
    }
    this.doc = doc;
    if (doc !== this.checkedDoc) this.schedule();
  }

  /** Checks now, all of it (instead of on the next frame or in parts). */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    const doc = this.doc;
    if (doc === this.checkedDoc) return;
    this.checkedPart = 0;
    this.checkedDoc = doc;
    if (doc === null) {
      this.snapshot = { ...EMPTY, profiles: this.snapshot.profiles };
    } else {
      this.index.update(doc);
      const issues = this.index.issues();
      // Same issue list (typing that fixed or caused nothing): keep the snapshot so nothing re-renders.
      if (issues === this.snapshot.issues) return;
      this.snapshot = { issues, marks: cueMarks(issues), profiles: this.snapshot.profiles };
    }
    this.changed.fire();
  }

  getSnapshot = (): QcSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => this.changed.event(listener);

  /** How many cues the last check looked at (diagnostics and tests). */
  get lastChecked(): number {
    return this.index.lastChecked;
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = null;
    this.changed.dispose();
  }

  private schedule(): void {
    if (this.cancel) return;
    this.cancel = this.scheduler(() => {
      this.cancel = null;
      this.runTurn();
    }, this.checkedDoc === null || this.checkedPart > 0);
  }

  /** One scheduled turn: the next part of a long check from scratch, else the whole (usually incremental) check. */
  private runTurn(): void {
    const doc = this.doc;
    if (doc !== null && doc !== this.checkedDoc && (this.checkedPart > 0 || this.fromScratch(doc))) {
      const upTo = this.checkedPart + QC_PART;
      if (upTo < doc.cues.length) {
        this.index.update({ ...doc, cues: doc.cues.slice(0, upTo) });
        this.checkedPart = upTo;
        this.schedule();
        return;
      }
    }
    this.flush();
  }

  /** Whether the index would check every cue of `doc` (see QcIndex.update). */
  private fromScratch(doc: SubtitleDocument): boolean {
    const last = this.checkedDoc;
    return last === null || last.languages !== doc.languages || (last.metadata.untimed === true) !== (doc.metadata.untimed === true);
  }
}

/** At most this long before a whole check runs even if the window never goes idle. */
const IDLE_TIMEOUT_MS = 1000;

/** The window's turns: an idle moment for a whole check, else the next animation frame. */
export const windowScheduler: Scheduler = (run, whole) => {
  if (whole) {
    const id = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = requestAnimationFrame(run);
  return () => cancelAnimationFrame(id);
};
