/**
 * Writes a document in the bilingual transcript layout of resources/sample: the header (title, episode lines,
 * `本集简介`, the description), `双语字幕`, the notice, then per cue a turn — the speaker's name, then one
 * paragraph per language (Chinese first in the sample's order) — and the closing `关于 …` block, each
 * separated by one blank line.
 *
 * Lossless for an unchanged sample: the importer keeps the parts the model has no field for in metadata
 * (see `transcriptLayout`): the header exactly as written, the notice and the footer. The stored header is
 * used only while it still reads back as the document's title, episode and description; after an edit the
 * header is rebuilt from those fields. Times are not written: a transcript has none.
 */
import type { SubtitleDocument } from '../model';
import { readHeader } from './transcript-header';
import { oneLine, splitLines } from './types';

/** Metadata keys of the layout parts the model has no field for. */
export const LAYOUT_KEYS = { header: 'transcriptHeader', notice: 'transcriptNotice', footer: 'transcriptFooter' } as const;

const MARKER = '双语字幕';
const NOTICE = /^仅展示文本字幕/;
const SPEAKER = /^Speaker\s+\d+\s*[:：]?$/i;

/** The same test as the importer's: a short heading line, not a sentence (`关于 Bayt 播客`). */
function isFooter(line: string): boolean {
  return /^关于\s+\S/.test(line) && line.length <= 40 && !/[，。,.!?！？]/.test(line);
}

/**
 * What the importer should store beside the parsed fields so that writing gives the file back: the text before
 * the `双语字幕` line (verbatim), the notice after it, and everything from the footer heading to the end.
 */
export function transcriptLayout(text: string): Record<string, string> {
  const lines = splitLines(text);
  const marker = lines.findIndex((l) => l.trim() === MARKER);
  if (marker < 0) return {};
  const out: Record<string, string> = {};
  if (marker > 0) out[LAYOUT_KEYS.header] = lines.slice(0, marker).join('\n') + '\n';
  const first = lines.findIndex((l, i) => i > marker && l.trim() !== '');
  if (first >= 0 && NOTICE.test(lines[first].trim())) {
    const end = lines.findIndex((l, i) => i > first && l.trim() === '');
    out[LAYOUT_KEYS.notice] = lines.slice(first, end < 0 ? undefined : end).map((l) => l.trim()).join('\n');
  }
  const footer = lines.findIndex((l, i) => i > marker && (lines[i - 1].trim() === '' || SPEAKER.test(lines[i - 1].trim())) && isFooter(l.trim()));
  if (footer >= 0) out[LAYOUT_KEYS.footer] = lines.slice(footer).join('\n');
  return out;
}

function stored(doc: SubtitleDocument, key: string): string | undefined {
  const value = doc.metadata[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The stored header when it still says what the metadata says; else one rebuilt from the metadata. */
function headerText(doc: SubtitleDocument): string {
  const meta = doc.metadata;
  const raw = stored(doc, LAYOUT_KEYS.header);
  if (raw !== undefined) {
    const read = readHeader(splitLines(raw)).metadata;
    if (read.title === meta.title && read.episode === meta.episode && read.description === meta.description) return raw;
  }
  const lines: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string') lines.push(...value.split('\n').map((l) => l.trim()).filter((l) => l !== ''));
  };
  add(meta.title);
  add(meta.episode);
  if (typeof meta.description === 'string' && meta.description.trim() !== '') lines.push('本集简介');
  add(meta.description);
  return lines.map((l) => `${l}\n\n`).join('');
}

/** A paragraph's lines with blank ones dropped: a blank line would end the paragraph when read back. */
function paragraph(text: string | undefined): string | null {
  const lines = (text ?? '').split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.length > 0 ? lines.join('\n') : null;
}

/**
 * `languages`: the paragraphs of each turn, in order. A cue without a speaker gets no name line, so reading
 * the file back joins it to the turn before (the layout has no unnamed turns).
 */
export function serializeTranscript(doc: SubtitleDocument, languages: string[]): string {
  const names = new Map(doc.speakers.map((s) => [s.id, s.name]));
  const blocks: string[] = [];
  const notice = stored(doc, LAYOUT_KEYS.notice);
  if (notice) blocks.push(notice);
  for (const cue of doc.cues) {
    const paragraphs = languages.map((lang) => paragraph(cue.text[lang])).filter((p): p is string => p !== null);
    if (paragraphs.length === 0) continue;
    const name = cue.speaker ? names.get(cue.speaker) : undefined;
    if (name) blocks.push(oneLine(name));
    blocks.push(...paragraphs);
  }
  const body = `${headerText(doc)}${MARKER}\n\n${blocks.map((b) => `${b}\n\n`).join('')}`;
  const footer = stored(doc, LAYOUT_KEYS.footer);
  return footer !== undefined ? body + footer : body.replace(/(?<!\n)\n+$/, '\n');
}
