/** Save As in browser mode, which has no dialog: a typed file name, in the folder main picks. */
import { lstatSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { ApiError, type SaveResult } from '../../shared/api';
import { projectFileName } from '../../shared/formats/duosub';
import type { DocumentService } from '../documents/documents';
import { projectTarget } from '../documents/documents-save';

/** `fileName` beside the document's file (else in ~/Duosub), never over an existing one unasked. */
export async function saveAsInFolder(documents: DocumentService, docId: string, fileName: string | undefined, overwrite: boolean): Promise<SaveResult> {
  const name = safeFileName(fileName ?? projectFileName(documents.state(docId).fileName));
  const folder = documents.saveFolder(docId, join(homedir(), 'Duosub'));
  await mkdir(folder, { recursive: true });
  const target = join(folder, name);
  if (!overwrite && pathExists(target)) throw new ApiError('exists', `${name} already exists in ${folder}; replace it?`);
  return documents.saveAs(docId, target);
}

/** Whether anything is at `path`, a dangling symlink included (existsSync follows links). */
function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A file name typed in browser mode: a plain name in the save folder, never a path; a project file name. */
function safeFileName(name: string): string {
  const clean = basename(name.trim());
  if (!clean || clean === '.' || clean === '..' || /[\\/:*?"<>|\0]/.test(clean)) {
    throw new ApiError('bad-request', `not a valid file name: ${name}`);
  }
  return projectTarget(clean);
}
