/**
 * Writes WebVTT: the header and the NOTE/STYLE/REGION blocks the file came with, in place; per cue its
 * identifier and settings (`extra.vtt`), the speaker as a `<v Name>` voice, and the text of one language or
 * several stacked (top first), each in a `<lang xx>` span when the document has several languages. Markup goes out of Duosub's form (markup.ts) into WebVTT's: ASS overrides and
 * `<font>`/`<s>` dropped, a leading `{\anN}` turned into cue settings, `&`, `<` and `>` escaped so no text line
 * can read as a tag it is not, or as a timing line (`-->` becomes `--&gt;`).
 */
import type { Cue, SubtitleDocument } from '../model';
import { alignmentOf } from '../text/markup';
import { writeLanguages, type WriteOptions } from './types';
import { formatVttTime, parseVttTimestamp } from './vtt-timing';
import { vttCueExtra, vttMetadata, type VttMetadata } from './vtt-extra';

/** Cue settings for a numpad position: top row `line:0`, middle row `line:50%,center`; left/right by align. */
const ROW: Record<number, string> = { 1: '', 2: '', 3: '', 4: 'line:50%,center', 5: 'line:50%,center', 6: 'line:50%,center', 7: 'line:0', 8: 'line:0', 9: 'line:0' };
const COLUMN: Record<number, string> = { 1: 'position:0% align:start', 4: 'position:0% align:start', 7: 'position:0% align:start', 3: 'position:100% align:end', 6: 'position:100% align:end', 9: 'position:100% align:end' };

export function alignmentSettings(an: number): string {
  return [ROW[an] ?? '', COLUMN[an] ?? ''].filter(Boolean).join(' ');
}

/**
 * Tags WebVTT knows, in the one form the reader gives them (vtt-text.ts), so what is read is written back as
 * it was: `<c.cls>`, `<v.cls Name>`, `<lang xx>` with single spaces. Any other `<` is text and escaped.
 * `<I>` from SRT is still italics.
 */
const VTT_TAG = /<(\/(?:[ibucv]|ruby|rt|lang)|[ibu]|ruby|rt|c(?:\.[^\s.<>&]+)*|(?:v|lang)(?:\.[^\s.<>&]+)*(?: [^\s<>]+)*|\d[\d:.]*)>/iy;
/** Markup WebVTT cannot express: dropped. */
const DROPPED_TAG = /<\/?(?:s|font\b[^<>]*)>/iy;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The tag at `at` written for WebVTT, '' to drop it, or null when the `<` is text. */
function tagAt(line: string, at: number): { out: string; end: number } | null {
  DROPPED_TAG.lastIndex = at;
  if (DROPPED_TAG.test(line)) return { out: '', end: DROPPED_TAG.lastIndex };
  VTT_TAG.lastIndex = at;
  const m = VTT_TAG.exec(line);
  if (!m) return null;
  const [body, end] = [m[1], VTT_TAG.lastIndex];
  if (/^\d/.test(body)) return parseVttTimestamp(body) === null ? null : { out: `<${body}>`, end };
  const name = /^[^\s.]+/.exec(body)![0];
  const basic = /^\/?[ibu]$/i.test(name);
  // WebVTT tag names are case-sensitive (`<V Bob>` is no voice); SRT's `<I>` is still italics.
  if (!basic && name !== name.toLowerCase()) return null;
  const space = body.indexOf(' ');
  if (basic || space < 0) return { out: `<${basic ? name.toLowerCase() : body}>`, end };
  return { out: `<${body.slice(0, space)} ${escapeText(body.slice(space + 1))}>`, end };
}

/** One text line in WebVTT markup. Linear: every `<` or `{` is looked at once, to the next `<`/`}` at most. */
export function toVttLine(line: string): string {
  const out: string[] = [];
  let plainFrom = 0;
  let closingBraces = true;
  let close = -1;
  const flush = (to: number) => out.push(escapeText(line.slice(plainFrom, to)));
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '{' && line[i + 1] === '\\' && closingBraces) {
      const close = line.indexOf('}', i);
      if (close < 0) closingBraces = false;
      else {
        flush(i);
        i = close;
        plainFrom = close + 1;
      }
    } else if (c === '<') {
      // A tag ends at the first `>` and holds no `<`: when another `<` comes first, this one is text.
      if (close < i) close = line.indexOf('>', i);
      if (close < 0) break;
      const nextOpen = line.indexOf('<', i + 1);
      if (nextOpen >= 0 && nextOpen < close) continue;
      const tag = tagAt(line, i);
      if (!tag) continue;
      flush(i);
      out.push(tag.out);
      i = tag.end - 1;
      plainFrom = tag.end;
    }
  }
  flush(line.length);
  // A `-->` can only survive inside a tag's annotation; a line holding one would read as a timing line.
  return out.join('').replace(/-->/g, '--&gt;');
}

/**
 * The languages' lines stacked, top first. Unlike SRT (bilingual.ts's `stackedLines`), a line of spaces is
 * cue text in WebVTT, not a cue's end, so it is kept; only lines that are empty once converted go. With
 * `tagged`, each language's lines are one `<lang xx>` span (WebVTT's language span), so players and screen
 * readers can tell the languages apart and the reader splits them again (vtt-lang.ts).
 */
function textLines(text: Record<string, string>, langs: string[], tagged: boolean): string[] {
  return langs.flatMap((lang) => {
    const lines = (text[lang] ?? '').split(/\r\n|\r|\n/).map(toVttLine).filter((l) => l !== '');
    if (!tagged || lines.length === 0) return lines;
    lines[0] = `<lang ${escapeText(lang)}>${lines[0]}`;
    lines[lines.length - 1] += '</lang>';
    return lines;
  });
}

function voiceTag(doc: SubtitleDocument, cue: Cue, classes: string[]): string {
  const speaker = cue.speaker === null ? undefined : doc.speakers.find((s) => s.id === cue.speaker);
  const name = speaker?.name.trim().replace(/\s+/g, ' ') ?? '';
  return name === '' ? '' : `<v${classes.map((c) => `.${c}`).join('')} ${escapeText(name)}>`;
}

function cueBlock(doc: SubtitleDocument, cue: Cue, langs: string[], tagged: boolean): string[] {
  const extra = vttCueExtra(cue);
  const an = langs.map((l) => alignmentOf(cue.text[l] ?? '')).find((n) => n !== null) ?? null;
  const settings = extra.settings ?? (an === null ? '' : alignmentSettings(an));
  const lines = textLines(cue.text, langs, tagged);
  const voice = voiceTag(doc, cue, extra.voiceClasses ?? []);
  if (voice) lines[0] = voice + (lines[0] ?? '');
  const timing = `${formatVttTime(cue.start)} --> ${formatVttTime(cue.end)}${settings ? ' ' + settings : ''}`;
  return [...(extra.id ? [extra.id] : []), timing, ...lines, ''];
}

/** The header line and lines: `WEBVTT`, then what the file had after it. */
function headerLines(meta: VttMetadata): string[] {
  const [rest = '', ...more] = (meta.header ?? '').split('\n');
  const first = rest === '' || /^[ \t]/.test(rest) ? rest : ' ' + rest;
  return [`WEBVTT${first}`, ...more.filter((l) => l.trim() !== '' && !l.includes('-->')), ''];
}

/** Kept blocks by the index of the cue they go before (the cue's id first, its old index if it is gone). */
function blocksByCue(doc: SubtitleDocument, meta: VttMetadata): Map<number, string[][]> {
  const index = new Map(doc.cues.map((c, i) => [c.id, i]));
  const at = new Map<number, string[][]>();
  for (const block of meta.blocks ?? []) {
    const i = Math.min((block.cue !== undefined ? index.get(block.cue) : undefined) ?? block.before, doc.cues.length);
    // A blank line would split the block and a `-->` line would start a cue.
    const lines = block.text.split('\n').filter((l) => l.trim() !== '' && !l.includes('-->'));
    if (lines.length > 0) at.set(i, [...(at.get(i) ?? []), [...lines, '']]);
  }
  return at;
}

export function serializeVtt(doc: SubtitleDocument, options?: WriteOptions): string {
  const langs = writeLanguages(doc, options, 'WebVTT');
  const meta = vttMetadata(doc);
  const blocks = blocksByCue(doc, meta);
  const out = headerLines(meta);
  // A document of several languages names the language of every text, in a bilingual file and in each
  // per-language one alike (WebVTT has no file-level language: the spec dropped its metadata headers).
  const tagged = doc.languages.length > 1;
  doc.cues.forEach((cue, i) => {
    for (const block of blocks.get(i) ?? []) out.push(...block);
    out.push(...cueBlock(doc, cue, langs, tagged));
  });
  for (const block of blocks.get(doc.cues.length) ?? []) out.push(...block);
  return out.join('\n');
}
