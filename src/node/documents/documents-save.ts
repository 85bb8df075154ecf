/**
 * Saving a document's project file: refuses to overwrite a file someone else changed since we read it (unless
 * `force`: the user chose "keep mine"), and on any failure keeps the document, its dirty flag and its history as
 * they were, with a message that names the file.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { ApiError, type SaveResult } from '../../shared/api';
import type { MediaReference } from '../../shared/model';
import { serializeDocument } from '../../shared/formats/registry';
import { SaveError, stampOf, writeFileAtomic } from '../files/files';
import type { OpenDocument, ProjectStamp } from './documents-entry';
import { mediaFingerprint } from '../media/peaks-cache';
import { storedOriginalName } from '../media/media-store';

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
  return writeProject(e, projectTarget(path), e.doc);
}

/**
 * The media reference as the project at `projectPath` records it: the path relative to the project's folder
 * (a file of the browser-mode media store by the name the user gave it, as if beside the project), and the size
 * and head hash of the attached file, by which a moved file or the store's copy is found again on opening.
 */
export async function projectMediaReference(e: OpenDocument, projectPath: string, media: MediaReference | null): Promise<MediaReference | null> {
  if (!media) return null;
  const file = e.mediaPath ?? (isAbsolute(media.path) ? media.path : resolve(e.baseDir, media.path));
  const path = storedOriginalName(file) ?? (relative(dirname(projectPath), file) || basename(file));
  const ref: MediaReference = { ...media, path };
  // Only the attached file is known to be the media: a missing one keeps what the project recorded.
  const print = e.mediaPath ? await mediaFingerprint(e.mediaPath).catch(() => null) : null;
  if (print) Object.assign(ref, { size: print.size, headHash: print.headHash });
  return ref;
}

/** The document with its media reference as it is saved at `path` (the same object when nothing changes). */
async function withMediaReference(e: OpenDocument, path: string, doc: OpenDocument['doc']): Promise<OpenDocument['doc']> {
  const media = await projectMediaReference(e, path, doc.media);
  return JSON.stringify(media) === JSON.stringify(doc.media) ? doc : { ...doc, media };
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

async function writeProject(e: OpenDocument, path: string, given: OpenDocument['doc']): Promise<SaveResult> {
  const before = e.doc;
  const revision = e.revision;
  // The media reference follows the project's folder (applied only once the file is written).
  const doc = await withMediaReference(e, path, given);
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
  return { fileName: basename(path), path, revision, dirty: e.revision !== revision };
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
