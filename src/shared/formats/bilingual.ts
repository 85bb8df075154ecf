/**
 * Bilingual subtitles: every language of a cue in one subtitle, in a chosen order (first on top). SRT, WebVTT and
 * the other line formats stack the languages' lines in one cue (players show them together); ASS writes one event
 * per language, each in its own style (see ass.ts).
 */
import type { SubtitleDocument } from '../model';

/** The languages to write, top first: `order` when given (checked against the document), else the document's. */
export function bilingualOrder(doc: SubtitleDocument, order?: string[]): string[] {
  const codes = doc.languages.map((l) => l.code);
  if (!order || order.length === 0) return codes;
  const unknown = order.find((code) => !codes.includes(code));
  if (unknown) throw new Error(`no language "${unknown}" in this document (${codes.join(', ')})`);
  if (new Set(order).size !== order.length) throw new Error(`a language appears twice in the order: ${order.join(', ')}`);
  return order;
}

/** The text lines of one cue: each language's non-blank lines, in order (blank lines would end a cue early). */
export function stackedLines(text: Record<string, string>, order: string[]): string[] {
  return order.flatMap((lang) =>
    (text[lang] ?? '')
      .split(/\r\n|\r|\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() !== ''),
  );
}
