/** Writes a Duosub project: pretty at the top, one line per cue, keys always in the same order. */
import type { Cue, SubtitleDocument } from '../model';
import { DUOSUB_VERSION } from './duosub-schema';

/** JSON on one line with a space after `:` and `,` (readable, and one cue stays one line). */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function list(items: unknown[]): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((item) => `    ${inline(item)}`).join(',\n')}\n  ]`;
}

/** Known metadata first, then the rest alphabetically, so saving twice gives the same bytes. */
function orderedMetadata(meta: SubtitleDocument['metadata']): Record<string, unknown> {
  const known = ['title', 'episode', 'description', 'untimed'];
  const rest = Object.keys(meta).filter((k) => !known.includes(k)).sort();
  // fromEntries, not `out[k] = …`: a key such as `__proto__` would set the prototype instead of a property.
  return Object.fromEntries([...known, ...rest].filter((k) => meta[k] !== undefined).map((k) => [k, meta[k]]));
}

function orderedCue(cue: Cue, languageOrder: string[]): Record<string, unknown> {
  const codes = Object.keys(cue.text);
  const order = [...languageOrder.filter((c) => codes.includes(c)), ...codes.filter((c) => !languageOrder.includes(c)).sort()];
  const text = Object.fromEntries(order.map((c) => [c, cue.text[c]]));
  return { id: cue.id, start: cue.start, end: cue.end, speaker: cue.speaker, text, pinned: cue.pinned ? true : undefined, timing: savedTiming(cue), extra: cue.extra };
}

/**
 * The aligner's confidence with the times it was for. Saved even after the times moved (it then no longer counts,
 * src/shared/timing-confidence.ts): the project re-opens exactly as it was.
 */
function savedTiming(cue: Cue): Cue['timing'] {
  const t = cue.timing;
  return t === undefined ? undefined : { confidence: t.confidence, start: t.start, end: t.end };
}

export function serializeDuosub(doc: SubtitleDocument): string {
  const langs = doc.languages.map((l) => l.code);
  const m = doc.media;
  const media = m ? { path: m.path, duration: m.duration, size: m.size, headHash: m.headHash } : null;
  const metadata = JSON.stringify(orderedMetadata(doc.metadata), null, 2).replace(/\n/g, '\n  ');
  const lines = [
    '{',
    `  "format": "duosub",`,
    `  "version": ${DUOSUB_VERSION},`,
    `  "languages": ${list(doc.languages.map((l) => ({ code: l.code, name: l.name })))},`,
    `  "speakers": ${list(doc.speakers.map((s) => ({ id: s.id, name: s.name, color: s.color })))},`,
    `  "chapters": ${list(doc.chapters.map((c) => ({ start: c.start, title: c.title })))},`,
    `  "media": ${inline(media)},`,
    `  "metadata": ${metadata},`,
    `  "cues": ${list(doc.cues.map((c) => orderedCue(c, langs)))}`,
    '}',
  ];
  return lines.join('\n') + '\n';
}
