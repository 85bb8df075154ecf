/**
 * SubRip (.srt): one language per file. Reading is lenient, as players are: CRLF, a BOM, `.` for `,`,
 * missing blank lines between cues; a cue with a bad time code becomes a problem and reading goes on.
 * Markup such as `<i>` is kept as text.
 */
import { languageName, sortCues, type Cue, type Problem, type SubtitleDocument } from '../model';
import { formatTimecode, parseTimecode } from '../timecode';
import { stackedLines } from './bilingual';
import { toSrtMarkup } from './markup';
import { hasExtension, splitLines, writeLanguages, type ReadResult, type SubtitleFormat, type WriteOptions } from './types';

const ARROW = /-->/;
const TIMING = /^\s*(\S+)\s*-->\s*(\S+)/;
const GOOD_TIMING = /^\s*\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}\s*-->\s*\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}/m;

const EXTENSIONS = ['.srt'];

export const srtFormat: SubtitleFormat = {
  id: 'srt',
  extensions: EXTENSIONS,
  detect(text, fileName) {
    const byName = hasExtension(fileName, EXTENSIONS);
    if (GOOD_TIMING.test(text.slice(0, 100_000))) return byName ? 1 : 0.8;
    // A broken .srt still goes to this reader, which says what is wrong with it line by line.
    return byName ? 0.4 : 0;
  },
  parse(text, options) {
    return parseSrt(text, options?.lang ?? 'en');
  },
  serialize(doc, options) {
    return serializeSrt(doc, options);
  },
  bilingual: true,
};

interface RawCue {
  start: number;
  end: number;
  lines: string[];
}

/** A cue index line: digits alone, followed by a timing line (so a cue whose text is "42" is not mistaken). */
function isIndexBefore(lines: string[], i: number): boolean {
  return /^\d+$/.test(lines[i].trim()) && i + 1 < lines.length && ARROW.test(lines[i + 1]);
}

export function parseSrt(text: string, lang: string): ReadResult {
  const lines = splitLines(text).map((l) => l.trimEnd());
  const problems: Problem[] = [];
  const raw: RawCue[] = [];
  let current: RawCue | null = null;
  let skipping = false; // inside a cue whose timing was bad: its text goes with it
  let blankSince = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      blankSince = true;
      continue;
    }
    if (ARROW.test(line) || isIndexBefore(lines, i)) {
      if (!ARROW.test(line)) i++; // the index line; the timing line follows
      current = readTiming(lines[i], i + 1, problems);
      skipping = current === null;
      if (current) raw.push(current);
      blankSince = false;
      continue;
    }
    if (current) {
      if (blankSince) problems.push({ line: i + 1, message: 'blank line inside cue text', severity: 'warning' });
      current.lines.push(line);
    } else if (!skipping) {
      problems.push({ line: i + 1, message: `text outside any cue is ignored: "${clip(line)}"`, severity: 'warning' });
    }
    blankSince = false;
  }
  return { doc: toDocument(raw, lang, problems), problems };
}

function readTiming(line: string, lineNo: number, problems: Problem[]): RawCue | null {
  const m = TIMING.exec(line);
  const start = m ? parseTimecode(m[1]) : null;
  const end = m ? parseTimecode(m[2]) : null;
  if (!m || start === null || end === null) {
    const bad = m ? (start === null ? m[1] : m[2]) : line.trim();
    problems.push({ line: lineNo, message: `bad timecode "${clip(bad)}"`, severity: 'error' });
    return null;
  }
  if (end < start) {
    problems.push({ line: lineNo, message: `cue ends before it starts: ${m[1]} --> ${m[2]}`, severity: 'error' });
    return null;
  }
  return { start, end, lines: [] };
}

function toDocument(raw: RawCue[], lang: string, problems: Problem[]): SubtitleDocument {
  const inOrder = raw.every((c, i) => i === 0 || raw[i - 1].start <= c.start);
  if (!inOrder) problems.push({ line: 0, message: 'cues are not in time order; sorted by start', severity: 'warning' });
  const cues: Cue[] = sortCues(
    raw.map((c) => ({ id: '', start: c.start, end: c.end, speaker: null, text: { [lang]: c.lines.join('\n') } })),
  ).map((c, i) => ({ ...c, id: `c${i + 1}` }));
  return {
    languages: [{ code: lang, name: languageName(lang) }],
    cues,
    speakers: [],
    chapters: [],
    media: null,
    metadata: {},
  };
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/**
 * Writes one language, or several stacked in each cue (`langs`, top first), with `\n` line ends. Cues without
 * text in any of them are left out and the rest numbered from 1. Blank lines inside a text would end the cue
 * early, so they are dropped. Markup is converted to SRT's (`<i>`, a leading `{\anN}`), not copied.
 */
export function serializeSrt(doc: SubtitleDocument, options?: WriteOptions): string {
  const langs = writeLanguages(doc, options, 'SRT');
  const blocks: string[] = [];
  for (const cue of doc.cues) {
    const text = stackedLines(cue.text, langs).map(toSrtMarkup).join('\n');
    if (text === '') continue;
    const n = blocks.length + 1;
    blocks.push(`${n}\n${formatTimecode(cue.start)} --> ${formatTimecode(cue.end)}\n${text}\n`);
  }
  return blocks.join('\n');
}
