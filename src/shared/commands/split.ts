/**
 * Split a cue in two, every language in step (issue 3). The cursor's language splits exactly at the cursor; each
 * other language at its clause boundary nearest the same proportional position (counted in code points), so
 * "非常感谢这次合作。|我们…" also cuts "Thank you so much for the partnership. | We're…". Without a cursor every
 * language splits at the boundary nearest the playhead's place in the cue (its middle without a playhead inside).
 *
 * Time: at the playhead when it lies strictly inside the cue, otherwise in proportion to the text of the cursor's
 * language (the longest language without a cursor). The two halves are separated by the minimum gap centred on
 * that time — the first ends at t − ⌊gap/2⌋, the second starts gap later — and the split time is clamped so that
 * neither half is shorter than the minimum; a cue shorter than 2 × minimum + gap cannot split.
 */
import { speakerColor, type Cue, type Speaker, type SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import type { EditCommand, EditSettings } from './schema';
import { cueOf } from '../plan/cues';
import { makePlan, type Plan } from '../plan/plan';
import { nextCueId, nextSpeakerId } from '../plan/ids';
import { CommandError } from '../plan/errors';
import { chooseCut } from './split-point';
import { codePointOffset, codePoints, cutAt, halfRatio } from '../text/code-points';
import { documentMinGapMs } from '../qc/profiles';
import { documentFrameRate, frameAtMs, frameStartMs, snapToFrame } from '../frames';

type SplitCommand = Extract<EditCommand, { kind: 'split' }>;
type Halves = Record<string, [string, string]>;

export function planSplit(doc: SubtitleDocument, cmd: SplitCommand, settings: EditSettings): Plan {
  const [cue, index] = cueOf(doc, cmd.cueId);
  const number = index + 1;
  const { halves, ratio } = splitTexts(doc, cue, cmd.at, playheadRatio(cue, cmd.playhead));
  const gap = documentMinGapMs(doc, settings.customProfiles);
  const [firstEnd, secondStart] = onFrames(cue, splitTimes(cue, number, ratio, cmd.playhead, settings.minSplitMs, gap), gap, documentFrameRate(doc.metadata));
  const ops: Operation[] = [];
  const speaker = cmd.speaker ? turnSpeaker(doc, cmd.speaker, ops) : null;
  ops.push({ type: 'setTimes', cueId: cue.id, start: cue.start, end: firstEnd });
  const second: Cue = { id: nextCueId(doc), start: secondStart, end: cue.end, speaker: speaker ? speaker.id : cue.speaker, text: {} };
  for (const { code } of doc.languages) {
    const [a, b] = halves[code];
    if (a !== (cue.text[code] ?? '')) ops.push({ type: 'setText', cueId: cue.id, lang: code, text: a });
    second.text[code] = b;
  }
  ops.push({ type: 'insertCue', cue: second, index: index + 1 });
  const turn = speaker ? ` (second half → ${speaker.name})` : '';
  return makePlan(ops, `Split cue ${number}${turn}`, [second.id]);
}

/** Where (0…1) a playhead strictly inside the cue lies; the middle otherwise. */
function playheadRatio(cue: Cue, playhead: number | undefined): number {
  const inside = playhead !== undefined && playhead > cue.start && playhead < cue.end;
  return inside ? (playhead - cue.start) / (cue.end - cue.start) : 0.5;
}

/**
 * The halves of every language's text, and where (0…1) the reference language's text splits. Without a cursor
 * each language cuts near `target` (the playhead's place in the cue: speech runs roughly evenly through it).
 */
function splitTexts(doc: SubtitleDocument, cue: Cue, at: SplitCommand['at'], target: number): { halves: Halves; ratio: number } {
  const halves: Halves = {};
  if (at) {
    if (!doc.languages.some((l) => l.code === at.lang)) throw new CommandError(`The document has no language ${at.lang}`);
    const text = cue.text[at.lang] ?? '';
    halves[at.lang] = cutAt(codePoints(text), codePointOffset(text, at.offset));
    const ratio = halfRatio(halves[at.lang]);
    for (const { code } of doc.languages) {
      if (code !== at.lang) halves[code] = splitNear(cue.text[code] ?? '', code, ratio);
    }
    return { halves, ratio };
  }
  let longest: string | null = null;
  for (const { code } of doc.languages) {
    halves[code] = splitNear(cue.text[code] ?? '', code, target);
    if (longest === null || length(cue, code) > length(cue, longest)) longest = code;
  }
  return { halves, ratio: longest === null ? 0.5 : halfRatio(halves[longest]) };
}

function length(cue: Cue, lang: string): number {
  return codePoints(cue.text[lang] ?? '').length;
}

function splitNear(text: string, lang: string, ratio: number): [string, string] {
  const cps = codePoints(text);
  if (cps.length === 0) return ['', ''];
  return cutAt(cps, chooseCut(cps, lang, ratio));
}

/** [end of the first half, start of the second]. */
function splitTimes(cue: Cue, number: number, ratio: number, playhead: number | undefined, min: number, gap: number): [number, number] {
  const duration = cue.end - cue.start;
  if (duration < 2 * min + gap) {
    throw new CommandError(`Cue ${number} is too short to split (${duration} ms; each half needs ${min} ms, with a ${gap} ms gap between them)`);
  }
  const inside = playhead !== undefined && playhead > cue.start && playhead < cue.end;
  const wanted = inside ? playhead : cue.start + Math.round(ratio * duration);
  const before = Math.floor(gap / 2);
  const t = Math.max(cue.start + min + before, Math.min(wanted, cue.end - min - gap + before));
  return [t - before, t - before + gap];
}

/**
 * With a frame rate, the second half starts on the nearest frame start and the first ends on the last frame start
 * that still leaves the gap (so a whole number of frames, never less than the gap, separates them). Times that
 * would leave a half with no duration stay as they were.
 */
function onFrames(cue: Cue, [firstEnd, secondStart]: [number, number], gap: number, fps: number | null): [number, number] {
  if (fps === null) return [firstEnd, secondStart];
  const start = snapToFrame(secondStart, fps);
  let end = frameStartMs(frameAtMs(start - gap, fps), fps);
  if (end > start - gap) end = frameStartMs(frameAtMs(start - gap, fps) - 1, fps);
  return end > cue.start && start < cue.end ? [end, start] : [firstEnd, secondStart];
}

/** "Split turn": the second half's speaker, an existing one or a new one created in the same batch. */
function turnSpeaker(doc: SubtitleDocument, choice: NonNullable<SplitCommand['speaker']>, ops: Operation[]): Speaker {
  if ('speakerId' in choice) {
    const speaker = doc.speakers.find((s) => s.id === choice.speakerId);
    if (!speaker) throw new CommandError(`No speaker with id ${choice.speakerId}`);
    return speaker;
  }
  const name = choice.newSpeakerName.trim();
  if (name === '') throw new CommandError('A new speaker needs a name');
  // Typing the name of a speaker that exists means that speaker, not a second one with the same name.
  const existing = doc.speakers.find((s) => s.name === name);
  if (existing) return existing;
  const speaker: Speaker = { id: nextSpeakerId(doc), name, color: speakerColor(doc.speakers.length) };
  ops.push({ type: 'putSpeaker', speaker });
  return speaker;
}
