/**
 * Where things are in a JSON text, so that a problem found after JSON.parse can name its line: the line
 * of each top-level key and of each item of each top-level array. A tiny scanner, not a parser: it
 * assumes the text already parsed.
 */

export interface JsonLocations {
  /** Line of each top-level key. */
  keys: Map<string, number>;
  /** Lines of the items of each top-level array, by key. */
  items: Map<string, number[]>;
}

export function locateJson(text: string): JsonLocations {
  const lineAt = lineIndex(text);
  const keys = new Map<string, number>();
  const items = new Map<string, number[]>();
  const stack: string[] = [];
  let key: string | null = null;
  let expectKey = false;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    const depth = stack.length;
    if (expectItem && ch !== ']' && key !== null) {
      items.get(key)?.push(lineAt(i));
    }
    expectItem = false;
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (expectKey && depth === 1) {
        key = safeString(text.slice(i, end + 1));
        if (key !== null) keys.set(key, lineAt(i));
      }
      expectKey = false;
      i = end;
    } else if (ch === '{' || ch === '[') {
      stack.push(ch);
      if (depth === 0) expectKey = true;
      if (depth === 1 && ch === '[' && key !== null) {
        items.set(key, []);
        expectItem = true;
      }
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      if (depth === 1) expectKey = true;
      if (depth === 2 && stack[1] === '[') expectItem = true;
    }
  }
  return { keys, items };
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

function safeString(literal: string): string | null {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return null;
  }
}

/** Returns a function from a character offset to its 1-based line. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The line of a JSON.parse error, from the position V8 puts in its message (end of text when it gives none). */
export function jsonErrorLine(text: string, message: string): number {
  const lineCol = /line (\d+) column/.exec(message);
  if (lineCol) return Number(lineCol[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineIndex(text)(Number(pos[1]));
  return lineIndex(text)(Math.max(0, text.trimEnd().length - 1));
}
