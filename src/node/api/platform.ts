/** What a shell (Electron, browser mode) gives the API: its dialogs, uploads, dropped files, and the start-up files. */

export interface Platform {
  mode: 'electron' | 'browser';
  /** Native open dialog → absolute path or null (cancelled). Browser mode throws ApiError('unsupported'). */
  pickOpenPath(kind: 'document' | 'media'): Promise<string | null>;
  /** Native save dialog → absolute path or null. */
  pickSavePath(suggestedName: string): Promise<string | null>;
  /** Browser mode: the temp path of an upload by id, or null. Electron: always null. */
  uploadPath(uploadId: string): string | null;
  /** Browser mode: the original file name of an upload. */
  uploadName?(uploadId: string): string | null;
  /** Shows a file in the system's file manager (Electron); without it, recovery.reveal is 'unsupported'. */
  revealPath?(path: string): Promise<boolean>;
  /**
   * Electron: whether the user handed this path to the window (dropped it there). A dropped path it does not
   * grant, or any dropped path without it, is refused: the page never names a path of its own.
   */
  isGrantedPath?(path: string): boolean;
}

/** Files named on the command line (`npm start -- FILE [MEDIA]`). */
export interface StartupFiles {
  file?: string;
  media?: string;
}
