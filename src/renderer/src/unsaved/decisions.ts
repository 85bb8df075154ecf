/**
 * The rules that decide when unsaved work needs a question, and what each answer leads to. Pure (no DOM, no
 * store), so every branch is a unit test; the guard (work-guard.ts) and the dialogs only carry them out.
 */
import type { DocumentState, RecoveryEntry } from '../../../shared/api';
import type { EditSettings } from '../../../shared/commands/schema';

/** The error code main attached to a failed call ('conflict', 'exists' …), or null. */
export function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** Opening another document over this one needs a question only when it has unsaved edits. */
export function needsUnsavedQuestion(docState: DocumentState | null, editsInFlight = false): boolean {
  return docState !== null && (docState.dirty || editsInFlight);
}

/**
 * Leaving the page asks while the document is dirty, unless hot exit is on: then the server keeps the session and
 * the journal keeps the work, so nothing is lost by leaving.
 */
export function promptOnUnload(docState: DocumentState | null, settings: EditSettings, editsInFlight = false): boolean {
  return needsUnsavedQuestion(docState, editsInFlight) && settings.hotExit !== true;
}

export type UnsavedAnswer = 'save' | 'discard' | 'cancel';

/** Whether to go on opening the other document: after Save only when the save went through. */
export function proceedAfterUnsaved(answer: UnsavedAnswer, saved: boolean): boolean {
  if (answer === 'discard') return true;
  if (answer === 'save') return saved;
  return false;
}

export type ConflictAnswer = 'keep' | 'reload' | 'saveAs' | 'cancel';

/** What a conflict answer does: save over theirs, take theirs (after a second question), save elsewhere, nothing. */
export function conflictAction(answer: ConflictAnswer): 'force-save' | 'confirm-reload' | 'save-as-fresh' | 'none' {
  switch (answer) {
    case 'keep': return 'force-save';
    case 'reload': return 'confirm-reload';
    case 'saveAs': return 'save-as-fresh';
    case 'cancel': return 'none';
  }
}

const PROJECT_SUFFIX = /\.duosub\.json$/i;

/**
 * A name beside `fileName` that is not `fileName`: `talk.duosub.json` → `talk (2).duosub.json`, `talk (2).duosub.json`
 * → `talk (3).duosub.json`. Offered after a conflict, so Save As never pre-fills the file someone else changed.
 */
export function freshName(fileName: string): string {
  const suffix = PROJECT_SUFFIX.exec(fileName)?.[0] ?? (/\.[^.]*$/.exec(fileName)?.[0] ?? '');
  const base = fileName.slice(0, fileName.length - suffix.length);
  const numbered = /^(.*) \((\d{1,6})\)$/.exec(base);
  const stem = numbered ? numbered[1] : base;
  const next = numbered ? Number(numbered[2]) + 1 : 2;
  return `${stem || 'untitled'} (${next})${suffix}`;
}

/** One line about a recovered document: when, how many edits, how many cues. */
export function recoverySummary(entry: RecoveryEntry, now = Date.now()): string {
  const edits = `${entry.edits} unsaved ${entry.edits === 1 ? 'change' : 'changes'}`;
  const cues = `${entry.cues} ${entry.cues === 1 ? 'cue' : 'cues'}`;
  return `${edits} · ${cues} · ${whenText(entry.modified, now)}`;
}

function whenText(modified: number, now: number): string {
  const minutes = Math.round((now - modified) / 60_000);
  if (minutes >= 0 && minutes < 1) return 'just now';
  if (minutes >= 1 && minutes < 60) return `${minutes} min ago`;
  const date = new Date(modified);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
