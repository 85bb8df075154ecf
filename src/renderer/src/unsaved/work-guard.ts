/**
 * The flows that keep the user's work: save (and what a conflict or an existing file asks), Save As, and the
 * "Save changes to NAME?" question before another document replaces this one. Pure TS over the session and the
 * question queue, so vitest runs every path with scripted answers.
 */
import type { AppSession } from '../session/app-session';
import { documentName } from '../session/document-name';
import { projectFileName } from '../transport/files';
import { conflictAction, freshName, needsUnsavedQuestion, proceedAfterUnsaved } from './decisions';
import type { Questions } from './questions';

export interface WorkGuard {
  /** Save; Save As when there is no project file. Resolves to whether the document is saved now. */
  save(): Promise<boolean>;
  /** Save As: Electron's dialog, or browser mode's name question (never replacing a file without asking). */
  saveAs(): Promise<boolean>;
  /** Before another document replaces this one: asks when there are unsaved edits; resolves to "go on". */
  confirmReplace(): Promise<boolean>;
}

export interface GuardDeps {
  session: AppSession;
  questions: Questions;
  /** Electron asks for the Save As path in its own dialog (which asks before replacing a file). */
  electron: boolean;
}

export function createWorkGuard({ session, questions, electron }: GuardDeps): WorkGuard {
  /** Documents whose save met a conflict: their Save As offers a new name, never the file someone else changed. */
  const conflicted = new Set<string>();
  const currentName = () => {
    const state = session.doc.state();
    return state ? documentName(state) : 'Untitled';
  };

  async function save(): Promise<boolean> {
    const outcome = await session.files.save();
    if (outcome === 'needs-save-as') return saveAs();
    if (outcome === 'conflict') return resolveConflict();
    if (outcome === 'failed') return offerSaveAs();
    return outcome === 'saved';
  }

  /** A save the disk refused (read-only, full, folder gone): say why and offer Save As; nothing was lost. */
  async function offerSaveAs(): Promise<boolean> {
    const docState = session.doc.state();
    const { status } = session.ui.getState();
    if (!docState) return false;
    const message = status?.kind === 'error' ? status.text : '';
    return (await questions.ask({ kind: 'saveFailed', name: currentName(), message })) === 'saveAs' ? saveAs() : false;
  }

  async function resolveConflict(): Promise<boolean> {
    const name = currentName();
    const docId = session.doc.state()?.docId;
    if (docId) conflicted.add(docId);
    switch (conflictAction(await questions.ask({ kind: 'conflict', name }))) {
      case 'force-save':
        return (await session.files.save(true)) === 'saved';
      case 'confirm-reload':
        if ((await questions.ask({ kind: 'confirmReload', name })) === 'reload') await session.files.revert();
        // Their version is what shows now; the user's edits were not saved.
        return false;
      case 'save-as-fresh':
        return saveAs();
      case 'none':
        return false;
    }
  }

  async function saveAs(): Promise<boolean> {
    if (electron) return (await session.files.saveAs()) === 'saved';
    const state = session.doc.state();
    if (!state) return false;
    const suggested = projectFileName(state.fileName);
    let name = conflicted.has(state.docId) ? freshName(suggested) : suggested;
    for (;;) {
      const chosen = await questions.ask({ kind: 'saveAsName', defaultName: name });
      if (chosen === null) return false;
      let outcome = await session.files.saveAs(chosen);
      if (outcome === 'exists') {
        // Cancel goes back to the name, so the user can pick another.
        if ((await questions.ask({ kind: 'replace', name: chosen })) !== 'replace') {
          name = chosen;
          continue;
        }
        outcome = await session.files.saveAs(chosen, true);
      }
      if (outcome === 'saved') conflicted.delete(state.docId);
      return outcome === 'saved';
    }
  }

  async function confirmReplace(): Promise<boolean> {
    // Edits still on their way to main have not set the dirty flag yet: let them land first.
    await session.doc.idle();
    if (!needsUnsavedQuestion(session.doc.state(), session.doc.editsInFlight())) return true;
    const answer = await questions.ask({ kind: 'unsaved', name: currentName() });
    return proceedAfterUnsaved(answer, answer === 'save' && (await save()));
  }

  return { save, saveAs, confirmReplace };
}
