/**
 * WebVTT (.vtt), read as browsers read it (vtt-read.ts: Chromium's parser is the reference, the W3C algorithm
 * where they agree) and written back with what it carried (vtt-write.ts). Cue identifiers and settings go to
 * `cue.extra.vtt`, the header and NOTE/STYLE/REGION blocks to `doc.metadata.vtt`; a voice covering the whole
 * cue becomes its speaker; cues are in the browsers' order (start, then longer first, then file order).
 */
import { languageName, speakerColor, type Cue, type Problem, type Speaker } from '../model';
import { serializeVttChapters } from './chapters';
import { hasExtension, splitLines, type ReadResult, type SubtitleFormat } from './types';
import type { VttCueExtra, VttKeptBlock, VttMetadata } from './vtt-extra';
import { readVttBlocks, type RawVttCue } from './vtt-read';
import { withLangSpanLanguages } from './vtt-lang';
import { readCueText, type CueTextReading } from './vtt-text';
import { formatVttTime, parseCueSettings } from './vtt-timing';
import { serializeVtt } from './vtt-write';

export { serializeVtt };

const EXTENSIONS = ['.vtt'];

export const vttFormat: SubtitleFormat = {
  id: 'vtt',
  extensions: EXTENSIONS,
  exports: [
    { id: 'vtt', label: 'WebVTT (.vtt)', extensions: ['.vtt'], kind: 'cues', legacyEncodings: false, inExportDialog: true },
    { id: 'chapters-vtt', label: 'Chapters, WebVTT', extensions: ['.chapters.vtt'], kind: 'chapters', legacyEncodings: false, inExportDialog: true, write: serializeVttChapters },
  ],
  detect(text, fileName) {
    if (/^\uFEFF?WEBVTT(?:$|[ \t\r\n])/.test(text)) return 1;
    return hasExtension(fileName, EXTENSIONS) ? 0.4 : 0;
  },
  parse(text, options) {
    return parseVtt(text, options?.lang ?? 'en');
  },
  serialize(doc, options) {
    return serializeVtt(doc, options);
  },
  bilingual: true,
};

interface ReadCue {
  raw: RawVttCue;
  text: CueTextReading;
  fileIndex: number;
}

/** The HTML "text track cue order": start ascending, then end descending, then file order. */
function textTrackOrder(cues: ReadCue[]): ReadCue[] {
  return [...cues].sort((a, b) => a.raw.timing.start - b.raw.timing.start || b.raw.timing.end - a.raw.timing.end || a.fileIndex - b.fileIndex);
}

function cueProblems(cue: ReadCue, problems: Problem[]): void {
  const { timing, timingLine } = cue.raw;
  if (timing.end < timing.start) {
    const times = `${formatVttTime(timing.start)} --> ${formatVttTime(timing.end)}`;
    problems.push({ line: timingLine, message: `cue ends before it starts (${times}); kept, as browsers keep it`, severity: 'warning' });
  }
  const ignored = timing.settings === '' ? [] : parseCueSettings(timing.settings).ignored;
  if (ignored.length > 0) problems.push({ line: timingLine, message: `cue settings browsers ignore: ${ignored.join(' ')}`, severity: 'warning' });
  for (const d of cue.text.dropped) {
    const message = `${d.tag} is not a WebVTT tag: browsers drop it, and so does Duosub (a "<" in text is written &lt;)`;
    problems.push({ line: timingLine + 1 + d.line, message, severity: 'warning' });
  }
}

function cueExtra(cue: ReadCue): VttCueExtra | null {
  const extra: VttCueExtra = {};
  if (cue.raw.id !== '') extra.id = cue.raw.id;
  if (cue.raw.timing.settings !== '') extra.settings = cue.raw.timing.settings;
  if (cue.text.voice && cue.text.voice.classes.length > 0) extra.voiceClasses = cue.text.voice.classes;
  return Object.keys(extra).length > 0 ? extra : null;
}

/** Speakers by voice name, numbered s1, s2 … in the order they first speak. */
function speakerIds(ordered: ReadCue[]): { speakers: Speaker[]; byName: Map<string, string> } {
  const byName = new Map<string, string>();
  const speakers: Speaker[] = [];
  for (const cue of ordered) {
    const name = cue.text.voice?.name;
    if (name === undefined || byName.has(name)) continue;
    const speaker = { id: `s${speakers.length + 1}`, name, color: speakerColor(speakers.length) };
    speakers.push(speaker);
    byName.set(name, speaker.id);
  }
  return { speakers, byName };
}

export function parseVtt(text: string, lang: string): ReadResult {
  const reading = readVttBlocks(splitLines(text.includes('\0') ? text.replace(/\0/g, '\uFFFD') : text));
  const problems = reading.problems;
  const read = reading.cues.map((raw, fileIndex) => ({ raw, text: readCueText(raw.lines.join('\n')), fileIndex }));
  read.forEach((cue) => cueProblems(cue, problems));
  const late = read.find((c, i) => i > 0 && c.raw.timing.start < read[i - 1].raw.timing.start);
  if (late) problems.push({ line: late.raw.timingLine, message: 'cue starts before the cue above it; cues are put in time order', severity: 'warning' });
  const ordered = textTrackOrder(read);
  const { speakers, byName } = speakerIds(ordered);
  const cues: Cue[] = ordered.map((c, i) => {
    const extra = cueExtra(c);
    const speaker = c.text.voice ? byName.get(c.text.voice.name)! : null;
    const cue: Cue = { id: `c${i + 1}`, start: c.raw.timing.start, end: c.raw.timing.end, speaker, text: { [lang]: c.text.text } };
    return extra ? { ...cue, extra: { vtt: extra } } : cue;
  });
  const position = new Map(ordered.map((c, i) => [c.fileIndex, i]));
  const blocks: VttKeptBlock[] = reading.blocks.map((b) => {
    const before = position.get(b.before) ?? cues.length;
    return before < cues.length ? { ...b, before, cue: cues[before].id } : { ...b, before };
  });
  const vtt: VttMetadata = { ...(reading.header !== '' ? { header: reading.header } : {}), ...(blocks.length > 0 ? { blocks } : {}) };
  problems.sort((a, b) => a.line - b.line);
  return withLangSpanLanguages({
    doc: {
      languages: [{ code: lang, name: languageName(lang) }],
      cues, speakers, chapters: [], media: null,
      metadata: Object.keys(vtt).length > 0 ? { vtt } : {},
    },
    problems,
  });
}
