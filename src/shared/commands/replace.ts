/**
 * Find/replace across the cues of one language as one undo step. `regex`: JavaScript syntax, `$1` in the
 * replacement; otherwise both are literal. Whole word: not next to a letter, digit or `_` — for CJK languages only
 * Latin letters and digits count, since Chinese and Japanese have no spaces to bound a word.
 */
import type { SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import { cuesOf, languageLabel, requireLanguage } from '../plan/cues';
import { isCjkLanguage } from '../text/script';
import { makePlan, type Plan } from '../plan/plan';
import { plural } from '../plan/labels';
import { CommandError } from '../plan/errors';
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

/**
 * Each text with every match replaced, or null where nothing matched (`$1` etc. in regex mode; literal otherwise).
 * Self-contained on purpose: main's replace runner runs this very function's source in a worker thread, so it
 * must use nothing but its arguments and the language's built-ins.
 */
export function replaceTexts(texts: readonly string[], search: RegExp, replacement: string, regex: boolean): (string | null)[] {
  const out: (string | null)[] = [];
  for (const text of texts) {
    search.lastIndex = 0;
    if (!search.test(text)) {
      out.push(null);
      continue;
    }
    search.lastIndex = 0;
    // A literal replacement must not interpret `$&`, `$1`…: a function's return value is used as is.
    out.push(regex ? text.replace(search, replacement) : text.replace(search, () => replacement));
  }
  search.lastIndex = 0;
  return out;
}

/** The cues a replace-all looks at, and their texts in its language (what `replaceTexts` is given). */
export function replaceTargets(doc: SubtitleDocument, cmd: ReplaceCommand): { cueIds: string[]; texts: string[] } {
  requireLanguage(doc, cmd.lang);
  const cues = cmd.cueIds ? cuesOf(doc, cmd.cueIds) : doc.cues;
  return { cueIds: cues.map((c) => c.id), texts: cues.map((c) => c.text[cmd.lang] ?? '') };
}

/** The undo step of a replace-all from `replaceTexts`'s answer for `replaceTargets`; refuses one that matched or changed nothing. */
export function planFromReplaced(doc: SubtitleDocument, cmd: ReplaceCommand, targets: { cueIds: string[]; texts: string[] }, replaced: readonly (string | null)[]): Plan {
  const ops: Operation[] = [];
  let matched = 0;
  targets.cueIds.forEach((cueId, i) => {
    const text = replaced[i];
    if (text === null || text === undefined) return;
    matched++;
    if (text !== targets.texts[i]) ops.push({ type: 'setText', cueId, lang: cmd.lang, text });
  });
  const language = languageLabel(doc, cmd.lang);
  const what = cmd.regex ? `/${cmd.find}/` : `"${cmd.find}"`;
  if (matched === 0) throw new CommandError(`No matches for ${what} in ${language}`);
  if (ops.length === 0) throw new CommandError(`Replacing ${what} with "${cmd.replace}" changes nothing`);
  return makePlan(ops, `Replace '${cmd.find}' → '${cmd.replace}' in ${plural(ops.length, 'cue')} (${language})`, null);
}

/** Plans a replace-all in this thread (literal searches are linear; main runs a user's regex through its replace runner). */
export function planReplaceAll(doc: SubtitleDocument, cmd: ReplaceCommand): Plan {
  const targets = replaceTargets(doc, cmd);
  const search = compileSearch(cmd);
  return planFromReplaced(doc, cmd, targets, replaceTexts(targets.texts, search, cmd.replace, cmd.regex));
}
