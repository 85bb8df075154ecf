/** The Platform of the Electron app: native dialogs, dropped-file grants, "show in folder"; no uploads. */
import { stat } from 'node:fs/promises';
import { dialog, shell, type BrowserWindow, type FileFilter } from 'electron';
import { MEDIA_EXTENSIONS } from '../shared/media-files';
import type { Platform } from '../node/api/api';
import { DroppedPathGrants } from './shell-policy';

const FILTERS: Record<'document' | 'media', FileFilter[]> = {
  document: [
    { name: 'Subtitles and transcripts', extensions: ['duosub', 'srt', 'txt'] },
    { name: 'All files', extensions: ['*'] },
  ],
  media: [
    { name: 'Audio and video', extensions: [...MEDIA_EXTENSIONS] },
    { name: 'All files', extensions: ['*'] },
  ],
};

export interface ElectronPlatform extends Platform {
  /** Records a path the preload resolved from a real dropped File (the caller checked the sender). */
  grantDropped(path: unknown): boolean;
}

export function createElectronPlatform(getWindow: () => BrowserWindow | null): ElectronPlatform {
  const dropped = new DroppedPathGrants();
  return {
    mode: 'electron',
    async pickOpenPath(kind) {
      const options = { properties: ['openFile' as const], filters: FILTERS[kind] };
      const window = getWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    async pickSavePath(suggestedName) {
      // GTK's dialog does not ask before replacing a file unless told to (macOS and Windows always ask).
      const options = { defaultPath: suggestedName, properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
      const window = getWindow();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    uploadPath: () => null,
    grantDropped: (path) => dropped.grant(path),
    isGrantedPath: (path) => dropped.has(path),
    async revealPath(path) {
      const isFile = await stat(path).then((s) => s.isFile(), () => false);
      if (isFile) shell.showItemInFolder(path);
      return isFile;
    },
  };
}
