/**
 * The WebVTT block reader: lines into raw cues, kept blocks (header, NOTE, STYLE, REGION) and problems.
 *
 * It follows Chromium's VTTParser state machine line for line (Duosub's own preview is Chromium, and the W3C
 * algorithm gives the same cues on well-formed files): a line holding `-->` always ends a cue's text and starts
 * the next cue, so cues need no blank line between them; a timing line right after the header is a cue; a
 * failed timing line skips its cue up to the next blank line or timing line. Before the first cue, a single
 * line directly above a timing line is that cue's identifier even when no blank line separates it from the
 * header or a NOTE (Chromium's `previous_line_`; the spec would read it as header or note instead).
 * Everything that is neither a cue nor a kept block becomes a problem naming its line. One pass, no recursion.
 */
import type { Problem } from '../model';
import { parseTimingLine, type VttTiming } from './vtt-timing';

export interface RawVttCue {
  timing: VttTiming;
  id: string;
  /** Raw text lines (entities and tags as written). */
  lines: string[];
  /** 1-based lines of the timing line and of the first text line. */
  timingLine: number;
}

export interface VttBlock {
  kind: 'note' | 'style' | 'region';
  /** The block's lines as written, `NOTE`/`STYLE`/`REGION` line included. */
  text: string;
  /** Index (in file order) of the cue the block stood before; the cue count for blocks after the last cue. */
  before: number;
}

export interface VttReading {
  /** What followed `WEBVTT` on its line, then the header lines, joined by `\n` ('' when none). */
  header: string;
  cues: RawVttCue[];
  blocks: VttBlock[];
  problems: Problem[];
}

type State = 'header' | 'style' | 'id' | 'timings' | 'cueText' | 'badCue';

interface PendingLine {
  no: number;
  text: string;
  /** Lines between two blank lines (or cues) share a run; a run is one block. */
  run: number;
  /** Why a line holding `-->` is not a timing line. */
  bad?: string;
}

const STYLE_LINE = /^STYLE[ \t\n\r\f]*$/;
const NOTE_LINE = /^NOTE(?:$|[ \t])/;
const KEPT: [RegExp, VttBlock['kind']][] = [[NOTE_LINE, 'note'], [STYLE_LINE, 'style'], [/^REGION[ \t\n\r\f]*$/, 'region']];

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
}

class BlockReader {
  state: State = 'header';
  /** Chromium's `previous_line_`: before the first cue, the candidate identifier of the next cue. */
  previous = { text: '', no: 0 };
  idLine: PendingLine | null = null;
  current: RawVttCue | null = null;
  pending: PendingLine[] = [];
  run = 0;
  header: string[] = [];
  readonly out: VttReading;

  constructor(signatureRest: string) {
    this.out = { header: signatureRest, cues: [], blocks: [], problems: [] };
  }

  line(text: string, no: number): void {
    switch (this.state) {
      case 'header':
        return this.headerLine(text, no);
      case 'style':
        if (text === '' || text.includes('-->')) return this.afterBlock(text, no);
        this.pending.push({ no, text, run: this.run });
        return;
      case 'id':
        if (text === '') return this.blank();
        if (text.includes('-->')) return this.timingLine(text, no, null);
        this.idLine = { no, text, run: this.run };
        this.pending.push(this.idLine);
        this.state = 'timings';
        return;
      case 'timings':
        if (text === '') return this.blank();
        return this.timingLine(text, no, this.idLine);
      case 'cueText':
        if (text === '') {
          this.endCue();
          return this.blank();
        }
        if (text.includes('-->')) {
          this.endCue();
          return this.timingLine(text, no, null);
        }
        this.current!.lines.push(text);
        return;
      case 'badCue':
        if (text === '') return this.blank();
        if (text.includes('-->')) return this.timingLine(text, no, null);
        this.pending.push({ no, text, run: this.run });
    }
  }

  /** Before the first cue: STYLE blocks, a cue with its identifier, or lines that wait for their block's end. */
  private headerLine(text: string, no: number): void {
    if (!this.previous.text.includes('-->') && STYLE_LINE.test(text)) {
      this.pending.push({ no, text, run: this.run });
      this.state = 'style';
      return;
    }
    const timing = text.includes('-->') ? parseTimingLine(text) : null;
    if (timing?.ok) {
      const prev = this.previous.text !== '' && !this.previous.text.includes('-->') ? this.previous : null;
      return this.startCue(timing.timing, no, prev ? this.pendingLine(prev.no) ?? { ...prev, run: -1 } : null);
    }
    if (text === '') this.blank();
    else this.pending.push({ no, text, run: this.run, bad: timing?.reason });
    this.previous = this.previous.text === '' ? { text, no } : { text: '', no: 0 };
  }

  private pendingLine(no: number): PendingLine | null {
    for (let i = this.pending.length - 1; i >= 0; i--) if (this.pending[i].no === no) return this.pending[i];
    return null;
  }

  /** The end of a STYLE block: a blank line, or a line holding `-->` that may start a cue. */
  private afterBlock(text: string, no: number): void {
    this.state = 'header';
    if (text === '') return this.blank();
    const timing = parseTimingLine(text);
    if (timing.ok) return this.startCue(timing.timing, no, null);
    this.pending.push({ no, text, run: this.run, bad: timing.reason });
  }

  private timingLine(text: string, no: number, id: PendingLine | null): void {
    const timing = parseTimingLine(text);
    if (timing.ok) return this.startCue(timing.timing, no, id);
    this.pending.push({ no, text, run: this.run, bad: text.includes('-->') ? timing.reason : undefined });
    this.state = 'badCue';
  }

  private startCue(timing: VttTiming, no: number, id: PendingLine | null): void {
    if (id) {
      const at = this.pending.lastIndexOf(id);
      if (at >= 0) this.pending.splice(at, 1);
      if (NOTE_LINE.test(id.text)) this.warn(id.no, 'a NOTE line directly above a timing line is read as the cue identifier, as browsers do; leave a blank line after the note');
      else if (id.run === 0 && this.out.cues.length === 0) this.warn(id.no, 'read as the identifier of the next cue, as browsers do; leave a blank line after the header');
    }
    this.flushPending();
    this.current = { timing, id: id?.text ?? '', lines: [], timingLine: no };
    this.idLine = null;
    this.state = 'cueText';
  }

  private endCue(): void {
    this.out.cues.push(this.current!);
    this.current = null;
    this.run++;
  }

  private blank(): void {
    this.run++;
    this.idLine = null;
    if (this.state !== 'header' && this.state !== 'style') this.state = 'id';
  }

  private warn(line: number, message: string): void {
    this.out.problems.push({ line, message, severity: 'warning' });
  }

  /** Turns the lines waiting before a cue (or the end) into kept blocks, header lines or problems. */
  flushPending(): void {
    let from = 0;
    while (from < this.pending.length) {
      let to = from + 1;
      while (to < this.pending.length && this.pending[to].run === this.pending[from].run) to++;
      this.placeBlock(this.pending.slice(from, to));
      from = to;
    }
    this.pending = [];
  }

  private placeBlock(lines: PendingLine[]): void {
    if (lines[0].run === 0) {
      // No spread: a header block can hold a million lines, more than a call's arguments may.
      for (const l of lines) this.header.push(l.text);
      return;
    }
    const kind = KEPT.find(([re]) => re.test(lines[0].text))?.[1];
    const before = this.out.cues.length;
    if (kind === 'note' || (kind && before === 0)) {
      this.out.blocks.push({ kind, text: lines.map((l) => l.text).join('\n'), before });
      return;
    }
    const why = kind ? `${lines[0].text.trim()} block after the first cue is ignored, as browsers ignore it` : null;
    let badAt = 0;
    for (const l of lines) {
      if (l.bad) {
        this.out.problems.push({ line: l.no, message: `bad cue timing "${clip(l.text)}": ${l.bad}; the cue is skipped`, severity: 'error' });
        badAt = l.no;
      } else if (why) this.warn(l.no, l === lines[0] ? why : `skipped with the ${lines[0].text.trim()} block at line ${lines[0].no}`);
      else if (badAt) this.warn(l.no, `text of the cue with the bad timing at line ${badAt} is skipped: "${clip(l.text)}"`);
      else this.warn(l.no, `text outside any cue is ignored: "${clip(l.text)}"`);
    }
  }

  finish(): VttReading {
    if (this.state === 'cueText') this.endCue();
    this.flushPending();
    const header = [this.out.header, ...this.header].join('\n');
    return { ...this.out, header: header.trim() === '' ? '' : header };
  }
}

/** Reads the lines of a WebVTT file (NUL already replaced, BOM dropped, split on CRLF/CR/LF). */
export function readVttBlocks(lines: string[]): VttReading {
  const signature = /^WEBVTT(?:$|[ \t])/.test(lines[0] ?? '');
  const reader = new BlockReader(signature ? lines[0].slice(6) : '');
  if (!signature) {
    reader.out.problems.push({ line: 1, message: 'not a WebVTT file: it must start with a "WEBVTT" line (browsers refuse it); read anyway', severity: 'error' });
  }
  for (let i = signature ? 1 : 0; i < lines.length; i++) reader.line(lines[i], i + 1);
  return reader.finish();
}
