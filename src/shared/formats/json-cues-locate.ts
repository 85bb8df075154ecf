/**
 * The line of each item of a top-level JSON array, so a problem with a cue names its line. A linear scanner
 * over text that already parsed (json-locate.ts does the same for the keys of a top-level object).
 */
import { lineIndex } from './json-locate';

export function arrayItemLines(text: string): number[] {
  const lineAt = lineIndex(text);
  const lines: number[] = [];
  let depth = 0;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    if (expectItem && depth === 1 && ch !== ']') lines.push(lineAt(i));
    expectItem = false;
    if (ch === '"') {
      i = stringEnd(text, i);
    } else if (ch === '{' || ch === '[') {
      depth++;
      if (depth === 1) expectItem = true;
    } else if (ch === '}' || ch === ']') {
      depth--;
    } else if (ch === ',' && depth === 1) {
      expectItem = true;
    }
  }
  return lines;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
