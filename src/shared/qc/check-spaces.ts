/** Leading or trailing spaces on a line, or two spaces in a row. */
import { textCheck } from './types';

/** What is wrong with the spacing of a text, or null. */
export function spacingProblem(text: string): string | null {
  const lines = text.split(/\r?\n/);
  if (lines.some((l) => /^[ \t\u3000]/.test(l))) return 'leading space';
  if (lines.some((l) => /[ \t\u3000]$/.test(l))) return 'trailing space';
  if (lines.some((l) => /[ \t\u3000]{2}/.test(l))) return 'double space';
  return null;
}

export const spacesCheck = textCheck('spaces', (text) => {
  const problem = spacingProblem(text);
  return problem === null ? null : { severity: 'info', value: problem, limit: 'none', message: `A ${problem}` };
});
