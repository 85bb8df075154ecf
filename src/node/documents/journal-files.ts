/**
 * Disk access for the recovery journal: private files (folder 0700, files 0600), appends made durable with
 * fdatasync, snapshots replaced atomically. No electron here.
 */
import { chmod, mkdir, open, unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../files/files';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the journal folder readable by its owner only (and tightens an existing one). */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode is masked by umask and ignored for a folder that exists already.
  await chmod(dir, PRIVATE_DIR_MODE).catch(() => undefined);
}

/**
 * Replaces `path` with `data` (text, or parts made while writing: a big snapshot) through the app's one atomic
 * write, so a crash leaves the old or the new file whole; a new file is private (0600).
 */
export function writePrivateFileAtomic(path: string, data: string | Iterable<string>): Promise<void> {
  return writeFileAtomic(path, data, { mode: PRIVATE_FILE_MODE });
}

/** Appends lines and waits until they are on disk. */
export async function appendDurably(path: string, data: string): Promise<void> {
  const handle = await open(path, 'a', PRIVATE_FILE_MODE);
  try {
    await handle.appendFile(data);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
