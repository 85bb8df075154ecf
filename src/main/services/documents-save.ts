/**
 * Saving a document's project file: refuses to overwrite a file someone else changed since we read it (unless
 * `force`: the user chose "keep mine"), and on any failure keeps the document, its dirty flag and its history as
 * they were, with a message that names the file.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, extname, relative } from 'node:path';
import { ApiError, type SaveResult } from '../../shared/api';
import { serializeDocument } from '../../shared/formats/registry';
import { SaveError, stampOf, writeFileAtomic } from './files';
import type { OpenDocument, ProjectStamp } from './documents-entry';

export function contentHash(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Saves to the project file; a file changed on disk since we read or wrote it is a conflict unless `force`. */
export async function saveEntry(e: OpenDocument, force = false): Promise<SaveResult> {
  if (!e.projectPath) throw new ApiError('bad-request', 'This document has no project file yet: use Save As.');
  if (!force && (await changedOnDisk(e.projectPath, e.projectStamp))) {
    throw new ApiError(
      'conflict',
      `${basename(e.projectPath)} changed on disk since it was opened: keep yours (overwrite it), reload theirs, or Save As to keep both.`,
    );
  }
  return writeProject(e, e.projectPath, e.doc);
}

/** Saves as a new project file (`.duosub.json` added unless the name ends in .json); the media reference follows. */
export function saveEntryAs(e: OpenDocument, path: string): Promise<SaveResult> {
  const target = projectTarget(path);
  let doc = e.doc;
  if (e.mediaPath && doc.media) {
    // Keep the media reference valid from the new folder (applied only once the file is written).
    doc = { ...doc, media: { ...doc.media, path: relative(dirname(target), e.mediaPath) } };
  }
  return writeProject(e, target, doc);
}

export function projectTarget(path: string): string {
  return extname(path) === '.json' ? path : `${path}.duosub.json`;
}

/**
 * Whether the file differs from what we last read or wrote: size and mtime first (cheap); when only the mtime
 * moved (a touch, a sync tool rewriting the same bytes), the content hash decides.
 */
async function changedOnDisk(path: string, known: ProjectStamp | null): Promise<boolean> {
  const now = await stampOf(path);
  if (!now) return false; // gone: saving puts it back
  if (!known) return true;
  if (now.size !== known.size) return true;
  if (now.mtimeMs === known.mtimeMs) return false;
  if (!known.hash) return true;
  const bytes = await readFile(path).catch(() => null);
  return bytes === null || contentHash(bytes) !== known.hash;
}

async function writeProject(e: OpenDocument, path: string, doc: OpenDocument['doc']): Promise<SaveResult> {
  const before = e.doc;
  const revision = e.revision;
  const text = serializeDocument(doc, 'duosub');
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    // Nothing of the document changes: it stays dirty with its history, and Save As is still there.
    throw new ApiError('failed', saveFailure(path, error));
  }
  // Edits made while the file was written stay unsaved: only what was written counts as saved.
  if (doc !== before) e.doc = e.doc === before ? doc : { ...e.doc, media: doc.media };
  e.projectPath = path;
  e.sourcePath ??= path;
  e.baseDir = dirname(path);
  e.format = 'duosub';
  const stamp = await stampOf(path);
  e.projectStamp = stamp ? { ...stamp, hash: contentHash(text) } : null;
  e.savedRevision = revision;
  return { fileName: basename(path), revision, dirty: e.revision !== revision };
}

const SAVE_ERRORS = new Map([
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['EROFS', 'the disk is read-only'],
  ['ENOSPC', 'the disk is full'],
  ['ENOENT', 'its folder no longer exists'],
  ['EISDIR', 'a folder has that name'],
]);

/** The writer's message when it already names the file (a user sentence), else one that does. */
function saveFailure(path: string, error: unknown): string {
  // The one atomic write already says what went wrong, naming the file, and what to do.
  if (error instanceof SaveError) return error.message;
  const name = basename(path);
  const { message, code } = error as NodeJS.ErrnoException;
  if (typeof message === 'string' && message.includes(name) && !/^E[A-Z]+:/.test(message)) return message;
  const reason = (code && SAVE_ERRORS.get(code)) || code || String(message ?? error);
  return `Could not save ${name} in ${dirname(path)}: ${reason}. Your changes are kept: try Save As to another folder.`;
}
