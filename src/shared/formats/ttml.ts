/**
 * TTML / DFXP (.ttml, .dfxp, .xml): the W3C timed-text XML that broadcasters and streaming services use.
 * Reads `<p>` paragraphs under `<body>`/`<div>` (ttml-read.ts) into cues. Languages come from `xml:lang`: a file
 * whose paragraphs are in two or more languages (parallel `<div xml:lang>` or `<p xml:lang>` at the same times)
 * opens as one document in those languages, paragraphs at the same begin and end paired into one cue.
 * `ttm:agent` becomes the cue's speaker, named by the head's `<ttm:agent><ttm:name>`.
 */
import { LanguageCodes } from './language-codes';
import { sortCues, speakerColor, type Cue, type Problem, type Speaker, type SubtitleDocument } from '../model';
import { TtmlReader, type Paragraph } from './ttml-read';
import { serializeTtml } from './ttml-write';
import { hasExtension, type ReadResult, type SubtitleFormat } from './types';

const EXTENSIONS = ['.ttml', '.dfxp', '.xml'];
const NAMESPACE = /http:\/\/www\.w3\.org\/(?:ns\/ttml|2006\/(?:10|04)\/ttaf1)/;
const ROOT = /<(?:[A-Za-z_][\w.-]*:)?tt[\s>]/;

export const ttmlFormat: SubtitleFormat = {
  id: 'ttml',
  extensions: EXTENSIONS,
  exports: [{ id: 'ttml', label: 'TTML / DFXP (.ttml)', extensions: ['.ttml', '.dfxp'], kind: 'cues', legacyEncodings: false, inExportDialog: false }],
  detect(text, fileName) {
    const head = text.slice(0, 20_000);
    const root = ROOT.test(head);
    if (root && NAMESPACE.test(head)) return 1;
    if (root) return 0.8;
    const byName = hasExtension(fileName, ['.ttml', '.dfxp']);
    return byName ? 0.4 : 0;
  },
  parse(text, options) {
    return parseTtml(text, options?.lang ?? 'en');
  },
  serialize(doc, options) {
    return serializeTtml(doc, options);
  },
  bilingual: true,
};

function speakersOf(paragraphs: Paragraph[], agents: Map<string, string>): { speakers: Speaker[]; byAgent: Map<string, string> } {
  const byAgent = new Map<string, string>();
  const speakers: Speaker[] = [];
  for (const p of paragraphs) {
    if (!p.agent || byAgent.has(p.agent)) continue;
    const id = `s${speakers.length + 1}`;
    speakers.push({ id, name: agents.get(p.agent) || p.agent, color: speakerColor(speakers.length) });
    byAgent.set(p.agent, id);
  }
  return { speakers, byAgent };
}

/**
 * One cue per paragraph; with several languages, a paragraph joins the first cue at the same times that has no
 * text in its language yet (so two speakers at once stay two cues).
 */
function toCues(paragraphs: Paragraph[], codeOf: (lang: string) => string, byAgent: Map<string, string>, paired: boolean): Cue[] {
  const cues: Cue[] = [];
  const atTimes = new Map<string, { cues: Cue[]; next: Map<string, number> }>();
  for (const p of paragraphs) {
    const code = codeOf(p.lang);
    const created: Cue = { id: '', start: p.begin, end: p.end as number, speaker: byAgent.get(p.agent) ?? null, text: { [code]: p.text } };
    if (!paired) {
      cues.push(created);
      continue;
    }
    const key = `${p.begin}|${p.end}`;
    const group = atTimes.get(key) ?? { cues: [], next: new Map<string, number>() };
    atTimes.set(key, group);
    // `next` only moves forward, so finding the cue to join stays linear over the file.
    let i = group.next.get(code) ?? 0;
    while (i < group.cues.length && group.cues[i].text[code] !== undefined) i++;
    group.next.set(code, i + 1);
    const cue = group.cues[i];
    if (cue) {
      cue.text[code] = p.text;
      cue.speaker ??= created.speaker;
      continue;
    }
    cues.push(created);
    group.cues.push(created);
  }
  return cues;
}

export function parseTtml(text: string, defaultLang: string): ReadResult {
  const problems: Problem[] = [];
  const content = new TtmlReader(problems).read(text);
  if (!content.hasRoot) {
    problems.push({ line: 0, message: 'no <tt> element: not a TTML file', severity: 'error' });
  }
  const { paragraphs } = content;
  for (const p of paragraphs) {
    if (p.begin < 0 || (p.end ?? 0) < 0) problems.push({ line: p.line, message: 'negative time: cue kept, please fix its times', severity: 'error' });
    else if ((p.end ?? p.begin) < p.begin) problems.push({ line: p.line, message: 'cue ends before it starts: kept, please fix its times', severity: 'error' });
  }
  // xml:lang is checked before it keys any text: `__proto__` is read under a stand-in, with a warning at its line.
  const checked = new LanguageCodes();
  const named = [...new Set(paragraphs.filter((p) => p.lang !== '').map((p) => checked.safe(p.lang, p.line)))];
  problems.push(...checked.problems);
  const codes = named.length ? named : [defaultLang];
  // A paragraph without xml:lang in a file that names languages belongs to the first of them.
  const codeOf = (lang: string) => (lang ? checked.safe(lang, 0) : codes[0]);
  const { speakers, byAgent } = speakersOf(paragraphs, content.agents);
  const cues = toCues(paragraphs, codeOf, byAgent, codes.length > 1);
  const doc: SubtitleDocument = {
    languages: codes.map((code) => ({ code, name: checked.nameFor(code, undefined) })),
    cues: sortCues(cues).map((c, i) => ({ ...c, id: `c${i + 1}` })),
    speakers,
    chapters: [], media: null,
    metadata: content.title ? { title: content.title } : {},
  };
  return { doc, problems, languagesFromFile: named.length > 0 };
}
