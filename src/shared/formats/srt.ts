/**
 * SubRip (.srt): one language per file, or several stacked in each cue (Duosub's bilingual export). Reading is in
 * srt-read.ts; markup such as `<i>` and a leading `{\an8}` is SRT's own and already the internal form.
 */
import type { SubtitleDocument } from '../model';
import { stackedLines } from './bilingual';
import { toSrtMarkup } from '../text/markup';
import { parseSrt } from './srt-read';
import { isWhiteSpaceCode } from './srt-time';
import { contentScore, writeLanguages, type SubtitleFormat, type WriteOptions } from './types';

export { parseSrt };

// Spaces, not `\s`: `^\s*` under /m also eats newlines, and a million blank lines made it quadratic.
const GOOD_TIMING = /^[ \t]*\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}[ \t]*-->[ \t]*\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}/m;

const EXTENSIONS = ['.srt'];

export const srtFormat: SubtitleFormat = {
  id: 'srt',
  extensions: EXTENSIONS,
  exports: [{ id: 'srt', label: 'SubRip (.srt)', extensions: ['.srt'], kind: 'cues', legacyEncodings: true, inExportDialog: true }],
  detect(text, fileName) {
    return contentScore(GOOD_TIMING.test(text.slice(0, 100_000)), fileName, EXTENSIONS);
  },
  parse(text, options) {
    // A list of codes (`zh-Hans,en`) is the registry's to split; the reader names its one language by the first.
    return parseSrt(text, options?.lang?.split(',')[0]?.trim() || 'en');
  },
  serialize(doc, options) {
    return serializeSrt(doc, options);
  },
  bilingual: true,
};

/**
 * Writes one language, or several stacked in each cue (`langs`, top first), with `\n` line ends. Every cue is
 * written, one with no text in the languages written as an empty cue (no text line; it survives a round trip), so
 * the per-language files of one document have the same cues under the same numbers. Cues are numbered from 1. Blank lines inside a text would end the cue
 * early, so they are dropped. Markup is converted to SRT's (`<i>`, a leading `{\anN}`), not copied.
 */
export function serializeSrt(doc: SubtitleDocument, options?: WriteOptions): string {
  const langs = writeLanguages(doc, options, 'SRT');
  // Blocks joined a few thousand at a time: one string grown by += becomes millions of rope nodes for the
  // garbage collector to copy (most of the time on a million cues), and one join of a million blocks is no better.
  const chunks: string[] = [];
  let blocks: string[] = [];
  let n = 0;
  for (const cue of doc.cues) {
    const text = cueText(cue.text, langs);
    n++;
    const timing = `${n}\n${srtTime(cue.start)} --> ${srtTime(cue.end)}\n`;
    blocks.push(text === '' ? timing : `${timing}${text}\n`);
    if (blocks.length === 4096) {
      chunks.push(blocks.join('\n'));
      blocks = [];
    }
  }
  if (blocks.length > 0) chunks.push(blocks.join('\n'));
  return chunks.join('\n');
}

/** The written lines of one cue; text without markup (the common case) goes without regexes or arrays. */
function cueText(text: Record<string, string>, langs: string[]): string {
  let out = '';
  for (const lang of langs) {
    const t = text[lang];
    if (t === undefined || t === '') continue;
    if (t.includes('<') || t.includes('{') || t.includes('\r')) return stackedLines(text, langs).map(toSrtMarkup).join('\n');
    out = appendLines(out, t);
  }
  return out;
}

/** `out` with the non-blank lines of `t` added, each without trailing spaces (as `stackedLines` does). */
function appendLines(out: string, t: string): string {
  let pos = 0;
  while (pos <= t.length) {
    let nl = t.indexOf('\n', pos);
    if (nl < 0) nl = t.length;
    let line = t.slice(pos, nl);
    if (line.length > 0 && isWhiteSpaceCode(line.charCodeAt(line.length - 1))) line = line.trimEnd();
    if (line.length > 0) out = out === '' ? line : `${out}\n${line}`;
    pos = nl + 1;
  }
  return out;
}

/** `HH:MM:SS,mmm` as `formatTimecode` writes it, without its padStart calls (two per cue add up at 100,000). */
function srtTime(ms: number): string {
  const t = Math.max(0, Math.round(ms));
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor(t / 60_000) % 60;
  const s = Math.floor(t / 1000) % 60;
  const f = t % 1000;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s},${f < 10 ? '00' : f < 100 ? '0' : ''}${f}`;
}
