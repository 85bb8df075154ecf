/**
 * SubViewer as YouTube writes it (.sbv): a timing line `0:00:01.000,0:00:03.500`, the text lines, a blank line.
 * Plain text only (no markup). One language per cue block; a bilingual file stacks the languages' lines, and the
 * registry splits them by script, as for SRT. Reading is tolerant: a bad timing line is a problem and its text
 * goes with it; reversed or negative times are kept and flagged. SubViewer 2 files (a `[INFORMATION]` header,
 * `[br]` line breaks) have the same timing lines and are read too.
 */
import { languageName, sortCues, type Cue, type Problem, type SubtitleDocument } from '../model';
import { stackedLines } from './bilingual';
import { plainText } from '../text/markup';
import { contentScore, splitLines, writeLanguages, type ReadResult, type SubtitleFormat, type WriteOptions } from './types';

const EXTENSIONS = ['.sbv'];
/**
 * Two time-like words (each with a colon) split by a comma, so a broken time is reported, not taken for text;
 * `[ \t]` not `\s`, so a run of blank lines is never rescanned.
 */
const TIMING = /^[ \t]*(-?[\w.]*:[\w:.]*)[ \t]*,[ \t]*(-?[\w.]*:[\w:.]*)[ \t]*$/;
/** SubViewer 2 header lines (`[INFORMATION]`, `[TITLE]…`): the same timing lines follow, so it is read here. */
const HEADER = /^\[[A-Z][A-Z ]*\]/;
const GOOD_TIMING = /^[ \t]*\d{1,3}:\d{1,2}:\d{1,2}\.\d{1,3}[ \t]*,[ \t]*\d{1,3}:\d{1,2}:\d{1,2}\.\d{1,3}[ \t]*$/m;
const TIME = /^(-?)(?:(\d{1,5}):)?(\d{1,2}):(\d{1,2})(?:\.(\d{1,3}))?$/;

export const sbvFormat: SubtitleFormat = {
  id: 'sbv',
  extensions: EXTENSIONS,
  exports: [{ id: 'sbv', label: 'YouTube SubViewer (.sbv)', extensions: ['.sbv'], kind: 'cues', legacyEncodings: true, inExportDialog: false }],
  detect(text, fileName) {
    return contentScore(GOOD_TIMING.test(text.slice(0, 100_000)), fileName, EXTENSIONS);
  },
  parse(text, options) {
    return parseSbv(text, options?.lang ?? 'en');
  },
  serialize(doc, options) {
    return serializeSbv(doc, options);
  },
  bilingual: true,
};

/** `H:MM:SS.mmm` (hours optional, fraction optional, a leading `-` kept) to ms; null when it is not a time. */
export function parseSbvTime(text: string): number | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const [h, min, s] = [Number(m[2] ?? 0), Number(m[3]), Number(m[4])];
  if (min > 59 || s > 59) return null;
  const ms = ((h * 60 + min) * 60 + s) * 1000 + (m[5] ? Number(m[5].padEnd(3, '0')) : 0);
  return m[1] ? -ms : ms;
}

export function formatSbvTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const min = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  return `${h}:${String(min).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(total % 1000).padStart(3, '0')}`;
}

interface RawCue {
  start: number;
  end: number;
  lines: string[];
}

export function parseSbv(text: string, lang: string): ReadResult {
  const lines = splitLines(text);
  const problems: Problem[] = [];
  const raw: RawCue[] = [];
  let current: RawCue | null = null;
  let skipping = false; // the text of a cue whose timing line was bad goes with it
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    if (line.trim() === '') {
      current = null;
      skipping = false;
      continue;
    }
    const timing = TIMING.exec(line);
    // Inside a cue, only a well-formed timing line starts the next one (cues not split by a blank line).
    if (timing && (current === null || (parseSbvTime(timing[1]) !== null && parseSbvTime(timing[2]) !== null))) {
      current = readTiming(timing, i + 1, problems);
      skipping = current === null;
      if (current) raw.push(current);
    } else if (current) {
      current.lines.push(line.replace(/\[br\]/gi, '\n'));
    } else if (raw.length === 0 && HEADER.test(line)) {
      continue;
    } else if (!skipping) {
      problems.push({ line: i + 1, message: `text outside any cue is ignored: "${clip(line)}"`, severity: 'warning' });
      skipping = true; // one problem per stray paragraph, not per line
    }
  }
  if (raw.length === 0 && text.trim() !== '' && !problems.some((p) => p.severity === 'error')) {
    problems.push({ line: 0, message: 'not an SBV file: no timing line such as 0:00:01.000,0:00:03.500', severity: 'error' });
  }
  return { doc: toDocument(raw, lang, problems), problems };
}

function readTiming(m: RegExpExecArray, lineNo: number, problems: Problem[]): RawCue | null {
  const start = parseSbvTime(m[1]);
  const end = parseSbvTime(m[2]);
  if (start === null || end === null) {
    problems.push({ line: lineNo, message: `bad time "${clip(start === null ? m[1] : m[2])}"`, severity: 'error' });
    return null;
  }
  if (start < 0 || end < 0) problems.push({ line: lineNo, message: 'negative time: cue kept, please fix its times', severity: 'error' });
  else if (end < start) problems.push({ line: lineNo, message: `cue ends before it starts (${m[1]},${m[2]}): kept, please fix its times`, severity: 'error' });
  return { start, end, lines: [] };
}

function toDocument(raw: RawCue[], lang: string, problems: Problem[]): SubtitleDocument {
  const inOrder = raw.every((c, i) => i === 0 || raw[i - 1].start <= c.start);
  if (!inOrder) problems.push({ line: 0, message: 'cues are not in time order; sorted by start', severity: 'warning' });
  const cues: Cue[] = raw.map((c) => ({ id: '', start: c.start, end: c.end, speaker: null, text: { [lang]: c.lines.join('\n') } }));
  return {
    languages: [{ code: lang, name: languageName(lang) }],
    cues: sortCues(cues).map((c, i) => ({ ...c, id: `c${i + 1}` })),
    speakers: [], chapters: [], media: null, metadata: {},
  };
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/**
 * Writes one language, or several stacked in each cue (`langs`, top first). Every cue is written, an empty one
 * as a timing line alone, so empty cues survive. SBV has no markup: tags are removed.
 */
export function serializeSbv(doc: SubtitleDocument, options?: WriteOptions): string {
  const langs = writeLanguages(doc, options, 'SBV');
  const blocks = doc.cues.map((cue) => {
    const lines = stackedLines(cue.text, langs).map((l) => plainText(l)).filter((l) => l.trim() !== '');
    return [`${formatSbvTime(cue.start)},${formatSbvTime(cue.end)}`, ...lines].join('\n') + '\n';
  });
  return blocks.join('\n');
}
