/**
 * The layout an export asks for, applied to a copy of the document before a writer sees it: each language
 * re-broken to one line or to at most two (bilingual delivery: a line of Chinese over a line of English is what
 * players and platforms expect), and an empty text written as the placeholder the user chose. The document
 * itself is never changed.
 */
import type { Cue, SubtitleDocument } from '../model';
import { rebreak } from '../qc/fixes/text';
import { documentProfiles, type QcProfile } from '../qc/profiles';

export interface ExportLayout {
  /** Lines per language in a bilingual export: 1 = joined on one line, 2 = re-broken to at most two. */
  linesPerLanguage?: 1 | 2;
  /** Written for a language whose text is empty (the cue is kept either way); '' or absent = an empty cue. */
  emptyText?: string;
}

const codePoints = (s: string): number => Array.from(s).length;

/** One line: the lines joined as the language joins them (Chinese directly, Latin with a space). */
function oneLine(text: string, lang: string, profile: QcProfile): string {
  // rebreak with no width limit gives its joined text: the join rules live in one place.
  return rebreak(text, lang, { ...profile, charsPerLine: Number.MAX_SAFE_INTEGER });
}

/** Whether the text already fits: at most two lines, each within the profile's width. The user's own breaks stay. */
function fitsTwoLines(text: string, width: number): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.length <= 2 && lines.every((l) => codePoints(l.trim()) <= width);
}

/**
 * At most two lines: the profile's re-break, and when that needs three lines (a text too long for two), the
 * narrowest width that gives two, so the lines stay balanced rather than the last one taking the rest.
 */
function twoLines(text: string, lang: string, profile: QcProfile): string {
  if (fitsTwoLines(text, profile.charsPerLine)) return text;
  const broken = rebreak(text, lang, profile);
  if (broken.split('\n').length <= 2) return broken;
  // Widen from half the text's length (where two lines first can fit) until the re-break gives two.
  const flat = oneLine(text, lang, profile);
  const total = codePoints(flat);
  const step = Math.max(1, Math.ceil(total / 20));
  for (let width = Math.max(profile.charsPerLine, Math.ceil(total / 2)); width < total; width += step) {
    const wider = rebreak(text, lang, { ...profile, charsPerLine: width });
    if (wider.split('\n').length <= 2) return wider;
  }
  return flat;
}

function layoutText(text: string, lang: string, profile: QcProfile, lines: 1 | 2 | undefined): string {
  if (lines === 1) return oneLine(text, lang, profile);
  if (lines === 2) return twoLines(text, lang, profile);
  return text;
}

/** The cue's texts in `langs` laid out; the other languages are not written, so they are left as they are. */
function layoutCue(cue: Cue, langs: string[], profiles: Record<string, QcProfile>, layout: ExportLayout, rebreaking: boolean): Cue {
  let text: Record<string, string> | null = null;
  for (const lang of langs) {
    const before = cue.text[lang] ?? '';
    let after = before.trim() === '' ? '' : rebreaking ? layoutText(before, lang, profiles[lang], layout.linesPerLanguage) : before;
    if (after === '' && layout.emptyText) after = layout.emptyText;
    if (after === before) continue;
    text ??= { ...cue.text };
    text[lang] = after;
  }
  return text === null ? cue : { ...cue, text };
}

/**
 * The document as the export writes it. Re-breaking applies to bilingual exports (`langs` has two or more) and
 * uses each language's QC profile (its line width, and whether it is written without spaces); the placeholder
 * applies to every export. Returns `doc` itself when nothing changes.
 */
export function layoutForExport(doc: SubtitleDocument, langs: string[], layout: ExportLayout): SubtitleDocument {
  const rebreaking = langs.length > 1 && layout.linesPerLanguage !== undefined;
  if (!rebreaking && !layout.emptyText) return doc;
  const profiles = documentProfiles(doc);
  let changed = false;
  const cues = doc.cues.map((cue) => {
    const out = layoutCue(cue, langs, profiles, layout, rebreaking);
    if (out !== cue) changed = true;
    return out;
  });
  return changed ? { ...doc, cues } : doc;
}
