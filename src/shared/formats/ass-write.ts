/**
 * Document → ASS/SSA. A document read from a script is written back into that script (ass-write-script.ts); any
 * other gets Duosub's own script: one bottom-centred style per language, named by its code (`zh-Hans`, `en`), so
 * a bilingual file plays with each language in its own font and place and reads back into the same languages.
 * Times are centiseconds: a millisecond time is rounded to the nearest 10 ms.
 */
import type { SubtitleDocument } from '../model';
import { eventFormatLine, eventLine, isEmptyCue, speakerNames, type EventContext } from './ass-events';
import { assScriptOf, type AssFlavour } from './ass-model';
import { languageStyleLine, styleFormat } from './ass-styles';
import { writeIntoScript } from './ass-write-script';

const PLAY_RES = { x: 1920, y: 1080 };

/** The script in the given languages, top first. */
export function serializeAssScript(doc: SubtitleDocument, languages: string[], flavour: AssFlavour): string {
  const codes = doc.languages.map((l) => l.code);
  const missing = languages.find((l) => !codes.includes(l));
  if (missing !== undefined) throw new Error(`no language "${missing}" in this document (${codes.join(', ')})`);
  const script = assScriptOf(doc.metadata);
  return script ? writeIntoScript(doc, languages, flavour, script) : writeFresh(doc, languages, flavour);
}

function writeFresh(doc: SubtitleDocument, languages: string[], flavour: AssFlavour): string {
  const title = typeof doc.metadata.title === 'string' ? doc.metadata.title.replace(/[\r\n]+/g, ' ') : '';
  const out = [
    '[Script Info]',
    ...(title ? [`Title: ${title}`] : []),
    `ScriptType: ${flavour === 'ssa' ? 'v4.00' : 'v4.00+'}`,
    'WrapStyle: 0',
    ...(flavour === 'ssa' ? [] : ['ScaledBorderAndShadow: yes']),
    `PlayResX: ${PLAY_RES.x}`,
    `PlayResY: ${PLAY_RES.y}`,
    '',
    flavour === 'ssa' ? '[V4 Styles]' : '[V4+ Styles]',
    `Format: ${styleFormat(flavour)}`,
    ...languages.map((lang, i) => languageStyleLine(lang, i, languages.length, flavour)),
    '',
    '[Events]',
    eventFormatLine(flavour),
  ];
  const ctx: EventContext = { flavour, fields: eventFormatLine(flavour).slice(7).split(',').map((f) => f.trim().toLowerCase()) };
  const speakers = speakerNames(doc);
  for (const cue of doc.cues) {
    const speaker = (cue.speaker && speakers.get(cue.speaker)) ?? '';
    // One language: every cue is written, empty or not (its other exports keep the same cues). Several: a
    // language with no text here gets no event, and a cue empty in all keeps one.
    const written = languages.length === 1 || isEmptyCue(cue) ? languages.slice(0, 1) : languages.filter((lang) => (cue.text[lang] ?? '') !== '');
    for (const lang of written) {
      out.push(eventLine({ cue, text: cue.text[lang] ?? '', speaker, speakerAsRead: null, event: null, style: lang }, ctx));
    }
  }
  return out.join('\n') + '\n';
}
