/** A summary of a read document, for the CLI's `info` and the app's file details. */
import { documentDuration, type Chapter, type Problem, type SubtitleDocument } from './model';

export interface DocumentInfo {
  format: string;
  encoding: string;
  /** Language codes, in document order. */
  languages: string[];
  /** Number of cues. */
  cues: number;
  /** Speaker names, in document order. */
  speakers: string[];
  chapters: Chapter[];
  /** End of the last cue, ms. */
  duration: number;
  /** True when the times are provisional (the source had none). */
  untimed: boolean;
  problems: Problem[];
}

export function documentInfo(doc: SubtitleDocument, format: string, encoding: string, problems: Problem[]): DocumentInfo {
  return {
    format,
    encoding,
    languages: doc.languages.map((l) => l.code),
    cues: doc.cues.length,
    speakers: doc.speakers.map((s) => s.name),
    chapters: doc.chapters.map((c) => ({ start: c.start, title: c.title })),
    duration: documentDuration(doc),
    untimed: doc.metadata.untimed === true,
    problems,
  };
}
