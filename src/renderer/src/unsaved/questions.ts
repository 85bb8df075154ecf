/**
 * The questions the window asks about unsaved work, one at a time: a flow (work-guard.ts) awaits `ask(question)`,
 * the App renders the question being asked and answers it. Keeping the asking apart from React lets the flows
 * run under vitest with scripted answers.
 */
import { Emitter, type Disposable } from '../../../shared/lifecycle';
import type { ConflictAnswer, UnsavedAnswer } from './decisions';

export interface QuestionAnswers {
  /** "Save changes to NAME?" before another document replaces this one. */
  unsaved: UnsavedAnswer;
  /** A save refused because the file changed on disk since it was read. */
  conflict: ConflictAnswer;
  /** "Reload theirs" drops the edits: said once more before it happens. */
  confirmReload: 'reload' | 'cancel';
  /** Browser-mode Save As: the name typed, or null when cancelled. */
  saveAsName: string | null;
  /** Browser-mode Save As onto a file that exists. */
  replace: 'replace' | 'cancel';
  /** A save that failed (read-only file or folder, full disk, vanished folder): Save As elsewhere, or not now. */
  saveFailed: 'saveAs' | 'cancel';
}

export type QuestionKind = keyof QuestionAnswers;

export type Question =
  | { kind: 'unsaved'; name: string }
  | { kind: 'conflict'; name: string }
  | { kind: 'confirmReload'; name: string }
  | { kind: 'saveAsName'; defaultName: string }
  | { kind: 'replace'; name: string }
  | { kind: 'saveFailed'; name: string; message: string };

type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;

/** What each question answers when it is dismissed (Escape, a click outside, the window going away). */
const DISMISSED: { [K in QuestionKind]: QuestionAnswers[K] } = {
  unsaved: 'cancel',
  conflict: 'cancel',
  confirmReload: 'cancel',
  saveAsName: null,
  replace: 'cancel',
  saveFailed: 'cancel',
};

interface Pending {
  question: Question;
  settle(answer: unknown): void;
}

export class Questions implements Disposable {
  private queue: Pending[] = [];
  private readonly changed = new Emitter<void>();

  /** Asks; resolves with the answer once the user gives it. Questions asked meanwhile wait their turn. */
  ask<K extends QuestionKind>(question: QuestionOf<K>): Promise<QuestionAnswers[K]> {
    return new Promise((resolve) => {
      this.queue.push({ question, settle: resolve as (answer: unknown) => void });
      this.notify();
    });
  }

  /** The question on screen, or null. */
  current = (): Question | null => this.queue[0]?.question ?? null;

  /** Answers the question on screen; a second answer to the same question (a click and then Escape) is ignored. */
  answer<K extends QuestionKind>(question: QuestionOf<K>, answer: QuestionAnswers[K]): void {
    const head = this.queue[0];
    if (!head || head.question !== question) return;
    this.queue.shift();
    head.settle(answer);
    this.notify();
  }

  /** Dismisses the question on screen (Escape, a click outside). */
  dismiss(question: Question): void {
    this.answer(question as QuestionOf<QuestionKind>, DISMISSED[question.kind] as never);
  }

  subscribe = (listener: () => void): (() => void) => this.changed.event(listener);

  /** The window goes away: every question still waiting gets its dismissed answer, so no flow hangs. */
  dispose(): void {
    const waiting = this.queue;
    this.queue = [];
    for (const pending of waiting) pending.settle(DISMISSED[pending.question.kind]);
    this.changed.dispose();
  }

  private notify(): void {
    this.changed.fire();
  }
}
