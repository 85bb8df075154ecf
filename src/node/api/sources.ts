/** Where the files a request names are: a dialog's pick, an upload, or a path dropped on the window. */
import { basename } from 'node:path';
import { ApiError, type FileSource } from '../../shared/api';
import type { Platform } from './platform';

export interface ResolvedSource {
  /** Null: the dialog was cancelled. */
  path: string | null;
  /** An upload's temporary copy: opened as a copy, never saved over. */
  temporary: boolean;
  /** The name the user knows the file by (an upload's original name). */
  name?: string;
}

/** The path a FileSource names: the dialog's, an upload's, or a dropped file's (Electron, when granted). */
export async function resolveSource(platform: Platform, source: FileSource, kind: 'document' | 'media'): Promise<ResolvedSource> {
  switch (source.kind) {
    case 'dialog':
      return { path: await platform.pickOpenPath(kind), temporary: false };
    case 'upload': {
      const path = platform.uploadPath(source.uploadId);
      if (!path) throw new ApiError('not-found', 'the uploaded file is gone; open it again');
      return { path, temporary: true, name: platform.uploadName?.(source.uploadId) ?? undefined };
    }
    case 'dropped':
      if (platform.mode !== 'electron') throw new ApiError('unsupported', 'dropped paths are only accepted in the desktop app');
      if (!platform.isGrantedPath?.(source.path)) {
        throw new ApiError('bad-request', `${basename(source.path)} was not dropped on this window; open it with Open… instead`);
      }
      return { path: source.path, temporary: false };
  }
}
