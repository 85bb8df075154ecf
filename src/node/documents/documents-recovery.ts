/** What the recovery list shows of journals left by an earlier run (or a crash): one line per document. */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApiError, type RecoveryEntry } from '../../shared/api';
import { JOURNAL_ID, type LoadedJournal } from './journal-format';
import { entryFromJournal } from './documents-entry';
import { ownedByAnotherProcess, type Journal } from './journal';

/** Journals no open document keeps, newest first; one that cannot be read is listed (edits 0) so it can be discarded. */
export async function recoveryEntries(journal: Journal): Promise<RecoveryEntry[]> {
  const ids = await journal.orphans();
  const entries = await Promise.all(ids.map((id) => summarize(journal, id)));
  return entries.filter((e): e is RecoveryEntry => e !== null).sort((a, b) => b.modified - a.modified);
}

async function summarize(journal: Journal, id: string): Promise<RecoveryEntry | null> {
  let loaded: LoadedJournal;
  try {
    loaded = await journal.load(id);
  } catch {
    const paths = journal.paths(id);
    const modified = await Promise.any([stat(paths.log), stat(paths.snapshot)]).then((s) => s.mtimeMs, () => 0);
    return { id, fileName: `Unreadable recovery file (${id.slice(0, 8)})`, path: null, modified, edits: 0, cues: 0 };
  }
  // Another Duosub still running has this document open: not ours to offer.
  if (ownedByAnotherProcess(loaded.snapshot.owner)) return null;
  const { entry, replayed } = entryFromJournal(loaded, '');
  const lastTime = replayed > 0 ? loaded.records[replayed - 1].time : 0;
  return {
    id,
    fileName: entry.projectPath ? basename(entry.projectPath) : entry.displayName,
    path: entry.projectPath ?? entry.sourcePath,
    modified: Math.max(loaded.snapshot.modified, lastTime),
    edits: Math.max(0, entry.revision - loaded.snapshot.savedRevision),
    cues: entry.doc.cues.length,
  };
}

/** The journal, when `journalId` may name work in it that this run does not have open. */
export function journalOf(journal: Journal | null, journalId: string): Journal {
  if (!journal) throw new ApiError('unsupported', 'there is no recovery journal in this run');
  if (!JOURNAL_ID.test(journalId)) throw new ApiError('not-found', `no recovered work ${journalId.slice(0, 40)}`);
  if (journal.isLive(journalId)) throw new ApiError('conflict', 'that work is already open');
  return journal;
}

/** Deletes a journal the user chose not to restore; whether there was one. */
export async function discardJournal(journal: Journal, journalId: string): Promise<boolean> {
  const existed = (await journal.orphans()).includes(journalId);
  await journal.remove(journalId);
  return existed;
}

/** The file a journalled document came from (or the journal itself when it had none), to show it. */
export async function journalledPath(journal: Journal, journalId: string): Promise<string> {
  const entry = (await recoveryEntries(journal)).find((e) => e.id === journalId);
  if (!entry) throw new ApiError('not-found', `no recovered work ${journalId.slice(0, 8)}`);
  return entry.path ?? journal.paths(journalId).snapshot;
}

/** A journal to restore; one that cannot be read is the user's to discard, said so. */
export async function loadForRestore(journal: Journal, id: string): Promise<LoadedJournal> {
  try {
    return await journal.load(id);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0];
    throw new ApiError('failed', `The recovered work ${id.slice(0, 8)} cannot be read (${why}); discard it.`);
  }
}
