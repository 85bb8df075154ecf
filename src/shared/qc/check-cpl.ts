/** Characters per line: the longest visible line (CJK counted per character, as the Chinese guides do). */
import { textCheck } from './types';
import { lineLength, visibleLines } from './text';

export const cplCheck = textCheck('cpl', (text, profile) => {
  const longest = Math.max(0, ...visibleLines(text).map(lineLength));
  if (longest <= profile.charsPerLine) return null;
  return { severity: 'error', value: longest, limit: profile.charsPerLine, message: `A line has ${longest} characters; the limit is ${profile.charsPerLine}` };
});
