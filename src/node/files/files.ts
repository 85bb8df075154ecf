/** Disk access for documents: atomic writes (atomic-write.ts) and change detection. No electron here. */
import { stat } from 'node:fs/promises';

export { SaveError, writeFileAtomic, writeFileAtomicSync } from './atomic-write';

/** What we remember of a file when we read or wrote it, to notice changes made by someone else. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export async function stampOf(path: string): Promise<FileStamp | null> {
  try {
    const s = await stat(path);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}
