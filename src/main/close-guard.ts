/**
 * What closing the window (or quitting) does with unsaved documents, as plain code with its effects injected:
 * the Electron shell supplies the message box, the save dialog and the document service; tests supply fakes.
 * With hot exit on, the window closes at once (the journal keeps the work for the next start). Otherwise it asks
 * Save / Don't Save / Cancel; a failed or cancelled save keeps the window open with the document as it was.
 */
import { projectFileName } from '../shared/formats/duosub';

/** An open document with edits not yet in its file (DocumentService.dirtyDocuments). */
export interface DirtyDocument {
  docId: string;
  fileName: string;
  /** false: never saved as a project, so Save needs a path from the save dialog. */
  hasProjectFile: boolean;
}

export type CloseAnswer = 'save' | 'dont-save' | 'cancel';

/** One thing to do before the window may close, in order. */
export type CloseStep =
  | { kind: 'save'; docId: string; fileName: string }
  | { kind: 'save-as'; docId: string; fileName: string; suggestedName: string }
  | { kind: 'discard'; docId: string; fileName: string };

/** The question the message box asks; button order matches `CLOSE_ANSWERS`. */
export interface ClosePrompt {
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

export const CLOSE_ANSWERS: readonly CloseAnswer[] = ['save', 'dont-save', 'cancel'];

/** Whether closing must ask first: only with unsaved documents and hot exit off. */
export function needsClosePrompt(dirty: readonly DirtyDocument[], hotExit: boolean): boolean {
  return dirty.length > 0 && !hotExit;
}

/** The message box's text, naming the document (or each of several). */
export function closePrompt(dirty: readonly DirtyDocument[]): ClosePrompt {
  const buttons = ['Save', "Don't Save", 'Cancel'];
  const keep = "Your changes will be lost if you don't save them.";
  if (dirty.length === 1) {
    return { message: `Do you want to save the changes you made to ${dirty[0].fileName}?`, detail: keep, buttons, defaultId: 0, cancelId: 2 };
  }
  const names = dirty.map((d) => `  ${d.fileName}`).join('\n');
  return { message: `Do you want to save the changes to ${dirty.length} documents?`, detail: `${names}\n\n${keep}`, buttons, defaultId: 0, cancelId: 2 };
}

/** The message box's button index as an answer; anything unknown (the box was dismissed) is Cancel. */
export function answerOf(buttonIndex: number): CloseAnswer {
  return CLOSE_ANSWERS[buttonIndex] ?? 'cancel';
}


/** The steps an answer leads to; null for Cancel (the window stays). */
export function closeSteps(dirty: readonly DirtyDocument[], answer: CloseAnswer): CloseStep[] | null {
  if (answer === 'cancel') return null;
  if (answer === 'dont-save') return dirty.map(({ docId, fileName }) => ({ kind: 'discard', docId, fileName }));
  return dirty.map(({ docId, fileName, hasProjectFile }) =>
    hasProjectFile
      ? { kind: 'save', docId, fileName }
      : { kind: 'save-as', docId, fileName, suggestedName: projectFileName(fileName) },
  );
}

/** The effects a close needs; Electron's in src/main/index.ts, fakes in the tests. */
export interface CloseEffects {
  dirtyDocuments(): DirtyDocument[];
  hotExit(): Promise<boolean>;
  /** Shows the prompt; resolves to the index of the button pressed. */
  ask(prompt: ClosePrompt): Promise<number>;
  save(docId: string): Promise<unknown>;
  /** The save dialog: a path, or null when the user cancelled it. */
  pickSavePath(docId: string, suggestedName: string): Promise<string | null>;
  saveAs(docId: string, path: string): Promise<unknown>;
  discard(docId: string): Promise<unknown> | unknown;
  /** Tells the user a save failed (the message names the file and says what to do). */
  showError(message: string): Promise<void>;
}

/** Decides and carries out a close: resolves true when the window may close now, false to keep it. */
export async function settleClose(effects: CloseEffects): Promise<boolean> {
  const dirty = effects.dirtyDocuments();
  if (!needsClosePrompt(dirty, dirty.length > 0 && (await effects.hotExit()))) return true;
  const steps = closeSteps(dirty, answerOf(await effects.ask(closePrompt(dirty))));
  if (!steps) return false;
  for (const step of steps) {
    if (!(await runStep(step, effects))) return false;
  }
  return true;
}

async function runStep(step: CloseStep, effects: CloseEffects): Promise<boolean> {
  try {
    if (step.kind === 'discard') {
      await effects.discard(step.docId);
    } else if (step.kind === 'save') {
      await effects.save(step.docId);
    } else {
      const path = await effects.pickSavePath(step.docId, step.suggestedName);
      if (!path) return false; // the user cancelled the dialog: cancel the close too
      await effects.saveAs(step.docId, path);
    }
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const what = step.kind === 'discard' ? 'close' : 'save';
    await effects.showError(`Could not ${what} ${step.fileName}: ${reason}\n\nThe window stays open with your changes; try Save As… to save them elsewhere.`);
    return false;
  }
}
