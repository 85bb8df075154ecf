/**
 * ASS/SSA → document. Each `Dialogue` event is a cue, its Name the speaker, its text converted to the internal
 * markup (ass-text.ts); when two styles are two languages (ass-languages.ts) the events of one subtitle — same
 * start and end, one per language — join into one cue. Everything else of the script is kept in
 * `doc.metadata.ass` and each event's fields in `cue.extra.ass` (ass-model.ts), so writing it back gives the
 * same file.
 */
import { languageName, sortCues, speakerColor, type Cue, type SubtitleDocument } from '../model';
import { styleLanguages, type StyleLanguages } from './ass-languages';
import type { AssEvent, AssFlavour, AssScript } from './ass-model';
import { readScript } from './ass-script';
import { dominantScript, scriptCounts } from '../text/script';
import { splitLines, type ReadResult } from './types';

export function parseAssScript(text: string, lang: string, flavour: AssFlavour): ReadResult {
  const { script, events, problems } = readScript(splitLines(text), flavour);
  const list = events.map((e) => e.event);
  script.defaultStyle = busiestStyle(list) ?? script.styles[0] ?? 'Default';
  const languages = styleLanguages(list.map((e) => ({ style: e.style, start: e.start, end: e.end, text: e.decoded })), script.styles);
  const speakers = new Speakers();
  const cues = languages ? joinLanguages(list, languages, speakers, script) : list.map((e) => singleCue(e, lang, speakers));
  const codes = languages ? languages.codes : [lang];
  const doc: SubtitleDocument = {
    languages: codes.map((code) => ({ code, name: languageName(code) })),
    cues: numbered(inTimeOrder(cues) ? cues : sortCues(cues)),
    speakers: speakers.list(),
    chapters: [],
    media: null,
    metadata: { ...(script.title ? { title: script.title } : {}), ass: script },
  };
  return { doc, problems, ...(languages ? { languagesFromFile: true } : {}) };
}

function inTimeOrder(cues: Cue[]): boolean {
  for (let i = 1; i < cues.length; i++) {
    const [a, b] = [cues[i - 1], cues[i]];
    if (b.start < a.start || (b.start === a.start && b.end < a.end)) return false;
  }
  return true;
}

/** The cues are this reader's own new objects: numbered in place. */
function numbered(cues: Cue[]): Cue[] {
  cues.forEach((c, i) => (c.id = `c${i + 1}`));
  return cues;
}

/** Speaker ids by name, in order of appearance. */
class Speakers {
  private readonly ids = new Map<string, string>();

  idFor(rawName: string): string | null {
    const name = rawName.trim();
    if (name === '') return null;
    let id = this.ids.get(name);
    if (!id) this.ids.set(name, (id = `s${this.ids.size + 1}`));
    return id;
  }

  list(): SubtitleDocument['speakers'] {
    return [...this.ids].map(([name, id], i) => ({ id, name, color: speakerColor(i) }));
  }
}

function busiestStyle(events: AssEvent[]): string | null {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.style, (counts.get(e.style) ?? 0) + 1);
  let best: string | null = null;
  for (const [style, n] of counts) if (best === null || n > counts.get(best)!) best = style;
  return best;
}

function singleCue(event: AssEvent, lang: string, speakers: Speakers): Cue {
  return { id: '', start: event.start, end: event.end, speaker: speakers.idFor(event.name), text: { [lang]: event.decoded }, extra: { ass: event } };
}

/** Which language an event is: its style's, else the one of its text's script, else the first. */
function languageOfEvent(event: AssEvent, languages: StyleLanguages): string {
  const byStyle = languages.byStyle.get(event.style);
  if (byStyle) return byStyle;
  const script = dominantScript(scriptCounts(event.decoded));
  return (script && languages.byScript.get(script)) ?? languages.codes[0];
}

/**
 * One cue per subtitle: an event joins the earliest cue at the same start and end that has no text in its
 * language yet. Per time, a pointer per language to that cue keeps it linear even when thousands of events
 * share one time.
 */
function joinLanguages(events: AssEvent[], languages: StyleLanguages, speakers: Speakers, script: AssScript): Cue[] {
  const cues: Cue[] = [];
  const atTime = new Map<string, { cues: Cue[]; next: Map<string, number> }>();
  for (const event of events) {
    const lang = languageOfEvent(event, languages);
    const key = `${event.start}|${event.end}`;
    let slot = atTime.get(key);
    if (!slot) atTime.set(key, (slot = { cues: [], next: new Map() }));
    const at = slot.next.get(lang) ?? 0;
    let cue = slot.cues[at];
    if (!cue) {
      cue = { id: '', start: event.start, end: event.end, speaker: speakers.idFor(event.name), text: {}, extra: { ass: { langs: {}, speaker: event.name.trim() } } };
      slot.cues.push(cue);
      cues.push(cue);
    }
    slot.next.set(lang, at + 1);
    cue.text[lang] = event.decoded;
    (cue.extra!.ass as { langs: Record<string, AssEvent> }).langs[lang] = event;
  }
  script.layout = 'styles';
  script.languageStyles = Object.fromEntries(languages.codes.map((code) => [code, styleOf(code, languages)]));
  return cues;
}

function styleOf(code: string, languages: StyleLanguages): string {
  for (const [style, lang] of languages.byStyle) if (lang === code) return style;
  return code;
}
