/**
 * Walks TTML tokens (ttml-xml.ts) with an explicit stack and collects the paragraphs: absolute times (a `begin`
 * adds to its parent's, as in TTML's default parallel time containers), language (`xml:lang`, inherited),
 * speaker (`ttm:agent`, inherited) and text in the internal markup (`<br/>` → line break, italic / bold /
 * underline / line-through / colour styles, inline or by `style` reference, → `<i> <b> <u> <s> <font>`).
 */
import type { Problem } from '../model';
import { parseTtmlTime, timeBase, type TimeBase } from './ttml-time';
import { XmlTokenizer, type XmlEvent } from './ttml-xml';

export interface Paragraph {
  begin: number;
  end: number | null;
  lang: string;
  agent: string;
  text: string;
  line: number;
}

export interface TtmlContent {
  paragraphs: Paragraph[];
  /** Agent id → display name (`<ttm:name>`, else the id). */
  agents: Map<string, string>;
  title: string;
  /** Whether `<tt>` was seen at all. */
  hasRoot: boolean;
}

interface Frame {
  name: string;
  begin: number;
  end: number | null;
  lang: string;
  agent: string;
  preserve: boolean;
  /** Closing markup to add when the element ends (a styled span). */
  closing: string;
  /** Inside `<head>`, `<metadata>` …: no subtitle text. */
  skipped?: boolean;
}

interface OpenParagraph extends Paragraph {
  parts: string[];
  /** `xml:space="preserve"`: spaces kept as written. */
  preserve: boolean;
  timed: boolean;
  spanBegin: number | null;
  spanEnd: number | null;
  depth: number;
}

const SKIPPED = new Set(['head', 'metadata', 'styling', 'layout', 'set', 'animation', 'resources']);
const WHITE = new Set(['white', '#fff', '#ffffff', '#ffffffff']);
const STYLE_KEYS = ['fontStyle', 'fontWeight', 'textDecoration', 'color'];

/** Style attributes of an element: its `style` references (followed through chained styles), then its own. */
function resolveStyle(attrs: Map<string, string>, styles: Map<string, Map<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  const pending = (attrs.get('style') ?? '').split(/\s+/).filter(Boolean).reverse();
  const seen = new Set<string>();
  const chain: Map<string, string>[] = [];
  while (pending.length && seen.size < 64) {
    const id = pending.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const def = styles.get(id);
    if (!def) continue;
    chain.push(def);
    pending.push(...(def.get('style') ?? '').split(/\s+/).filter(Boolean).reverse());
  }
  for (const def of chain.reverse()) for (const k of STYLE_KEYS) if (def.has(k)) out.set(k, def.get(k) as string);
  for (const k of STYLE_KEYS) if (attrs.has(k)) out.set(k, attrs.get(k) as string);
  return out;
}

/** Opening and closing internal markup for a style. */
function markupOf(style: Map<string, string>): { open: string; close: string } {
  const tags: string[] = [];
  if (style.get('fontStyle') === 'italic' || style.get('fontStyle') === 'oblique') tags.push('i');
  if (style.get('fontWeight') === 'bold') tags.push('b');
  const decoration = style.get('textDecoration') ?? '';
  if (/\bunderline\b/.test(decoration)) tags.push('u');
  if (/\blineThrough\b/.test(decoration)) tags.push('s');
  let open = tags.map((t) => `<${t}>`).join('');
  let close = [...tags].reverse().map((t) => `</${t}>`).join('');
  const color = style.get('color')?.trim().toLowerCase();
  if (color && !WHITE.has(color) && /^(#[0-9a-f]{6}([0-9a-f]{2})?|[a-z]+)$/.test(color)) {
    open = `<font color="${color.length === 9 ? color.slice(0, 7) : color}">` + open;
    close += '</font>';
  }
  return { open, close };
}

export class TtmlReader {
  private readonly stack: Frame[] = [];
  private readonly openCount = new Map<string, number>();
  private readonly styles = new Map<string, Map<string, string>>();
  private base: TimeBase = timeBase(new Map());
  private paragraph: OpenParagraph | null = null;
  private agentId = '';
  private skipDepth = 0;
  private capture: 'name' | 'title' | null = null;
  readonly content: TtmlContent = { paragraphs: [], agents: new Map(), title: '', hasRoot: false };

  constructor(private readonly problems: Problem[]) {}

  read(text: string): TtmlContent {
    let lastLine = 1;
    const tokenizer = new XmlTokenizer(text, this.problems);
    tokenizer.run((event) => {
      lastLine = event.line;
      // XML has one root: when the first element is not <tt>, this is not TTML, and reading on is wasted work.
      if (event.kind === 'open' && !this.content.hasRoot && event.name !== 'tt') {
        tokenizer.stop();
        return;
      }
      this.handle(event);
    });
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1].name;
      this.problems.push({ line: lastLine, message: `the file ends inside <${open}> (${this.stack.length} elements not closed)`, severity: 'warning' });
    }
    if (this.paragraph) this.finishParagraph();
    return this.content;
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1] ?? { name: '', begin: 0, end: null, lang: '', agent: '', preserve: false, closing: '' };
  }

  private handle(event: XmlEvent): void {
    if (event.kind === 'text') this.text(event.text, event.line);
    else if (event.kind === 'open') this.open(event.name, event.attrs, event.line, event.selfClosing);
    else this.close(event.name, event.line);
  }

  private time(attrs: Map<string, string>, key: string, line: number): number | null {
    const value = attrs.get(key);
    if (value === undefined) return null;
    const ms = parseTtmlTime(value, this.base);
    if (ms === null) this.problems.push({ line, message: `bad time ${key}="${value.slice(0, 40)}" ignored`, severity: 'error' });
    return ms;
  }

  private open(name: string, attrs: Map<string, string>, line: number, selfClosing: boolean): void {
    const parent = this.top();
    if (name === 'tt') {
      this.content.hasRoot = true;
      this.base = timeBase(attrs);
    }
    if (this.skipDepth > 0 || SKIPPED.has(name)) {
      this.openInHead(name, attrs);
      if (!selfClosing) {
        this.skipDepth++;
        this.push({ ...parent, name, closing: '', skipped: true });
      }
      return;
    }
    if (name === 'br') {
      if (this.paragraph) this.paragraph.parts.push('\n');
      if (!selfClosing) this.push({ ...parent, name, closing: '', skipped: false });
      return;
    }
    if (name === 'p' && this.paragraph) {
      this.problems.push({ line, message: 'a <p> inside a <p>: the first one ends here', severity: 'warning' });
      this.finishParagraph();
    }
    const frame = this.frame(name, attrs, parent, line);
    if (name === 'p') this.startParagraph(frame, attrs, line);
    else if (this.paragraph) this.openSpan(frame, attrs);
    if (selfClosing) this.closeFrame(frame);
    else this.push(frame);
  }

  private frame(name: string, attrs: Map<string, string>, parent: Frame, line: number): Frame {
    if (attrs.size === 0) return { ...parent, name, closing: '', skipped: false };
    const own = this.time(attrs, 'begin', line);
    const begin = parent.begin + (own ?? 0);
    const end = this.time(attrs, 'end', line);
    const dur = this.time(attrs, 'dur', line);
    const space = attrs.get('xml:space');
    return {
      name,
      begin,
      end: end !== null ? parent.begin + end : dur !== null ? begin + dur : parent.end,
      lang: attrs.get('xml:lang') ?? parent.lang,
      agent: attrs.get('agent')?.trim().split(/\s+/)[0] ?? parent.agent,
      preserve: space === undefined ? parent.preserve : space === 'preserve',
      closing: '',
      skipped: false,
    };
  }

  private push(frame: Frame): void {
    this.stack.push(frame);
    this.openCount.set(frame.name, (this.openCount.get(frame.name) ?? 0) + 1);
  }

  private pop(): Frame {
    const frame = this.stack.pop() as Frame;
    this.openCount.set(frame.name, (this.openCount.get(frame.name) ?? 1) - 1);
    return frame;
  }

  private openInHead(name: string, attrs: Map<string, string>): void {
    const id = attrs.get('xml:id') ?? attrs.get('id');
    if (name === 'style' && id) this.styles.set(id, attrs);
    if (name === 'agent' && id) {
      this.agentId = id;
      if (!this.content.agents.has(id)) this.content.agents.set(id, id);
    }
    if (name === 'name' && this.agentId) this.capture = 'name';
    if (name === 'title') this.capture = 'title';
  }

  private startParagraph(frame: Frame, attrs: Map<string, string>, line: number): void {
    const { open, close } = markupOf(resolveStyle(attrs, this.styles));
    frame.closing = close;
    const timed = attrs.has('begin') || attrs.has('end') || attrs.has('dur');
    this.paragraph = {
      begin: frame.begin, end: frame.end, lang: frame.lang, agent: frame.agent, text: '', line,
      parts: open ? [open] : [], preserve: frame.preserve, timed, spanBegin: null, spanEnd: null, depth: this.stack.length,
    };
  }

  private openSpan(frame: Frame, attrs: Map<string, string>): void {
    if (attrs.size === 0) return; // a bare <span> styles nothing
    const p = this.paragraph as OpenParagraph;
    const { open, close } = markupOf(resolveStyle(attrs, this.styles));
    if (open) p.parts.push(open);
    frame.closing = close;
    // Word-timed spans in an untimed paragraph give the paragraph its times.
    if (!p.timed && (attrs.has('begin') || attrs.has('end') || attrs.has('dur'))) {
      p.spanBegin = Math.min(p.spanBegin ?? frame.begin, frame.begin);
      if (frame.end !== null) p.spanEnd = Math.max(p.spanEnd ?? frame.end, frame.end);
    }
  }

  private text(text: string, line: number): void {
    if (this.capture && this.skipDepth > 0) {
      if (this.capture === 'name') this.content.agents.set(this.agentId, text.trim());
      else this.content.title = text.trim();
      return;
    }
    if (this.skipDepth > 0) return;
    if (this.paragraph) {
      this.paragraph.parts.push(this.top().preserve ? text : text.replace(/[ \t\r\n]+/g, ' '));
    } else if (text.trim() !== '' && this.content.hasRoot) {
      const lead = text.slice(0, text.length - text.trimStart().length);
      line += lead.split('\n').length - 1;
      this.problems.push({ line, message: `text outside a <p> is ignored: "${text.trim().slice(0, 40)}"`, severity: 'warning' });
    }
  }

  /**
   * Closes the innermost open element of that name and any left open inside it. Elements not open at all are
   * known from a count, so stray end tags never search the stack; a search pops what it passes (linear overall).
   */
  private close(name: string, line: number): void {
    if (!this.openCount.get(name)) {
      this.problems.push({ line, message: `</${name}> closes nothing that is open: ignored`, severity: 'warning' });
      return;
    }
    if (this.stack[this.stack.length - 1].name !== name) {
      this.problems.push({ line, message: `</${name}> also closes <${this.stack[this.stack.length - 1].name}>, which was not closed`, severity: 'warning' });
    }
    for (;;) {
      const frame = this.pop();
      this.closeFrame(frame);
      if (frame.name === name) return;
    }
  }

  private closeFrame(frame: Frame): void {
    if (frame.skipped) {
      this.skipDepth--;
      if (frame.name === 'agent') this.agentId = '';
      this.capture = null;
      return;
    }
    const p = this.paragraph;
    if (!p) return;
    if (frame.closing) p.parts.push(frame.closing);
    if (frame.name === 'p' && this.stack.length <= p.depth) this.finishParagraph();
  }

  private finishParagraph(): void {
    const p = this.paragraph as OpenParagraph;
    this.paragraph = null;
    const lines = p.parts.join('').split('\n').map((l) => (p.preserve ? l : l.trim()));
    // A `<br/>` before `</p>` (or after `<p>`) makes no line.
    let [from, to] = [0, lines.length];
    while (from < to && lines[from] === '') from++;
    while (to > from && lines[to - 1] === '') to--;
    const text = lines.slice(from, to).join('\n');
    let { begin, end } = p;
    if (!p.timed && p.spanBegin !== null) [begin, end] = [p.spanBegin, p.spanEnd ?? end];
    if (end === null) {
      this.problems.push({ line: p.line, message: 'paragraph without an end time: it ends where it begins', severity: 'warning' });
      end = begin;
    }
    this.content.paragraphs.push({ begin, end, lang: p.lang, agent: p.agent, text, line: p.line });
  }
}
