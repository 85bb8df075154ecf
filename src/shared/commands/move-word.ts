/**
 * Move a word across a turn boundary: the last word of a cue to the start of the next cue (`toNext`), or the next
 * cue's first word to the end of this one (`fromNext`) — the fix for "…That's a big drop, but" / "it's a big drop.".
 *
 * A word is what a subtitler would drag: in space-separated languages a run of non-spaces with the punctuation
 * attached to it ("drop." moves with its period; the comma before a moved "but" stays where it was). In CJK it is
 * the run after the last clause mark or space, with its own closing marks ("但", "这只是沧海一粟。"), or for
 * `fromNext` the run up to and including the first clause mark ("谢这次合作。"). Letter case is kept as it is: a
 * capital may be a name or "I", and guessing wrong would silently damage the text.
 */
import type { SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import { cueOf, languageLabel, requireLanguage } from '../plan/cues';
import { isCjkLanguage } from '../text/script';
import { makePlan, type Plan } from '../plan/plan';
import { CommandError } from '../plan/errors';
import { joinTexts } from './merge';
import { codePoints } from '../text/code-points';

const CJK_BREAK = /[。！？；，、．｡…：:.?!;,\s]/u;
const CLOSER = /[”’」』）)\]】》〉»"']/u;

const isBreak = (c: string): boolean => CJK_BREAK.test(c) && !/\s/u.test(c);

/** [text without its last word, the word]; the word is '' when there is none. */
export function splitLastWord(text: string, lang: string): [string, string] {
  const trimmed = text.trimEnd();
  if (!isCjkLanguage(lang)) {
    // The word starts after a space (or at the start): the lookbehind keeps the search linear on long words.
    const at = trimmed.search(/(?<!\S)\S+$/u);
    return at < 0 ? ['', ''] : [trimmed.slice(0, at).trimEnd(), trimmed.slice(at)];
  }
  const cps = codePoints(trimmed);
  let i = cps.length;
  while (i > 0 && (isBreak(cps[i - 1]) || CLOSER.test(cps[i - 1]))) i--;
  while (i > 0 && !CJK_BREAK.test(cps[i - 1])) i--;
  return [cps.slice(0, i).join('').trimEnd(), cps.slice(i).join('')];
}

/** [the first word, text without it]. */
export function splitFirstWord(text: string, lang: string): [string, string] {
  const trimmed = text.trimStart();
  if (!isCjkLanguage(lang)) {
    const word = /^\S+/u.exec(trimmed)?.[0];
    return word ? [word, trimmed.slice(word.length).trimStart()] : ['', ''];
  }
  const cps = codePoints(trimmed);
  let i = 0;
  while (i < cps.length && isBreak(cps[i])) i++;
  while (i < cps.length && !CJK_BREAK.test(cps[i])) i++;
  while (i < cps.length && (isBreak(cps[i]) || CLOSER.test(cps[i]))) i++;
  return [cps.slice(0, i).join(''), cps.slice(i).join('').trimStart()];
}

export function planMoveWord(doc: SubtitleDocument, cueId: string, lang: string, direction: 'toNext' | 'fromNext'): Plan {
  requireLanguage(doc, lang);
  const [cue, index] = cueOf(doc, cueId);
  const next = doc.cues[index + 1];
  if (!next) throw new CommandError(`Cue ${index + 1} is the last cue: there is no next cue to move a word ${direction === 'toNext' ? 'to' : 'from'}`);
  const language = languageLabel(doc, lang);
  const here = cue.text[lang] ?? '';
  const there = next.text[lang] ?? '';
  let word: string, newHere: string, newThere: string;
  if (direction === 'toNext') {
    [newHere, word] = splitLastWord(here, lang);
    if (word === '') throw new CommandError(`Cue ${index + 1} has no ${language} text to move`);
    newThere = joinTexts(word, there, lang);
  } else {
    [word, newThere] = splitFirstWord(there, lang);
    if (word === '') throw new CommandError(`Cue ${index + 2} has no ${language} text to move`);
    newHere = joinTexts(here, word, lang);
  }
  const ops: Operation[] = [
    { type: 'setText', cueId: cue.id, lang, text: newHere },
    { type: 'setText', cueId: next.id, lang, text: newThere },
  ];
  const label = direction === 'toNext'
    ? `Move "${word}" to cue ${index + 2} (${language})`
    : `Move "${word}" from cue ${index + 2} to cue ${index + 1} (${language})`;
  return makePlan(ops, label, null);
}
