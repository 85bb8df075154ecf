/**
 * Bilingual subtitles: every language of a cue in one subtitle, in a chosen order (first on top). SRT and
 * WebVTT get the languages' lines stacked in one cue (players show them together); ASS gets one event per
 * language, each in its own style (see ass.ts). A cue with text in none of the languages is left out.
 */
import type { SubtitleDocument } from '../model';
import { formatTimecode } from '../timecode';
import { serializeAss } from './ass';

/** The languages to write, top first: `order` when given (checked against the document), else the document's. */
export function bilingualOrder(doc: SubtitleDocument, order?: string[]): string[] {
  const codes = doc.languages.map((l) => l.code);
  if (!order || order.length === 0) return codes;
  const unknown = order.find((code) => !codes.includes(code));
  if (unknown) throw new Error(`no language "${unknown}" in this document (${codes.join(', ')})`);
  if (new Set(order).size !== order.length) throw new Error(`a language appears twice in the order: ${order.join(', ')}`);
  return order;
}

/** The text lines of one cue: each language's non-blank lines, in order. */
function stackedLines(text: Record<string, string>, order: string[]): string[] {
  return order.flatMap((lang) =>
    (text[lang] ?? '')
      .split(/\r\n|\r|\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() !== ''),
  );
}

export function serializeBilingualSrt(doc: SubtitleDocument, order?: string[]): string {
  const langs = bilingualOrder(doc, order);
  const blocks: string[] = [];
  for (const cue of doc.cues) {
    const lines = stackedLines(cue.text, langs);
    if (lines.length === 0) continue;
    blocks.push(`${blocks.length + 1}\n${formatTimecode(cue.start)} --> ${formatTimecode(cue.end)}\n${lines.join('\n')}\n`);
  }
  return blocks.join('\n');
}

export function serializeBilingualVtt(doc: SubtitleDocument, order?: string[]): string {
  const langs = bilingualOrder(doc, order);
  const out = ['WEBVTT', ''];
  for (const cue of doc.cues) {
    // "-->" inside text would read as a timing line.
    const lines = stackedLines(cue.text, langs).map((l) => l.replace(/-->/g, '->'));
    if (lines.length === 0) continue;
    out.push(`${formatTimecode(cue.start, '.')} --> ${formatTimecode(cue.end, '.')}`, ...lines, '');
  }
  return out.join('\n');
}

export function serializeBilingualAss(doc: SubtitleDocument, order?: string[]): string {
  return serializeAss(doc, bilingualOrder(doc, order));
}
