/**
 * The defects planted in the bundled sample, so a newcomer's first minute is a real fix: one cue that appears
 * ~400 ms after its speech starts, one cue that runs into the next, one misheard name. Cues are found by their
 * English text, not their number, so a change in the segmentation fails loudly here instead of planting elsewhere.
 * resources/sample/README.md lists the same defects; test/unit/sample.test.ts checks the sample has exactly these.
 */
import type { Cue, SubtitleDocument } from '../../src/shared/model';

export interface PlantedDefect {
  /** 1-based cue number in the sample. */
  cue: number;
  what: string;
}

/** How late the late cue appears: its first word is spoken this long before it shows. */
export const LATE_START_MS = 400;
/** How far the overlapping cue runs into the next speaker's cue. */
export const OVERLAP_MS = 240;

/** The transcript's mishearings: the one kept (the Chinese has it right), and the ones corrected in the sample. */
export const MISHEARD = { kept: { heard: 'Sam Allman', name: 'Sam Altman' }, corrected: [{ heard: 'Andrew Main', name: 'Andrew Mayne' }] };

const LATE_CUE = "We're defining civilization's";
const OVERLAPPING_CUE = "That's a big drop, but";

function findCue(doc: SubtitleDocument, english: string): number {
  const at = doc.cues.findIndex((c) => (c.text.en ?? '').replace(/\s+/g, ' ').startsWith(english));
  if (at < 0) throw new Error(`no cue starts with "${english}": the segmentation changed; choose the planted cues again`);
  return at;
}

function replaceCue(doc: SubtitleDocument, at: number, change: (cue: Cue) => Cue): SubtitleDocument {
  return { ...doc, cues: doc.cues.map((c, i) => (i === at ? change(c) : c)) };
}

/** Corrects every mishearing but the kept one, in the English only (the Chinese translation has the names right). */
export function correctNames(doc: SubtitleDocument): SubtitleDocument {
  const cues = doc.cues.map((cue) => {
    let en = cue.text.en;
    if (en === undefined) return cue;
    for (const { heard, name } of MISHEARD.corrected) en = en.replaceAll(heard, name);
    return en === cue.text.en ? cue : { ...cue, text: { ...cue.text, en } };
  });
  return { ...doc, cues };
}

export function plantDefects(doc: SubtitleDocument): { doc: SubtitleDocument; defects: PlantedDefect[] } {
  const late = findCue(doc, LATE_CUE);
  const overlapping = findCue(doc, OVERLAPPING_CUE);
  const next = doc.cues[overlapping + 1];
  let planted = replaceCue(doc, late, (c) => ({ ...c, start: c.start + LATE_START_MS }));
  planted = replaceCue(planted, overlapping, (c) => ({ ...c, end: next.start + OVERLAP_MS }));
  const named = planted.cues.findIndex((c) => (c.text.en ?? '').replace(/\s+/g, ' ').includes(MISHEARD.kept.heard));
  if (named < 0) throw new Error(`no cue has "${MISHEARD.kept.heard}" any more: choose the misheard name again`);
  const defects: PlantedDefect[] = [
    { cue: late + 1, what: `starts ${LATE_START_MS} ms after its speech` },
    { cue: overlapping + 1, what: `overlaps the next cue by ${OVERLAP_MS} ms` },
    { cue: named + 1, what: `"${MISHEARD.kept.heard}" is a mishearing of ${MISHEARD.kept.name}` },
  ];
  return { doc: planted, defects };
}
