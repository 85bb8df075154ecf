/** The Platform of the Electron app: native dialogs, no uploads. */
import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import type { Platform } from './api';

const FILTERS: Record<'document' | 'media', FileFilter[]> = {
  document: [
    { name: 'Subtitles and transcripts', extensions: ['duosub', 'srt', 'txt'] },
    { name: 'All files', extensions: ['*'] },
  ],
  media: [
    { name: 'Audio and video', extensions: ['mp3', 'wav', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'flac', 'weba', 'webm', 'mp4', 'm4v', 'mov', 'mkv'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

export function createElectronPlatform(getWindow: () => BrowserWindow | null): Platform {
  return {
    mode: 'electron',
    async pickOpenPath(kind) {
      const options = { properties: ['openFile' as const], filters: FILTERS[kind] };
      const window = getWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    async pickSavePath(suggestedName) {
      const options = { defaultPath: suggestedName };
      const window = getWindow();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    uploadPath: () => null,
  };
}
