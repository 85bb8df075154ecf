/**
 * Internal markup (markup.ts) → ASS/SSA event text: `<i>…</i>` → `{\i1}…{\i0}` and the same for b/u/s,
 * `<font color face size>` → `\c&HBBGGRR&` `\fn` `\fs` (closing restores the outer font or the style's), kept
 * `{\…}` blocks written as they are, a leading `{\anN}` (SSA: `{\aN}` in its legacy numbering), line breaks as
 * `\N`, U+00A0 as `\h`. WebVTT-only spans are dropped; other braces are escaped (`\{`) so they stay text.
 * Adjacent tags share one `{…}` block. One pass over the text.
 */
import { hexToAssColor, numpadToLegacy } from './ass-tags';

export interface AssWriteTextOptions {
  /** Write SSA v4 (`\aN` legacy alignment). */
  ssa?: boolean;
}

const TOKEN = /<(\/?)([ibsu])>|<font\b([^<>]*)>|<\/font>|<\/?(?:c|v|lang|ruby|rt)(?:[.\s][^<>]*)?>|<\d+(?::\d{2}){1,2}\.\d{3}>|\{\\[^{}]*\}|\r\n|[\r\n\u00A0{}]/gi;
const LEADING_ALIGNMENT = /^\{\\an([1-9])\}/;

interface Font {
  color: string | null;
  face: string | null;
  size: string | null;
}

/** Tags waiting for the next text (so `</i><b>` is one block), and the fonts open. */
class AssBuilder {
  private readonly parts: string[] = [];
  private pending: string[] = [];
  private readonly fonts: Font[] = [];

  tag(tag: string): void {
    this.pending.push(tag);
  }

  text(s: string): void {
    if (this.pending.length > 0) this.parts.push(`{${this.pending.join('')}}`);
    this.pending = [];
    this.parts.push(s);
  }

  openFont(attributes: string): void {
    const font = parseFont(attributes);
    this.fonts.push(font);
    if (font.color) this.tag(`\\c${font.color}`);
    if (font.face) this.tag(`\\fn${font.face}`);
    if (font.size) this.tag(`\\fs${font.size}`);
  }

  /** Back to the outer font's values, or the style's (`\c`, `\fn`, `\fs` with no value) when none is open. */
  closeFont(): void {
    const closed = this.fonts.pop();
    if (!closed) return;
    const outer = (key: keyof Font) => {
      for (let i = this.fonts.length - 1; i >= 0; i--) if (this.fonts[i][key]) return this.fonts[i][key];
      return '';
    };
    if (closed.color) this.tag(`\\c${outer('color')}`);
    if (closed.face) this.tag(`\\fn${outer('face')}`);
    if (closed.size) this.tag(`\\fs${outer('size')}`);
  }

  finish(): string {
    if (this.pending.length > 0) this.parts.push(`{${this.pending.join('')}}`);
    return this.parts.join('');
  }
}

function parseFont(attributes: string): Font {
  const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"']+))`, 'i').exec(attributes);
  const value = (m: RegExpExecArray | null) => (m ? (m[1] ?? m[2] ?? m[3]).trim() : '');
  const color = hexToAssColor(value(attr('color')));
  const face = value(attr('face')).replace(/[\\{},]/g, '') || null;
  const size = /^\d+(\.\d+)?$/.test(value(attr('size'))) ? value(attr('size')) : null;
  return { color, face, size };
}

/** Converts one language's text of a cue into an event's Text field. */
export function markupToAss(markup: string, options: AssWriteTextOptions = {}): string {
  const out = new AssBuilder();
  let text = markup;
  const an = LEADING_ALIGNMENT.exec(text);
  if (an) {
    const legacy = options.ssa ? numpadToLegacy(Number(an[1])) : null;
    out.tag(legacy !== null ? `\\a${legacy}` : `\\an${an[1]}`);
    text = text.slice(an[0].length);
  }
  TOKEN.lastIndex = 0;
  let last = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (m.index > last) out.text(text.slice(last, m.index));
    last = TOKEN.lastIndex;
    writeToken(out, m);
  }
  if (last < text.length) out.text(text.slice(last));
  return out.finish();
}

function writeToken(out: AssBuilder, m: RegExpExecArray): void {
  const token = m[0];
  if (m[2]) out.tag(`\\${m[2].toLowerCase()}${m[1] ? 0 : 1}`);
  else if (m[3] !== undefined) out.openFont(m[3]);
  else if (/^<\/font>$/i.test(token)) out.closeFont();
  else if (token.startsWith('{\\')) out.tag(token.slice(1, -1));
  else if (token === '{' || token === '}') out.text(`\\${token}`);
  else if (token === '\u00A0') out.text('\\h');
  else if (token === '\n' || token === '\r' || token === '\r\n') out.text('\\N');
  // Anything else is a WebVTT span or timestamp: only WebVTT shows it.
}
