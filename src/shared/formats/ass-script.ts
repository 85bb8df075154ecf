/**
 * Reading an ASS/SSA script line by line: every line is either a `Dialogue` event that becomes (part of) a cue,
 * or a line kept as it is with its place ([Script Info], styles, unknown sections such as [Fonts] or
 * [Aegisub Project Garbage], `Comment:` events, drawings, blank lines). Events are read by their section's
 * `Format` line, Text last (it may hold commas). Bad events are kept as lines and reported with their line number.
 */
import type { Problem } from '../model';
import { assToMarkup } from './ass-text';
import { parseAssTime } from './ass-time';
import { ASS_EVENT_FIELDS, SSA_EVENT_FIELDS, type AssEvent, type AssFlavour, type AssKeptLine, type AssScript } from './ass-model';

export interface ReadScript {
  script: AssScript;
  /** The events that become cues, in file order, with their 1-based line numbers. */
  events: { event: AssEvent; line: number }[];
  problems: Problem[];
}

const HEAD = /^dialogue\s*:\s*/i;
const FORMAT = /^format\s*:/i;

/** Section state while reading. */
interface Reader {
  section: string;
  flavour: AssFlavour | null;
  /** The events' Format lines read so far, and the one in force (-1 before any). */
  formats: string[][];
  current: number;
  wrapStyle2: boolean;
  title?: string;
  kept: AssKeptLine[];
  styles: string[];
  stylesEnd: number;
  eventsEnd: number;
  infoStart: number;
  sawEvents: boolean;
  /** Field places of the events' Format, worked out once per Format line rather than once per event. */
  places?: FieldPlaces;
}

export function readScript(lines: string[], defaultFlavour: AssFlavour): ReadScript {
  const r: Reader = {
    section: '', flavour: null, formats: [], current: -1, wrapStyle2: false, kept: [], styles: [],
    stylesEnd: -1, eventsEnd: -1, infoStart: -1, sawEvents: false,
  };
  const events: ReadScript['events'] = [];
  const problems: Problem[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (line === '') {
      // Tells nothing: kept for its place only, a run of them as one entry (a million must stay cheap).
      const last = r.kept[r.kept.length - 1];
      if (last?.line === '' && last.n + (last.count ?? 1) === n) last.count = (last.count ?? 1) + 1;
      else r.kept.push({ n, line });
      continue;
    }
    if (r.section === 'events' && HEAD.test(line)) {
      if (r.current < 0) r.current = r.formats.push((r.flavour ?? defaultFlavour) === 'ssa' ? SSA_EVENT_FIELDS : ASS_EVENT_FIELDS) - 1;
      const fields = r.formats[r.current];
      if (r.places?.fields !== fields) r.places = placesOf(fields);
      const event = readEvent(line, n, r.places, r.wrapStyle2, problems);
      if (event && r.current > 0) event.format = r.current;
      if (event) events.push({ event, line: n + 1 });
      else r.kept.push({ n, line });
      r.eventsEnd = n;
      continue;
    }
    r.kept.push({ n, line });
    readKeptLine(r, line, n);
  }
  if (!r.sawEvents) problems.push({ line: 0, message: 'no [Events] section', severity: 'error' });
  const flavour = r.flavour ?? defaultFlavour;
  const script: AssScript = {
    flavour,
    kept: r.kept,
    eventFields: r.formats[0] ?? (flavour === 'ssa' ? SSA_EVENT_FIELDS : ASS_EVENT_FIELDS),
    ...(r.formats.length > 1 ? { eventFormats: r.formats } : {}),
    eventsEnd: r.eventsEnd,
    stylesEnd: r.stylesEnd,
    infoStart: r.infoStart,
    styles: r.styles,
    defaultStyle: '',
    layout: 'single',
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r.wrapStyle2 ? { wrapStyle2: true } : {}),
  };
  return { script, events, problems };
}

/** Notes what a kept line tells: the section it opens, the script type, the styles, the events' Format. */
function readKeptLine(r: Reader, line: string, n: number): void {
  const trimmed = line.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    r.section = trimmed.slice(1, -1).trim().toLowerCase();
    if (r.section === 'script info' && r.infoStart < 0) r.infoStart = n;
    if (r.section === 'v4 styles' || r.section === 'v4+ styles') {
      r.flavour ??= r.section === 'v4 styles' ? 'ssa' : 'ass';
      r.stylesEnd = n;
    }
    if (r.section === 'events') [r.sawEvents, r.eventsEnd] = [true, n];
    return;
  }
  if (r.section === 'script info') readInfo(r, trimmed);
  else if (r.section === 'v4 styles' || r.section === 'v4+ styles') {
    if (/^style\s*:/i.test(trimmed)) r.styles.push(trimmed.replace(/^style\s*:/i, '').split(',')[0].trim());
    if (/^(style|format)\s*:/i.test(trimmed)) r.stylesEnd = n;
  } else if (r.section === 'events') {
    if (FORMAT.test(trimmed)) r.current = r.formats.push(trimmed.replace(FORMAT, '').split(',').map((f) => f.trim().toLowerCase())) - 1;
    if (trimmed !== '') r.eventsEnd = n;
  }
}

function readInfo(r: Reader, trimmed: string): void {
  const colon = trimmed.indexOf(':');
  if (colon < 0 || trimmed.startsWith(';')) return;
  const key = trimmed.slice(0, colon).trim().toLowerCase();
  const value = trimmed.slice(colon + 1).trim();
  if (key === 'scripttype') r.flavour = /^v4\.00$/i.test(value) ? 'ssa' : 'ass';
  else if (key === 'wrapstyle') r.wrapStyle2 = value === '2';
  else if (key === 'title') r.title = value;
}

/** The Format's fields of one event; Text takes the rest of the line. Null when there are too few commas. */
export function splitEventFields(body: string, count: number): string[] | null {
  const values: string[] = [];
  let from = 0;
  for (let k = 0; k < count - 1; k++) {
    const comma = body.indexOf(',', from);
    if (comma < 0) return null;
    values.push(body.slice(from, comma));
    from = comma + 1;
  }
  values.push(body.slice(from));
  return values;
}

const KNOWN = new Set(['layer', 'marked', 'start', 'end', 'style', 'name', 'actor', 'marginl', 'marginr', 'marginv', 'effect', 'text']);

/** Where each field is in a Format line. */
interface FieldPlaces {
  fields: string[];
  at: Record<string, number>;
  more: string[];
}

function placesOf(fields: string[]): FieldPlaces {
  // Field names come from the file's Format line: no prototype, so `__proto__` or `toString` is just a name.
  const at: Record<string, number> = Object.create(null) as Record<string, number>;
  fields.forEach((f, i) => {
    if (at[f] === undefined) at[f] = i;
  });
  // A field named twice keeps its later values by position (`#5`), so the line is written back as it was.
  const more = fields.flatMap((f, i) => (at[f] !== i ? [`#${i}`] : KNOWN.has(f) ? [] : [f]));
  return { fields, at, more };
}

/** One `Dialogue` line; null (and a problem) when it cannot be read, or when it is a drawing and nothing else. */
function readEvent(line: string, n: number, places: FieldPlaces, wrapStyle2: boolean, problems: Problem[]): AssEvent | null {
  const { fields, at, more } = places;
  const head = HEAD.exec(line)![0];
  const values = splitEventFields(line.slice(head.length), fields.length);
  const lineNo = n + 1;
  if (!values) {
    const found = line.split(',').length;
    problems.push({ line: lineNo, message: `Dialogue has ${found} fields, the Format line names ${fields.length}; kept as it is`, severity: 'error' });
    return null;
  }
  const get = (name: string) => (at[name] === undefined ? '' : values[at[name]]);
  const times = readTimes(get('start'), get('end'), lineNo, problems);
  if (!times) return null;
  const text = get('text');
  const read = assToMarkup(text, { wrapStyle2 });
  if (read.drawing && !read.visible) return null; // a pure drawing: kept as a line, never a cue
  const event: AssEvent = {
    n, head, layer: get('layer') || get('marked'), startText: get('start'), endText: get('end'), start: times.start, end: times.end,
    style: get('style'), name: get('name') || get('actor'), marginL: get('marginl'), marginR: get('marginr'),
    marginV: get('marginv'), effect: get('effect'), text, decoded: read.markup,
  };
  if (more.length > 0) event.more = Object.fromEntries(more.map((f) => [f, f.startsWith('#') ? values[Number(f.slice(1))] : get(f)]));
  return event;
}

function readTimes(startText: string, endText: string, lineNo: number, problems: Problem[]): { start: number; end: number } | null {
  const start = parseAssTime(startText);
  const end = parseAssTime(endText);
  if (start === null || end === null) {
    const bad = (start === null ? startText : endText).trim();
    problems.push({ line: lineNo, message: `bad time "${bad.slice(0, 40)}"; the event is kept as it is but not shown`, severity: 'error' });
    return null;
  }
  if (start < 0 || end < 0) {
    problems.push({ line: lineNo, message: `negative time (${startText.trim()} → ${endText.trim()}); read as 0:00:00.00`, severity: 'warning' });
  }
  if (end < start) {
    problems.push({ line: lineNo, message: `event ends before it starts: ${startText.trim()} → ${endText.trim()}; kept as it is`, severity: 'error' });
  }
  return { start: Math.max(0, start), end: Math.max(0, end) };
}
