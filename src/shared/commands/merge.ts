/**
 * Merge consecutive cues into the first: texts joined per language (CJK without a space, others with one; no
 * separator next to an empty side), the first cue's speaker, times spanning all of them.
 */
import type { Cue, SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import { cueIndexOf } from '../plan/cues';
import { isCjkLanguage } from '../text/script';
import { makePlan, type Plan } from '../plan/plan';
import { CommandError } from '../plan/errors';

/** Joins two texts of one language the way a merge does; split's halves rejoin to the text they came from. */
export function joinTexts(first: string, second: string, lang: string): string {
  if (first.trim() === '') return second;
  if (second.trim() === '') return first;
  return first.trimEnd() + (isCjkLanguage(lang) ? '' : ' ') + second.trimStart();
}

export function planMerge(doc: SubtitleDocument, cueIds: string[]): Plan {
  const indices = [...new Set(cueIds.map((id) => cueIndexOf(doc, id)))].sort((a, b) => a - b);
  if (indices.length < 2) throw new CommandError('Select at least two cues to merge');
  const gap = indices.findIndex((n, i) => i > 0 && n !== indices[i - 1] + 1);
  if (gap > 0) {
    throw new CommandError(`Only consecutive cues can be merged (cues ${indices[gap - 1] + 1} and ${indices[gap] + 1} are not next to each other)`);
  }
  const cues = indices.map((i) => doc.cues[i]);
  const [first, ...rest] = cues;
  const ops: Operation[] = [];
  for (const { code } of doc.languages) {
    const joined = cues.reduce((text, cue) => joinTexts(text, cue.text[code] ?? '', code), '');
    if (joined !== (first.text[code] ?? '')) ops.push({ type: 'setText', cueId: first.id, lang: code, text: joined });
  }
  const start = Math.min(...cues.map((c) => c.start));
  const end = Math.max(...cues.map((c) => c.end));
  if (start !== first.start || end !== first.end) ops.push({ type: 'setTimes', cueId: first.id, start, end });
  for (const cue of rest) ops.push({ type: 'deleteCue', cueId: cue.id });
  return makePlan(ops, `Merge cues ${indices[0] + 1}–${indices[indices.length - 1] + 1}`, [first.id]);
}

export function planMergeWithNext(doc: SubtitleDocument, cueId: string): Plan {
  const index = cueIndexOf(doc, cueId);
  const next: Cue | undefined = doc.cues[index + 1];
  if (!next) throw new CommandError(`Cue ${index + 1} is the last cue: there is no next cue to merge it with`);
  return planMerge(doc, [cueId, next.id]);
}
