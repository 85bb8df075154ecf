/**
 * Writing one event line. A field the user did not change is written as it was read (times, name, text, and
 * everything the model has no place for), so an untouched event comes back byte for byte; a changed text is
 * converted from the internal markup (ass-text-write.ts), a changed time rounded to the centisecond.
 */
import type { Cue, SubtitleDocument } from '../model';
import { markupToAss } from './ass-text-write';
import { formatAssTime } from './ass-time';
import type { AssEvent, AssFlavour } from './ass-model';

export interface EventContext {
  flavour: AssFlavour;
  /** The events were read from a script of this same flavour: their Layer/Marked is written as it was. */
  sameFlavour?: boolean;
  /** Lower-case field names of the Format line written. */
  fields: string[];
}

export interface EventSource {
  cue: Cue;
  /** The internal markup to write. */
  text: string;
  /** The speaker's name now, '' for none. */
  speaker: string;
  /** The speaker's name as read: while it is unchanged each event keeps its own Name field. */
  speakerAsRead: string | null;
  /** The event read for this cue (and language), or null for a new one. */
  event: AssEvent | null;
  /** Style of a new event. */
  style: string;
}

/** The Layer field for the flavour written: SSA's `Marked=0` in ASS is layer 0, and the other way round. */
export function layerFor(layer: string | undefined, flavour: AssFlavour): string {
  if (layer === undefined) return flavour === 'ssa' ? 'Marked=0' : '0';
  if (flavour === 'ass' && layer === '0') return layer;
  const marked = /^\s*marked\s*=/i.test(layer);
  if (flavour === 'ssa') return marked ? layer : 'Marked=0';
  return marked ? '0' : layer;
}

/** `Dialogue: …` for one cue in one language (or several stacked). */
export function eventLine(source: EventSource, ctx: EventContext): string {
  const { event } = source;
  const name = event && source.speaker === source.speakerAsRead ? event.name : source.speaker.replace(/,/g, '，').replace(/[\r\n]+/g, ' ');
  let line = event?.head ?? 'Dialogue: ';
  for (let i = 0; i < ctx.fields.length; i++) {
    const twice = event?.more?.[`#${i}`];
    line += (i > 0 ? ',' : '') + (twice ?? fieldValue(ctx.fields[i], source, name, ctx));
  }
  return line;
}

function fieldValue(field: string, source: EventSource, name: string, ctx: EventContext): string {
  const { cue, event } = source;
  const flavour = ctx.flavour;
  switch (field) {
    case 'layer':
    case 'marked': return event && ctx.sameFlavour ? event.layer : layerFor(event?.layer, flavour);
    case 'start': return event && cue.start === event.start ? event.startText : formatAssTime(cue.start);
    case 'end': return event && cue.end === event.end ? event.endText : formatAssTime(cue.end);
    case 'style': return event?.style ?? source.style;
    case 'name':
    case 'actor': return name;
    case 'marginl': return event?.marginL ?? '0';
    case 'marginr': return event?.marginR ?? '0';
    case 'marginv': return event?.marginV ?? '0';
    case 'effect': return event?.effect ?? '';
    case 'text': return event && source.text === event.decoded ? event.text : markupToAss(source.text, { ssa: flavour === 'ssa' });
    default: return event?.more?.[field] ?? '';
  }
}

/** The events' Format line for a flavour. */
export function eventFormatLine(flavour: AssFlavour): string {
  return flavour === 'ssa'
    ? 'Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text'
    : 'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text';
}

/** Every language of the cue is missing or empty: it is written as one empty event so it survives. */
export function isEmptyCue(cue: Cue): boolean {
  for (const key in cue.text) if (cue.text[key] !== '') return false;
  return true;
}

export function speakerNames(doc: SubtitleDocument): Map<string, string> {
  return new Map(doc.speakers.map((s) => [s.id, s.name.replace(/[\r\n]+/g, ' ')]));
}
