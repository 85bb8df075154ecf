/**
 * Find/replace across the cues of one language as one undo step. `regex`: JavaScript syntax, `$1` in the
 * replacement; otherwise both are literal. Whole word: not next to a letter, digit or `_` — for CJK languages only
 * Latin letters and digits count, since Chinese and Japanese have no spaces to bound a word.
 */
import type { SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import { cuesOf, isCjkLanguage, languageLabel, makePlan, plural, requireLanguage, type Plan } from './common';
import { CommandError } from './errors';
import type { EditCommand } from './schema';

type ReplaceCommand = Extract<EditCommand, { kind: 'replaceAll' }>;

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function wordGuard(cjk: boolean, unicode: boolean): [string, string] {
  if (!unicode) return ['\\b', '\\b'];
  const word = cjk ? '[\\p{Script=Latin}\\p{Nd}_]' : '[\\p{L}\\p{M}\\p{Nd}_]';
  return [`(?<!${word})`, `(?!${word})`];
}

/**
 * Compiles the search. We prefer the `u` flag (code-point semantics, \p{…} for whole words) and fall back to
 * legacy syntax for a user pattern that only compiles without it (e.g. `\-`); a pattern that compiles in neither
 * is refused with the engine's reason.
 */
export function compileSearch(cmd: Pick<ReplaceCommand, 'find' | 'regex' | 'caseSensitive' | 'wholeWord' | 'lang'>): RegExp {
  const source = cmd.regex ? cmd.find : escapeRegExp(cmd.find);
  const flags = `g${cmd.caseSensitive ? '' : 'i'}`;
  let firstError: unknown = null;
  for (const unicode of [true, false]) {
    const [before, after] = cmd.wholeWord ? wordGuard(isCjkLanguage(cmd.lang), unicode) : ['', ''];
    try {
      return new RegExp(`${before}(?:${source})${after}`, flags + (unicode ? 'u' : ''));
    } catch (error) {
      firstError ??= error;
    }
  }
  const reason = firstError instanceof Error ? firstError.message.replace(/^Invalid regular expression: /, '') : String(firstError);
  throw new CommandError(`Invalid regular expression /${cmd.find}/: ${reason}`);
}

export function planReplaceAll(doc: SubtitleDocument, cmd: ReplaceCommand): Plan {
  requireLanguage(doc, cmd.lang);
  const search = compileSearch(cmd);
  const cues = cmd.cueIds ? cuesOf(doc, cmd.cueIds) : doc.cues;
  const ops: Operation[] = [];
  let matched = 0;
  for (const cue of cues) {
    const text = cue.text[cmd.lang] ?? '';
    search.lastIndex = 0;
    if (!search.test(text)) continue;
    matched++;
    search.lastIndex = 0;
    // A literal replacement must not interpret `$&`, `$1`…: a function's return value is used as is.
    const replaced = cmd.regex ? text.replace(search, cmd.replace) : text.replace(search, () => cmd.replace);
    if (replaced !== text) ops.push({ type: 'setText', cueId: cue.id, lang: cmd.lang, text: replaced });
  }
  const language = languageLabel(doc, cmd.lang);
  const what = cmd.regex ? `/${cmd.find}/` : `"${cmd.find}"`;
  if (matched === 0) throw new CommandError(`No matches for ${what} in ${language}`);
  if (ops.length === 0) throw new CommandError(`Replacing ${what} with "${cmd.replace}" changes nothing`);
  return makePlan(ops, `Replace '${cmd.find}' → '${cmd.replace}' in ${plural(ops.length, 'cue')} (${language})`, null);
}
