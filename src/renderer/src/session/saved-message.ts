/** The status line after a save. */
import type { SaveResult } from '../../../shared/api';

/**
 * What the status line says after a save: the name, and the folder main wrote it in when it says (browser mode's
 * Save As picks the folder itself: beside the opened file, or ~/Duosub for an upload or a sample).
 */
export function savedMessage(result: Pick<SaveResult, 'fileName' | 'path'>, auto = false): string {
  const verb = auto ? 'Autosaved' : 'Saved';
  if (!result.path) return `${verb} ${result.fileName}`;
  const cut = Math.max(result.path.lastIndexOf('/'), result.path.lastIndexOf('\\'));
  return cut > 0 ? `${verb} ${result.fileName} in ${result.path.slice(0, cut)}` : `${verb} ${result.fileName}`;
}
