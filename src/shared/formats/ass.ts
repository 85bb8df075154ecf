/**
 * Advanced SubStation Alpha (.ass). Read by our own line reader (ass-script.ts, ass-read.ts), not `ass-compiler`:
 * a round trip must keep what that library drops or rewrites (unknown sections such as [Fonts] and
 * [Aegisub Project Garbage], `;` comments in [Script Info], the order of Comment and Dialogue lines, fields as
 * written such as margins `0` and effects `Banner;5`), every problem needs its line number, and its tag parser is
 * quadratic on unclosed braces (200,000 `{` take 33 s). Override tags ⇄ internal markup: ass-text.ts and
 * ass-text-write.ts; styles as languages: ass-languages.ts; writing: ass-write.ts. SSA v4 is ssa.ts.
 */
import { plainText } from '../text/markup';
import { parseAssScript } from './ass-read';
import { assToMarkup } from './ass-text';
import { serializeAssScript } from './ass-write';
import { hasExtension, writeLanguages, type ReadResult, type SubtitleFormat } from './types';

export { formatAssTime, parseAssTime } from './ass-time';

const EXTENSIONS = ['.ass'];

export const assFormat: SubtitleFormat = {
  id: 'ass',
  extensions: EXTENSIONS,
  exports: [{ id: 'ass', label: 'Advanced SubStation (.ass)', extensions: ['.ass'], kind: 'cues', legacyEncodings: true, inExportDialog: true }],
  detect(text, fileName) {
    return detectScript(text, fileName, EXTENSIONS, 'ass');
  },
  parse(text, options) {
    return parseAss(text, options?.lang?.split(',')[0]?.trim() || 'en');
  },
  serialize(doc, options) {
    return serializeAss(doc, options?.langs?.length || options?.lang ? writeLanguages(doc, options, 'ASS') : doc.languages.map((l) => l.code));
  },
  bilingual: true,
};

/**
 * How sure a SubStation script reader is: a `[Script Info]` head is certain for the flavour it declares
 * (`ScriptType: v4.00` or `[V4 Styles]` is SSA, anything else ASS) and a little less for the other one.
 */
export function detectScript(text: string, fileName: string, extensions: string[], flavour: 'ass' | 'ssa'): number {
  const head = text.replace(/^\uFEFF/, '').slice(0, 4000);
  const byName = hasExtension(fileName, extensions);
  if (/^\s*\[Script Info\]/i.test(head)) {
    // `[ \t]` not `\s` under the m flag, which would run across newlines (quadratic on blank lines).
    const ssa = /^[ \t]*ScriptType[ \t]*:[ \t]*v4\.00[ \t]*$/im.test(head) || /^[ \t]*\[V4 Styles\]/im.test(head);
    return (flavour === 'ssa') === ssa ? 1 : byName ? 0.95 : 0.9;
  }
  if (/^Dialogue\s*:/im.test(text.slice(0, 200_000))) return byName ? 0.9 : 0.5;
  return byName ? 0.4 : 0;
}

/** Reads an ASS script; `lang` names its one language unless two styles are two languages (then it is ignored). */
export function parseAss(text: string, lang: string): ReadResult {
  return parseAssScript(text, lang, 'ass');
}

/** The document as ASS in the given languages, top first: into the script it was read from, if any. */
export function serializeAss(doc: Parameters<typeof serializeAssScript>[0], languages: string[]): string {
  return serializeAssScript(doc, languages, 'ass');
}

/** What a viewer reads of an event's text: tags, comments and drawings left out, `\N` a line break, `\h` a space. */
export function assPlainText(text: string): string {
  return plainText(assToMarkup(text).markup)
    .replace(/\u00A0/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
}
