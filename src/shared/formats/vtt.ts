/**
 * WebVTT (.vtt): one language per file. Reads cues (optional identifiers, cue settings after the times are
 * kept out of the text; NOTE/STYLE/REGION blocks skipped); a bad timing line is a problem and reading goes on.
 * Writes `WEBVTT`, then one block per cue with text in that language, times `HH:MM:SS.mmm`.
 */
import { languageName, sortCues, type Cue, type Problem, type SubtitleDocument } from '../model';
import { formatTimecode, parseTimecode } from '../timecode';
import { stackedLines } from './bilingual';
import { hasExtension, splitLines, writeLanguages, type ReadResult, type SubtitleFormat, type WriteOptions } from './types';

const EXTENSIONS = ['.vtt'];
const TIMING = /^\s*(\S+)\s+-->\s+(\S+)/;

export const vttFormat: SubtitleFormat = {
  id: 'vtt',
  extensions: EXTENSIONS,
  detect(text, fileName) {
    const header = /^\uFEFF?WEBVTT(?:[ \t]|$)/m.test(text.slice(0, 200)) && text.replace(/^\uFEFF/, '').startsWith('WEBVTT');
    if (header) return 1;
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

/** Blocks separated by blank lines; the header block is the first. */
function blocks(lines: string[]): { line: number; lines: string[] }[] {
  const out: { line: number; lines: string[] }[] = [];
  let current: { line: number; lines: string[] } | null = null;
  lines.forEach((l, i) => {
    if (l.trim() === '') current = null;
    else if (current) current.lines.push(l);
    else out.push((current = { line: i + 1, lines: [l] }));
  });
  return out;
}

export function parseVtt(text: string, lang: string): ReadResult {
  const problems: Problem[] = [];
  const all = blocks(splitLines(text).map((l) => l.trimEnd()));
  if (!all[0]?.lines[0].startsWith('WEBVTT')) problems.push({ line: 1, message: 'missing WEBVTT header', severity: 'warning' });
  const cues: Cue[] = [];
  for (const block of all.slice(all[0]?.lines[0].startsWith('WEBVTT') ? 1 : 0)) {
    if (/^(NOTE|STYLE|REGION)\b/.test(block.lines[0])) continue;
    const at = block.lines.findIndex((l) => l.includes('-->'));
    if (at < 0 || at > 1) {
      problems.push({ line: block.line, message: 'block without a cue timing line is ignored', severity: 'warning' });
      continue;
    }
    const m = TIMING.exec(block.lines[at]);
    const start = m ? parseTimecode(m[1]) : null;
    const end = m ? parseTimecode(m[2]) : null;
    if (start === null || end === null || end < start) {
      problems.push({ line: block.line + at, message: `bad cue timing "${block.lines[at].trim().slice(0, 60)}"`, severity: 'error' });
      continue;
    }
    cues.push({ id: '', start, end, speaker: null, text: { [lang]: block.lines.slice(at + 1).join('\n') } });
  }
  const doc: SubtitleDocument = {
    languages: [{ code: lang, name: languageName(lang) }],
    cues: sortCues(cues).map((c, i) => ({ ...c, id: `c${i + 1}` })),
    speakers: [], chapters: [], media: null, metadata: {},
  };
  return { doc, problems };
}

export function serializeVtt(doc: SubtitleDocument, options?: WriteOptions): string {
  const langs = writeLanguages(doc, options, 'WebVTT');
  const out = ['WEBVTT', ''];
  for (const cue of doc.cues) {
    // "-->" inside text would read as a timing line.
    const text = stackedLines(cue.text, langs).join('\n').replace(/-->/g, '->');
    if (text === '') continue;
    out.push(`${formatTimecode(cue.start, '.')} --> ${formatTimecode(cue.end, '.')}`, text, '');
  }
  return out.join('\n');
}
