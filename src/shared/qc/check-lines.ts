/** Lines per cue. */
import { textCheck } from './types';
import { visibleLines } from './text';

export const linesCheck = textCheck('lines', (text, profile) => {
  const count = visibleLines(text).length;
  if (count <= profile.maxLines) return null;
  return { severity: 'error', value: count, limit: profile.maxLines, message: `${count} lines; the limit is ${profile.maxLines}` };
});
