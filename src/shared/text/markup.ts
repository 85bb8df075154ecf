/**
 * Cue text markup inside Duosub: one form whatever file the text came from, so every writer converts it to its
 * own format instead of copying another format's tags.
 *
 * - `<i> <b> <u> <s>` and `<font color="…">` as in SRT, the most common form;
 * - `{\anN}` at the start of the text: position on the numpad (2 = bottom centre, 8 = top centre), as SRT players
 *   and ASS read it;
 * - any other ASS override block `{\…}` is kept as it is: only ASS/SSA write it, the other writers drop it;
 * - WebVTT's own spans (`<c.class>`, `<lang xx>`, `<ruby>`, `<rt>`, timestamps `<00:01.000>`) are kept: only
 *   WebVTT writes them (voices `<v Name>` become the cue's speaker when they cover the whole cue);
 * - the rest is plain text: no entities (`&` is `&`), `\n` between lines.
 */

/**
 * An ASS override block: `{` then a backslash tag. `[^{}]`, not `[^}]`, and `[^<>]` in the tags below: a failed
 * match stops at the next brace or bracket, so a long line of unclosed `{\` or `<font` stays linear.
 */
const OVERRIDE = /\{\\[^{}]*\}/g;
const LEADING_ALIGNMENT = /^\{\\an([1-9])\}/;
const BASIC_TAG = /<\/?[ibsu]>|<font\b[^<>]*>|<\/font>/gi;
const VTT_SPAN = /<\/?(?:c|v|lang|ruby|rt)(?:[.\s][^<>]*)?>|<\d+(?::\d{2}){1,2}\.\d{3}>/gi;

/** The numpad position the text starts with (`{\an8}` → 8), or null. */
export function alignmentOf(text: string): number | null {
  const m = LEADING_ALIGNMENT.exec(text);
  return m ? Number(m[1]) : null;
}

/** Drops ASS override blocks; a leading `{\anN}` too unless `keepAlignment`. */
export function dropOverrides(text: string, keepAlignment = false): string {
  const an = keepAlignment ? alignmentOf(text) : null;
  const bare = text.replace(OVERRIDE, '');
  return an === null ? bare : `{\\an${an}}${bare}`;
}

/** Drops WebVTT-only spans and voices, keeping their text. */
export function dropVttSpans(text: string): string {
  return text.replace(VTT_SPAN, '');
}

/** Text as SRT carries it: basic tags and a leading `{\anN}` kept, ASS overrides and WebVTT spans dropped. */
export function toSrtMarkup(text: string): string {
  return dropVttSpans(dropOverrides(text, true));
}

/** What a viewer reads: every tag and override block removed. */
export function plainText(text: string): string {
  return dropVttSpans(text.replace(OVERRIDE, '').replace(BASIC_TAG, ''));
}

/** HTML-like tags (`<i>`, `</font>`, `<c.yellow>`) and ASS override blocks (`{\an8}`, `{\i1}`). */
const ANY_MARKUP = /<\/?[A-Za-z][^<>]*>|\{\\[^{}]*\}/g;

/** Every tag and override block removed, known or not: the text QC measures and script detection reads. */
export function stripMarkup(text: string): string {
  return text.replace(ANY_MARKUP, '');
}
