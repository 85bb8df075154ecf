/**
 * Writes TTML: `xml:lang` on `<tt>` and on one `<div>` per language (bilingual documents get one div each, in
 * `langs` order), speakers as `<ttm:agent>` in the head and `ttm:agent` on their paragraphs, times as
 * `hh:mm:ss.fff`. The internal markup becomes styled spans (`<i>` → `tts:fontStyle="italic"` …), line breaks
 * `<br/>`; ASS overrides and WebVTT-only spans are dropped.
 */
import type { Cue, SubtitleDocument } from '../model';
import { dropOverrides, dropVttSpans } from '../text/markup';
import { formatTtmlTime } from './ttml-time';
import { writeLanguages, type WriteOptions } from './types';

const TAG = /<(\/?)([ibsu])>|<font\b([^>]*)>|<\/(font)>/gi;
const SPAN: Record<string, string> = {
  i: '<span tts:fontStyle="italic">',
  b: '<span tts:fontWeight="bold">',
  u: '<span tts:textDecoration="underline">',
  s: '<span tts:textDecoration="lineThrough">',
};
const NCNAME = /^[A-Za-z_][\w.-]*$/;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fontSpan(attrs: string): string {
  const color = /color\s*=\s*["']?(#[0-9a-fA-F]{3,8}|[A-Za-z]+)/.exec(attrs)?.[1];
  return color ? `<span tts:color="${escapeXml(color)}">` : '<span>';
}

/** Cue text in TTML: basic tags as styled spans, always balanced (a stray or crossed tag cannot break the XML). */
export function toTtmlMarkup(text: string): string {
  const source = dropVttSpans(dropOverrides(text));
  const open: { kind: string; span: string }[] = [];
  let out = '';
  let last = 0;
  const plain = (s: string) => escapeXml(s).replace(/\r\n|\r|\n/g, '<br/>');
  for (const m of source.matchAll(TAG)) {
    out += plain(source.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const kind = (m[2] ?? 'font').toLowerCase();
    const closing = m[1] === '/' || m[4] !== undefined;
    if (!closing) {
      const span = kind === 'font' ? fontSpan(m[3] ?? '') : SPAN[kind];
      open.push({ kind, span });
      out += span;
      continue;
    }
    let at = open.length - 1;
    while (at >= 0 && open[at].kind !== kind) at--;
    if (at < 0) continue;
    const reopened = open.splice(at);
    out += '</span>'.repeat(reopened.length);
    for (const o of reopened.slice(1)) {
      open.push(o);
      out += o.span;
    }
  }
  return out + plain(source.slice(last)) + '</span>'.repeat(open.length);
}

/** Agent ids: the speaker's id when it is a valid XML name, else a made-up one. */
function agentIds(doc: SubtitleDocument): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  doc.speakers.forEach((s, i) => {
    const id = NCNAME.test(s.id) && !used.has(s.id) ? s.id : `speaker${i + 1}`;
    used.add(id);
    ids.set(s.id, id);
  });
  return ids;
}

function head(doc: SubtitleDocument, agents: Map<string, string>): string[] {
  const used = new Set(doc.cues.map((c) => c.speaker));
  const speakers = doc.speakers.filter((s) => used.has(s.id));
  const title = typeof doc.metadata.title === 'string' ? doc.metadata.title : '';
  if (!title && speakers.length === 0) return [];
  return [
    '  <head>',
    '    <metadata>',
    ...(title ? [`      <ttm:title>${escapeXml(title)}</ttm:title>`] : []),
    ...speakers.map(
      (s) => `      <ttm:agent xml:id="${agents.get(s.id)}" type="person"><ttm:name type="full">${escapeXml(s.name)}</ttm:name></ttm:agent>`,
    ),
    '    </metadata>',
    '  </head>',
  ];
}

function paragraph(cue: Cue, lang: string, agents: Map<string, string>): string {
  const agent = cue.speaker && agents.has(cue.speaker) ? ` ttm:agent="${agents.get(cue.speaker)}"` : '';
  const source = cue.text[lang] ?? '';
  // Readers collapse runs of spaces and trim lines unless told to keep them.
  const keep = source.split('\n').some((l) => l !== l.trim() || /\s\s/.test(l)) ? ' xml:space="preserve"' : '';
  const text = toTtmlMarkup(source);
  return `      <p begin="${formatTtmlTime(cue.start)}" end="${formatTtmlTime(cue.end)}"${agent}${keep}>${text}</p>`;
}

export function serializeTtml(doc: SubtitleDocument, options?: WriteOptions): string {
  const langs = writeLanguages(doc, options, 'TTML');
  const agents = agentIds(doc);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling"' +
      ' xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"' +
      ` ttp:timeBase="media" xml:lang="${escapeXml(langs[0])}">`,
    ...head(doc, agents),
    '  <body>',
  ];
  for (const lang of langs) {
    out.push(`    <div xml:lang="${escapeXml(lang)}">`);
    for (const cue of doc.cues) {
      // A cue without text in any written language still gets a paragraph (in the first), so it survives.
      const bare = langs.every((l) => cue.text[l] === undefined);
      if (cue.text[lang] !== undefined || (bare && lang === langs[0])) out.push(paragraph(cue, lang, agents));
    }
    out.push('    </div>');
  }
  out.push('  </body>', '</tt>', '');
  return out.join('\n');
}
