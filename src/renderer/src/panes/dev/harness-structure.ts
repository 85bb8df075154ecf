/** Structural document changes for the panes harness: what split/merge/insert/delete do to the cue list. */
import type { Cue, SubtitleDocument } from '../../../../shared/model';

let serial = 0;
const halve = (t: string): [string, string] => [t.slice(0, Math.ceil(t.length / 2)), t.slice(Math.ceil(t.length / 2))];

export function splitDoc(doc: SubtitleDocument, cueId: string): SubtitleDocument {
  const i = doc.cues.findIndex((c) => c.id === cueId);
  const cue = doc.cues[i];
  const mid = Math.round((cue.start + cue.end) / 2);
  const a: Cue = { ...cue, end: mid, text: {} };
  const b: Cue = { ...cue, id: `n${++serial}`, start: mid, text: {} };
  for (const [lang, t] of Object.entries(cue.text)) [a.text[lang], b.text[lang]] = halve(t);
  const cues = doc.cues.slice();
  cues.splice(i, 1, a, b);
  return { ...doc, cues };
}

export function mergeDoc(doc: SubtitleDocument, cueId: string): SubtitleDocument {
  const i = doc.cues.findIndex((c) => c.id === cueId);
  const [a, b] = [doc.cues[i], doc.cues[i + 1]];
  const text: Record<string, string> = {};
  for (const l of doc.languages) text[l.code] = [a.text[l.code], b.text[l.code]].filter(Boolean).join(l.code === 'en' ? ' ' : '');
  const cues = doc.cues.slice();
  cues.splice(i, 2, { ...a, end: b.end, text });
  return { ...doc, cues };
}

export function insertDoc(doc: SubtitleDocument, index: number): SubtitleDocument {
  const prev = doc.cues[index - 1];
  const start = prev ? prev.end + 10 : 0;
  const cues = doc.cues.slice();
  cues.splice(index, 0, { id: `n${++serial}`, start, end: start + 100, speaker: null, text: { 'zh-Hans': '新的\n两行', en: 'inserted' } });
  return { ...doc, cues };
}

export function removeDoc(doc: SubtitleDocument, cueId: string): SubtitleDocument {
  return { ...doc, cues: doc.cues.filter((c) => c.id !== cueId) };
}
