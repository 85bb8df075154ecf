/**
 * Language codes read from a file are checked before they become keys of cue texts (issue 11): a project or a
 * TTML `xml:lang` saying `__proto__` or `toString` once blanked the page for good, and a code over 35 characters
 * made a project Duosub itself saved fail to re-open. A code that is not a language code (`isLanguageCode`) is read
 * as a stand-in (`und-x-bad`, `und-x-bad2` …: "undetermined", private use), with a warning naming the code and
 * where it was; the texts stay, under the stand-in, and the user can rename the language.
 */
import { isLanguageCode } from '../operations-languages';
import { languageName, type Problem, type SubtitleDocument } from '../model';
import type { ReadResult } from './types';

const STAND_IN = 'und-x-bad';
const MAX_SHOWN = 40;

export class LanguageCodes {
  /** Bad code → its stand-in (a Map: the bad code may be `__proto__`). */
  private readonly standIns = new Map<string, string>();
  private readonly used = new Set<string>();
  readonly problems: Problem[] = [];

  constructor(codesInUse: Iterable<string> = []) {
    for (const code of codesInUse) if (isLanguageCode(code)) this.used.add(code);
  }

  /** `code` when it is a language code, else its stand-in (the same one each time), reported once at `line`. */
  safe(code: string, line: number): string {
    if (isLanguageCode(code)) {
      this.used.add(code);
      return code;
    }
    const known = this.standIns.get(code);
    if (known !== undefined) return known;
    let n = 1;
    while (this.used.has(standIn(n))) n++;
    const replacement = standIn(n);
    this.used.add(replacement);
    this.standIns.set(code, replacement);
    this.problems.push({ line, message: `${describe(code)} is not a language code (e.g. en, zh-Hans, pt-BR); read as ${replacement}`, severity: 'warning' });
    return replacement;
  }

  /** The name to show for the stand-in of a bad code: what the file said. */
  nameFor(code: string, name: unknown): string {
    if (typeof name === 'string' && name !== '') return name;
    return this.isStandIn(code) ? `Unknown (${describe(this.original(code) ?? code)})` : safeName(code);
  }

  isStandIn(code: string): boolean {
    return [...this.standIns.values()].includes(code);
  }

  private original(standInCode: string): string | undefined {
    for (const [bad, replacement] of this.standIns) if (replacement === standInCode) return bad;
    return undefined;
  }
}

function standIn(n: number): string {
  return n === 1 ? STAND_IN : `${STAND_IN}${n}`;
}

function describe(code: string): string {
  return code.length > MAX_SHOWN ? `${JSON.stringify(code.slice(0, MAX_SHOWN))}… (${code.length} characters)` : JSON.stringify(code);
}

/** `languageName` looks codes up in a plain object: only a checked code may be asked. */
function safeName(code: string): string {
  const name: unknown = isLanguageCode(code) ? languageName(code) : code;
  return typeof name === 'string' ? name : code;
}

/**
 * The document of a read with every language code checked (languages and cue text keys alike); the reader's result
 * unchanged when all are good. The net under every reader: `readSubtitleText` passes each read through it.
 */
export function withSafeLanguageCodes<R extends ReadResult>(read: R): R {
  const doc = read.doc;
  const bad = (code: string) => !isLanguageCode(code);
  const badText = doc.cues.some((c) => Object.keys(c.text).some(bad));
  const badName = doc.languages.some((l) => typeof l.name !== 'string');
  if (!badText && !badName && !doc.languages.some((l) => bad(l.code))) return read;
  const codes = new LanguageCodes(doc.languages.map((l) => l.code));
  const languages: SubtitleDocument['languages'] = [];
  for (const language of doc.languages) {
    const code = codes.safe(language.code, 0);
    if (languages.some((l) => l.code === code)) continue;
    const name = codes.isStandIn(code) && typeof language.name === 'string' && language.name === language.code ? undefined : language.name;
    languages.push({ ...language, code, name: codes.nameFor(code, name) });
  }
  const cues = !badText ? doc.cues : doc.cues.map((cue) => {
    if (!Object.keys(cue.text).some(bad)) return cue;
    return { ...cue, text: Object.fromEntries(Object.entries(cue.text).map(([code, text]) => [codes.safe(code, 0), text])) };
  });
  for (const cue of cues) {
    for (const code of Object.keys(cue.text)) {
      if (!languages.some((l) => l.code === code)) languages.push({ code, name: codes.nameFor(code, undefined) });
    }
  }
  return { ...read, doc: { ...doc, languages, cues }, problems: [...read.problems, ...codes.problems] };
}
