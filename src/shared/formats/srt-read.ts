/**
 * Reading SubRip (.srt) leniently, as players do: CRLF, a BOM, `.` for `,`, missing blank lines between cues,
 * coordinates after the times. Every skipped or repaired line becomes a problem naming its 1-based line.
 *
 * One pass over the text with indexOf (no split, no regex per line), so 100,000 cues read faster than subsrt-ts
 * and a 10 MB single line or a million blank lines stay linear. Cue text is already in the internal markup form
 * (`<i>`, a leading `{\an8}`): nothing is decoded.
 */
import { languageName, type Cue, type Problem, type SubtitleDocument } from '../model';
import { isWhiteSpaceCode, readSrtTime } from './srt-time';
import type { ReadResult } from './types';

/** Past this many problems the rest are counted, not listed: a million bad lines must not make a million objects. */
const MAX_PROBLEMS = 10_000;

interface TimingLine {
  start: number;
  end: number;
  /** The time code that is not one (for the message), when the line is a broken timing line. */
  bad: string | null;
}

class SrtReader {
  /** Made as model cues from the start (numbered in file order): a second object per cue was a third of the time. */
  readonly cues: Cue[] = [];
  readonly problems: Problem[] = [];
  private dropped = 0;
  private current: Cue | null = null;
  private currentText: string | null = null;
  /** After a broken timing line: its text goes with it, silently (the timing line's problem covers it). */
  private skipping = false;
  private blankSince = false;
  private outsideReported = false;
  /** A line of digits alone: the cue index when a timing line follows it, else text ("42"). Two fields, not an
   * object: one object per cue adds up on a million cues. */
  private pending: string | null = null;
  private pendingNo = 0;
  sawTiming = false;

  constructor(private readonly lang: string) {}

  problem(line: number, message: string, severity: Problem['severity']): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line, message, severity });
    else this.dropped++;
  }

  line(raw: string, no: number): void {
    const line = endsWithSpace(raw) ? raw.trimEnd() : raw;
    const pending = this.pending;
    if (pending !== null) {
      this.pending = null;
      if (line.includes('-->')) return this.arrow(line, no, true);
      this.text(pending, this.pendingNo);
    }
    if (line.length === 0) {
      this.blankSince = true;
      this.outsideReported = false;
    } else if (isDigits(line)) {
      this.pending = line;
      this.pendingNo = no;
    } else if (line.includes('-->')) {
      this.arrow(line, no, false);
    } else {
      this.text(line, no);
    }
  }

  finish(): void {
    if (this.pending !== null) this.text(this.pending, this.pendingNo);
    this.pending = null;
    this.closeCue();
    if (this.dropped > 0) this.problems.push({ line: 0, message: `${this.dropped} more problems not listed`, severity: 'warning' });
  }

  /** A line with `-->`: a timing line, a broken one, or text that happens to hold an arrow. */
  private arrow(line: string, no: number, afterIndex: boolean): void {
    const timing = readTimingLine(line);
    if (timing.bad === null) return this.startCue(timing, line, no);
    const where = this.current === null || this.blankSince;
    if (afterIndex || (where && looksLikeTiming(line))) {
      this.problem(no, `bad timecode "${clip(timing.bad)}"`, 'error');
      this.closeCue();
      this.current = null;
      this.skipping = true;
      this.blankSince = false;
      return;
    }
    if (this.current !== null) this.problem(no, 'a text line holds "-->" but is not a timing line; kept as text', 'warning');
    this.text(line, no);
  }

  private startCue(timing: TimingLine, line: string, no: number): void {
    let { start, end } = timing;
    if (start < 0 || end < 0) {
      this.problem(no, `negative time in "${clip(line.trim())}"; read as 00:00:00,000`, 'warning');
      start = Math.max(0, start);
      end = Math.max(0, end);
    }
    if (end < start) this.problem(no, `cue ends before it starts: ${clip(line.trim())}; kept as it is`, 'error');
    this.closeCue();
    this.current = { id: `c${this.cues.length + 1}`, start, end, speaker: null, text: {} };
    this.cues.push(this.current);
    this.sawTiming = true;
    this.skipping = false;
    this.blankSince = false;
  }

  /** The current cue's text, gathered line by line, goes into the cue. */
  private closeCue(): void {
    if (this.current !== null) this.current.text[this.lang] = this.currentText ?? '';
    this.currentText = null;
  }

  private text(line: string, no: number): void {
    if (this.current !== null) {
      if (this.blankSince) this.problem(no, 'blank line inside cue text', 'warning');
      this.currentText = this.currentText === null ? line : `${this.currentText}\n${line}`;
    } else if (!this.skipping && !this.outsideReported) {
      this.problem(no, `text outside any cue is ignored: "${clip(line)}"`, 'warning');
      this.outsideReported = true;
    }
    this.blankSince = false;
  }
}

/** `start --> end [coordinates]`: both times, or `bad` naming the part that is not a time code. */
function readTimingLine(line: string): TimingLine {
  const arrow = line.indexOf('-->');
  let a = 0;
  let b = arrow;
  while (a < b && isSpace(line.charCodeAt(a))) a++;
  while (b > a && isSpace(line.charCodeAt(b - 1))) b--;
  let c = arrow + 3;
  while (c < line.length && isSpace(line.charCodeAt(c))) c++;
  let d = c;
  while (d < line.length && !isSpace(line.charCodeAt(d))) d++;
  const start = readSrtTime(line, a, b);
  if (Number.isNaN(start)) return { start: 0, end: 0, bad: a < b ? line.slice(a, b) : line.trim() };
  const end = readSrtTime(line, c, d);
  if (Number.isNaN(end)) return { start: 0, end: 0, bad: c < d ? line.slice(c, d) : line.trim() };
  return { start, end, bad: null };
}

/** Both sides of the arrow start like a time (a digit, or `-` and a digit): a timing line, even if a broken one. */
function looksLikeTiming(line: string): boolean {
  const arrow = line.indexOf('-->');
  const left = line.slice(0, arrow).trim();
  const right = line.slice(arrow + 3).trim();
  return startsLikeTime(left) && startsLikeTime(right);
}

function startsLikeTime(s: string): boolean {
  const c = s.charCodeAt(s[0] === '-' ? 1 : 0);
  return c >= 48 && c <= 57;
}

function isDigits(line: string): boolean {
  let i = 0;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  if (i === line.length) return false;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const isSpace = isWhiteSpaceCode;

/** Cheap test before trimEnd, which would copy every line. */
function endsWithSpace(s: string): boolean {
  return s.length > 0 && isWhiteSpaceCode(s.charCodeAt(s.length - 1));
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/** Reads SRT text into a one-language document in `lang`. Throws nothing: what cannot be read is a problem. */
export function parseSrt(input: string, lang: string): ReadResult {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const reader = new SrtReader(lang);
  let pos = 0;
  let no = 1;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    reader.line(text.slice(pos, nl), no++);
    pos = nl + 1;
  }
  reader.finish();
  const problems = reader.problems;
  // Text but no cue at all (prose named .srt): one clear error rather than "read 0 cues"; empty text is no error.
  if (!reader.sawTiming && problems.length > 0 && problems.every((p) => p.severity !== 'error')) {
    problems.push({ line: 0, message: 'no timing line ("00:00:01,000 --> 00:00:02,000") anywhere: not an SRT file', severity: 'error' });
  }
  return { doc: toDocument(reader.cues, lang, problems), problems };
}

function toDocument(cues: Cue[], lang: string, problems: Problem[]): SubtitleDocument {
  let inOrder = true;
  for (let i = 1; i < cues.length && inOrder; i++) inOrder = cues[i - 1].start <= cues[i].start;
  if (!inOrder) {
    problems.push({ line: 0, message: 'cues are not in time order; sorted by start', severity: 'warning' });
    // By start, then end, equal cues keeping their order (as `sortCues` in the model does); then renumbered.
    const order = cues.map((_, i) => i);
    order.sort((a, b) => cues[a].start - cues[b].start || cues[a].end - cues[b].end || a - b);
    const sorted = order.map((i) => cues[i]);
    sorted.forEach((cue, i) => (cue.id = `c${i + 1}`));
    cues = sorted;
  }
  return { languages: [{ code: lang, name: languageName(lang) }], cues, speakers: [], chapters: [], media: null, metadata: {} };
}
