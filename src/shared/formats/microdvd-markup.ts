/**
 * MicroDVD's control codes to and from the internal markup (markup.ts). `{y:i}` styles its line and `{Y:i}` the
 * whole cue (codes `i b u s`, several as `{y:b,i}`); `{c:$BBGGRR}` colours (blue first); a line starting with `/`
 * is italic, as many players read it. Other codes (`{f:font}`, `{s:size}`, `{P:x,y}` …) are not markup Duosub
 * shows: those at the start of the cue are handed back to be kept, the rest dropped.
 */
import { plainText } from '../text/markup';

const CODE = /^\{([A-Za-z]):([^}]*)\}/;
const STYLES = ['i', 'b', 'u', 's'] as const;
type Style = (typeof STYLES)[number];
const TAG = /<(\/?)([ibsu])>|<font\b[^>]+?color\s*=\s*["']?#?([0-9a-f]{6})[^>]*>|<(\/)font>/gi;

interface LineCodes {
  styles: Set<Style>;
  color: string | null;
  rest: string;
}

/** Leading codes of one line, without backtracking: one `{x:…}` block at a time. */
function leadingCodes(line: string, whole: LineCodes, keep: string[], first: boolean): LineCodes {
  const own: LineCodes = { styles: new Set(), color: null, rest: line };
  for (let m = CODE.exec(own.rest); m; m = CODE.exec(own.rest)) {
    own.rest = own.rest.slice(m[0].length);
    const target = m[1] === m[1].toUpperCase() ? whole : own;
    const kind = m[1].toLowerCase();
    if (kind === 'y') {
      for (const s of m[2].toLowerCase().split(',')) if ((STYLES as readonly string[]).includes(s.trim())) target.styles.add(s.trim() as Style);
    } else if (kind === 'c' && /^\$[0-9a-fA-F]{6}$/.test(m[2])) {
      const bgr = m[2].slice(1);
      target.color = `#${bgr.slice(4, 6)}${bgr.slice(2, 4)}${bgr.slice(0, 2)}`.toLowerCase();
    } else if (first) {
      keep.push(m[0]);
    }
  }
  if (own.rest.startsWith('/')) {
    own.rest = own.rest.slice(1);
    own.styles.add('i');
  }
  return own;
}

function wrap(text: string, codes: Pick<LineCodes, 'styles' | 'color'>): string {
  let out = text;
  for (const s of [...STYLES].reverse()) if (codes.styles.has(s)) out = `<${s}>${out}</${s}>`;
  return codes.color ? `<font color="${codes.color}">${out}</font>` : out;
}

/** The text of a cue line (after `{start}{end}`) in the internal markup, and the codes to keep. */
export function fromMicroDvdLine(body: string): { text: string; codes: string } {
  const whole: LineCodes = { styles: new Set(), color: null, rest: '' };
  const keep: string[] = [];
  const lines = body.split('|').map((line, i) => leadingCodes(line.trim(), whole, keep, i === 0));
  // `{Y:…}` styles every line: each line gets its own tags, so a bilingual cue split by language keeps them.
  const text = lines.map((own) => wrap(wrap(own.rest, own), whole)).join('\n');
  return { text, codes: keep.join('') };
}

/** Styles and colour shown on each line, following tags that open on one line and close on a later one. */
function lineStyles(lines: string[]): { styles: Set<Style>; color: string | null }[] {
  const open = new Set<Style>();
  let color: string | null = null;
  return lines.map((line) => {
    const styles = new Set(open);
    let lineColor = color;
    for (const m of line.matchAll(TAG)) {
      if (m[2]) {
        const s = m[2].toLowerCase() as Style;
        if (m[1]) {
          open.delete(s);
        } else {
          open.add(s);
          styles.add(s);
        }
      } else if (m[3]) {
        color = lineColor = `#${m[3].toLowerCase()}`;
      } else if (m[4]) {
        color = null;
      }
    }
    return { styles, color: lineColor };
  });
}

function codeFor(kind: 'y' | 'Y' | 'c' | 'C', styles: Set<Style>, color: string | null): string {
  if (kind === 'c' || kind === 'C') {
    if (!color) return '';
    const rgb = color.slice(1);
    return `{${kind}:$${`${rgb.slice(4, 6)}${rgb.slice(2, 4)}${rgb.slice(0, 2)}`.toUpperCase()}}`;
  }
  const list = STYLES.filter((s) => styles.has(s));
  return list.length ? `{${kind}:${list.join(',')}}` : '';
}

/**
 * Cue lines in MicroDVD form: a style on every line as one `{Y:…}` in front, the others per line; other markup
 * removed. `|` would split a line, so it is written as `¦`.
 */
export function toMicroDvdLines(lines: string[]): string[] {
  const styled = lineStyles(lines);
  const many = lines.length > 1;
  const common = new Set(STYLES.filter((s) => many && styled.every((l) => l.styles.has(s))));
  const commonColor = many && styled.every((l) => l.color === styled[0].color) ? styled[0].color : null;
  return lines.map((line, i) => {
    const own = new Set([...styled[i].styles].filter((s) => !common.has(s)));
    const ownColor = styled[i].color === commonColor ? null : styled[i].color;
    const whole = i === 0 ? codeFor('Y', common, null) + codeFor('C', new Set(), commonColor) : '';
    const text = plainText(line).replace(/\|/g, '¦');
    return whole + codeFor('y', own, null) + codeFor('c', new Set(), ownColor) + text;
  });
}
