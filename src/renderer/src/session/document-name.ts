/** How the status line and the title name a document and its reading problems. */
import type { DocumentState } from '../../../shared/api';

/** What to call a document: its file, else its title (samples have no file yet). */
export function documentName(docState: DocumentState): string {
  const title = docState.doc.metadata.title;
  return docState.fileName ?? (typeof title === 'string' && title ? title : 'Untitled');
}

/** "talk.srt:12: bad timecode (+3 more)": the first problem the reader found, and how many more. */
export function problemSummary(docState: DocumentState): string {
  const first = docState.problems[0];
  const where = `${docState.fileName ?? 'file'}${first.line ? `:${first.line}` : ''}`;
  const more = docState.problems.length > 1 ? ` (+${docState.problems.length - 1} more)` : '';
  return `${where}: ${first.message}${more}`;
}

/**
 * Past this many cues a received document is shown in a task of its own: the task that received it (decoding
 * and parsing megabytes of JSON) is long already, and the first render of a long document is too.
 */
const LONG_DOCUMENT_CUES = 6000;

export function isLong(docState: DocumentState): boolean {
  return docState.doc.cues.length > LONG_DOCUMENT_CUES;
}

/** Resolves in a later task (after the browser has had a turn). */
export function nextTask(): Promise<void> {
  return new Promise((done) => setTimeout(done, 0));
}
