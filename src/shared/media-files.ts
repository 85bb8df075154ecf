/**
 * The file endings the app takes for audio or video: the desktop open dialog's filter, and what a dropped or
 * uploaded file is attached as (rather than opened as a document). ffmpeg reads many more; these are the usual.
 */
export const MEDIA_EXTENSIONS: readonly string[] = [
  'mp3', 'wav', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'flac', 'weba', 'wma', 'aif', 'aiff',
  'mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'mpg', 'mpeg', 'ts',
];
