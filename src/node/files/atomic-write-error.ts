/** Why a save failed, as a sentence that names the file and says what to do. No electron here. */
import { dirname } from 'node:path';

export type SaveErrorCode =
  | 'disk-full'
  | 'read-only-file'
  | 'read-only-folder'
  | 'read-only-disk'
  | 'folder-missing'
  | 'not-a-file'
  | 'link-loop'
  | 'too-large'
  | 'io'
  | 'failed';

/** A save that did not happen; the file on disk is as it was (or, for `io` after the rename, already the new one). */
export class SaveError extends Error {
  constructor(
    readonly code: SaveErrorCode,
    readonly path: string,
    /** What is wrong, without the file's name: for callers that name the file their own way (the CLI). */
    readonly reason: string,
    /** What the user of the app can do about it. */
    readonly advice: string,
    /** The file actually written when `path` is a symbolic link. */
    readonly target: string = path,
    /** The system's error code (ENOSPC, EACCES, …), when there was one. */
    readonly errno?: string,
  ) {
    super(`cannot save ${target === path ? path : `${path} (a link to ${target})`}: ${reason}. ${advice}`);
    this.name = 'SaveError';
  }
}

type Reason = [SaveErrorCode, (target: string) => string, string];

const ELSEWHERE = 'Use Save As to save it on another disk.';
const FREE_SPACE = 'Free some space, or use Save As to save it on another disk.';
const ANOTHER_FOLDER = 'Use Save As to save it in another folder.';

// Errors of creating, writing or renaming the temporary file beside the target.
const REASONS: Record<string, Reason> = {
  ENOSPC: ['disk-full', () => 'the disk is full', FREE_SPACE],
  EDQUOT: ['disk-full', () => 'your disk quota is used up', FREE_SPACE],
  EACCES: ['read-only-folder', (t) => `the folder is read-only (no permission to create files in ${dirname(t)})`, ANOTHER_FOLDER],
  EPERM: ['read-only-folder', (t) => `the folder is read-only (no permission to create files in ${dirname(t)})`, ANOTHER_FOLDER],
  EROFS: ['read-only-disk', () => 'the disk it is on is read-only', ELSEWHERE],
  ENOENT: ['folder-missing', (t) => `the folder ${dirname(t)} no longer exists`, ANOTHER_FOLDER],
  ENOTDIR: ['folder-missing', (t) => `the folder ${dirname(t)} no longer exists`, ANOTHER_FOLDER],
  EISDIR: ['not-a-file', () => 'it is a folder, not a file', 'Choose a file name.'],
  ELOOP: ['link-loop', () => 'its symbolic links form a loop', 'Fix the link, or use Save As to choose another name.'],
  EFBIG: ['too-large', () => 'the file is larger than this disk or a size limit allows', ELSEWHERE],
  EIO: ['io', () => 'the disk reported an input/output error', `${ELSEWHERE} Then check this disk.`],
};

/** Turns whatever a save step threw into a SaveError naming `path` (the user's name) and `target` (written). */
export function saveErrorFrom(error: unknown, path: string, target: string): SaveError {
  if (error instanceof SaveError) return error;
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  const known = errno ? REASONS[errno] : undefined;
  if (known) return new SaveError(known[0], path, known[1](target), known[2], target, errno);
  const detail = error instanceof Error ? error.message : String(error);
  return new SaveError('failed', path, detail, 'Use Save As to save it elsewhere.', target, errno);
}

export function readOnlyFile(path: string, target: string, forUser: boolean): SaveError {
  const reason = forUser ? 'the file is read-only for you (its permissions do not let you change it)' : 'the file is read-only';
  return new SaveError('read-only-file', path, reason, 'Make it writable, or use Save As to save a copy under another name.', target, 'EACCES');
}

/** Written after the rename: the file holds the new content, but the folder could not be made durable. */
export function folderNotSynced(path: string, target: string): SaveError {
  return new SaveError('io', path, 'the disk reported an input/output error after writing it, so the new content may not survive a power cut', 'Save again, or use Save As to save it on another disk.', target, 'EIO');
}
