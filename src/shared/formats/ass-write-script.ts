/**
 * Writing a document back into the script it was read from (`doc.metadata.ass`): the kept lines in their places,
 * each cue's events at the place they were read from, new cues after the cue before them. An unchanged document
 * gives the same bytes. Written as the other flavour (ASS read, SSA written or back), the style section, the
 * Format lines and the kept events are converted.
 */
import type { Cue, SubtitleDocument } from '../model';
import { eventFormatLine, eventLine, isEmptyCue, layerFor, speakerNames, type EventContext } from './ass-events';
import { assExtraOf, isLanguageSplit, type AssCueExtra, type AssEvent, type AssFlavour, type AssScript } from './ass-model';
import { splitEventFields } from './ass-script';
import { convertStyle, languageStyleLine, styleFields, styleFormat } from './ass-styles';

/** A line with its place: `n` from the script, `seq` orders new lines placed after the same `n`. */
interface Placed {
  n: number;
  seq: number;
  line: string;
  /** A run of this many blank lines (AssKeptLine.count). */
  count?: number;
}

export function writeIntoScript(doc: SubtitleDocument, languages: string[], flavour: AssFlavour, script: AssScript): string {
  // The kept lines come placed already (runs of blank lines as one object: a script can hold a million).
  const placed: Placed[] = keptLines(doc, script, flavour);
  let seq = 1; // a new title line took 1
  const place = (n: number, line: string, isNew: boolean) => placed.push({ n, seq: isNew ? ++seq : 0, line });
  const events = placeEvents(doc, languages, flavour, script, () => ++seq);
  addLanguageStyles(script, events.newStyles, languages, flavour, place);
  if (script.eventsEnd < 0 && events.placed.length > 0) addEventsSection(endOf(script), flavour, place);
  return merged(inOrder(placed), inOrder(events.placed)).join('\n');
}

/**
 * Every cue's event lines with their places: a read event at its own; a new one after the last event placed
 * before it (of its language, when each language is a style), else at the end of [Events].
 */
function placeEvents(doc: SubtitleDocument, languages: string[], flavour: AssFlavour, script: AssScript, nextSeq: () => number): { placed: Placed[]; newStyles: Set<string> } {
  const placed: Placed[] = [];
  const newStyles = new Set<string>();
  let anchor = script.eventsEnd < 0 ? endOf(script) : script.eventsEnd;
  const same = flavour === script.flavour;
  const ctx: EventContext = { flavour, sameFlavour: same, fields: same ? script.eventFields : fieldsOf(eventFormatLine(flavour)) };
  // An event read by another Format line of the script is written by it too (same flavour only).
  const ctxOf = (event: AssEvent | null): EventContext => {
    const fields = same && event?.format !== undefined ? script.eventFormats?.[event.format] : undefined;
    return fields ? { ...ctx, fields } : ctx;
  };
  const speakers = speakerNames(doc);
  const anchors = new Map<string, number>();
  for (const cue of doc.cues) {
    const speaker = (cue.speaker && speakers.get(cue.speaker)) ?? '';
    for (const e of cueEvents(cue, languages, script)) {
      const key = e.lang ?? '';
      if (e.event) {
        anchor = e.event.n;
        anchors.set(key, anchor);
      } else newStyles.add(e.style);
      const line = eventLine({ cue, text: e.text, speaker, speakerAsRead: e.speakerAsRead, event: e.event, style: e.style }, ctxOf(e.event));
      placed.push(e.event ? { n: e.event.n, seq: 0, line } : { n: anchors.get(key) ?? anchor, seq: nextSeq(), line });
    }
  }
  return { placed, newStyles };
}

const before = (a: Placed, b: Placed) => a.n - b.n || a.seq - b.seq;

/** Sorted by place; the lines of an untouched script are in order already, and then sorting is skipped. */
function inOrder(placed: Placed[]): Placed[] {
  for (let i = 1; i < placed.length; i++) if (before(placed[i - 1], placed[i]) > 0) return placed.sort(before);
  return placed;
}

/** The kept lines and the events, both in order, merged into the script's lines. */
function merged(kept: Placed[], events: Placed[]): string[] {
  const out: string[] = [];
  let [i, j] = [0, 0];
  while (i < kept.length || j < events.length) {
    const takeKept = j >= events.length || (i < kept.length && before(kept[i], events[j]) <= 0);
    if (!takeKept) {
      out.push(events[j++].line);
      continue;
    }
    const { line, count = 1 } = kept[i++];
    for (let c = 0; c < count; c++) out.push(line);
  }
  return out;
}

function fieldsOf(formatLine: string): string[] {
  return formatLine.replace(/^format\s*:/i, '').split(',').map((f) => f.trim().toLowerCase());
}

interface CueEvent {
  /** The language written, or null when several are stacked in one event. */
  lang: string | null;
  text: string;
  event: AssEvent | null;
  speakerAsRead: string | null;
  style: string;
}

/** The events of one cue: one per language (styles as languages), or one holding every language written. */
function cueEvents(cue: Cue, languages: string[], script: AssScript): CueEvent[] {
  const extra = assExtraOf(cue.extra);
  if (script.layout === 'styles' || (extra && isLanguageSplit(extra))) return languageEvents(cue, languages, script, extra);
  return stackedEvent(cue, languages, script, extra && !isLanguageSplit(extra) ? extra : null);
}

/** One event per language with text (or with an event read for it, even empty); an empty cue keeps one. */
function languageEvents(cue: Cue, languages: string[], script: AssScript, extra: AssCueExtra | null): CueEvent[] {
  const split = extra && isLanguageSplit(extra) ? extra : null;
  const single = extra && !isLanguageSplit(extra) ? extra : null;
  const eventOf = (lang: string) => split?.langs[lang] ?? (lang === languages[0] ? single : null);
  const written = languages.filter((lang) => cue.text[lang] !== undefined && (cue.text[lang] !== '' || eventOf(lang) !== null));
  if (written.length === 0 && isEmptyCue(cue) && languages.length > 0) written.push(languages[0]);
  const speakerAsRead = split ? split.speaker : single ? single.name.trim() : null;
  return written.map((lang) => ({
    lang, text: cue.text[lang] ?? '', event: eventOf(lang), speakerAsRead, style: script.languageStyles?.[lang] ?? lang,
  }));
}

/** One event holding the languages written, top first, one under the other (a one-language script's layout). */
function stackedEvent(cue: Cue, languages: string[], script: AssScript, event: AssEvent | null): CueEvent[] {
  const text = languages.map((lang) => cue.text[lang] ?? '').filter((t) => t !== '').join('\n');
  const hasText = text !== '' || isEmptyCue(cue) || (event !== null && languages.some((lang) => cue.text[lang] !== undefined));
  if (!hasText) return [];
  const lang = languages.length === 1 ? languages[0] : null;
  return [{ lang, text, event, speakerAsRead: event ? event.name.trim() : null, style: script.defaultStyle }];
}

/** Styles new events use that the script lacks (a language added since) get Duosub's style, after the last one. */
function addLanguageStyles(script: AssScript, used: Set<string>, languages: string[], flavour: AssFlavour, place: (n: number, line: string, isNew: boolean) => void): void {
  if (script.stylesEnd < 0) return;
  for (const style of used) {
    if (script.styles.includes(style)) continue;
    const lang = languages.find((l) => (script.languageStyles?.[l] ?? l) === style);
    if (lang !== undefined) place(script.stylesEnd, languageStyleLine(style, languages.indexOf(lang), languages.length, flavour), true);
  }
}

/** After the script's last line. */
function endOf(script: AssScript): number {
  const last = script.kept.at(-1);
  return last ? last.n + (last.count ?? 1) : 0;
}

/** A script without [Events] (only its head was read) that now has cues gets one at its end, before them. */
function addEventsSection(end: number, flavour: AssFlavour, place: (n: number, line: string, isNew: boolean) => void): void {
  // seq 0: before the new events placed at the same `n` (they have seq ≥ 1).
  for (const [i, line] of ['', '[Events]', eventFormatLine(flavour)].entries()) place(end - 1 + (i + 1) / 4, line, false);
}

/** The kept lines as written: the title brought up to date; converted when the flavour changes. */
function keptLines(doc: SubtitleDocument, script: AssScript, flavour: AssFlavour): Placed[] {
  const title = typeof doc.metadata.title === 'string' ? doc.metadata.title.replace(/[\r\n]+/g, ' ').trim() : '';
  const retitle = title !== (script.title ?? '');
  const convert = flavour !== script.flavour;
  const out: Placed[] = [];
  let section = '';
  let titleWritten = false;
  let styleFrom = styleFields(styleFormat(script.flavour));
  let eventFrom = script.eventFields;
  for (const { n, line, count } of script.kept) {
    if (line === '') {
      out.push({ n, seq: 0, line, count });
      continue;
    }
    const trimmed = line.trim();
    let written: string | null = line;
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      section = trimmed.slice(1, -1).trim().toLowerCase();
      if (convert && (section === 'v4 styles' || section === 'v4+ styles')) written = flavour === 'ssa' ? '[V4 Styles]' : '[V4+ Styles]';
    } else if (section === 'script info') {
      if (retitle && /^title\s*:/i.test(trimmed)) [written, titleWritten] = [title ? `Title: ${title}` : null, true];
      else if (convert && /^scripttype\s*:/i.test(trimmed)) written = `ScriptType: ${flavour === 'ssa' ? 'v4.00' : 'v4.00+'}`;
    } else if (convert && (section === 'v4 styles' || section === 'v4+ styles')) {
      if (/^format\s*:/i.test(trimmed)) [written, styleFrom] = [`Format: ${styleFormat(flavour)}`, fieldsOf(trimmed)];
      else if (/^style\s*:/i.test(trimmed)) {
        const body = convertStyle(trimmed.replace(/^style\s*:\s*/i, ''), styleFrom, flavour);
        if (body !== null) written = `Style: ${body}`;
      }
    } else if (convert && section === 'events') {
      if (/^format\s*:/i.test(trimmed)) [written, eventFrom] = [eventFormatLine(flavour), fieldsOf(trimmed)];
      else written = convertEventLine(line, eventFrom, flavour);
    }
    if (written !== null) out.push({ n, seq: 0, line: written });
  }
  if (retitle && !titleWritten && title && script.infoStart >= 0) out.push({ n: script.infoStart, seq: 1, line: `Title: ${title}` }); // new: after the line at its place
  return out;
}

/** A kept `Dialogue:`/`Comment:` line in the other flavour's Format (anything else as it is). */
function convertEventLine(line: string, fromFields: string[], flavour: AssFlavour): string {
  const head = /^(dialogue|comment)\s*:\s*/i.exec(line);
  if (!head) return line;
  const values = splitEventFields(line.slice(head[0].length), fromFields.length);
  if (!values) return line;
  const get = (f: string) => {
    const at = fromFields.indexOf(f);
    return at >= 0 ? values[at] : '';
  };
  const fields = fieldsOf(eventFormatLine(flavour));
  const out = fields.map((f) => (f === 'layer' || f === 'marked' ? layerFor(get('layer') || get('marked') || undefined, flavour) : get(f)));
  return `${head[0]}${out.join(',')}`;
}
