/** Command-line arguments: a command, positionals and a few known flags; anything else is a usage error. */
import { EXPORT_FORMATS } from '../shared/formats/export';

export const USAGE = `Usage: duosub <command> [options]

Commands:
  info FILE [FILE2] [--json]           Format, encoding, languages, cues, speakers, chapters, problems.
       [--lang CODE[,CODE]] [--fps N]  With FILE2: FILE2's cues paired to FILE's by time, and the report
  convert INPUT [INPUT2] --to FORMAT   Convert a subtitle file, transcript or project. FORMAT is one of
          [-o OUTPUT] [--lang CODE]    ${EXPORT_FORMATS.join(', ')}
          [--order CODE,CODE]          (txt: the bilingual transcript layout; microdvd: .sub). With INPUT2
          [--encoding NAME] [--fps N]  (e.g. film.zh.srt film.en.srt): INPUT2's cues are paired to INPUT's
          [--bom] [--crlf]             by time into one bilingual document; the pairing report goes to
          [--lines-per-language 1|2]   stderr. --order: bilingual order, top first. --lines-per-language:
          [--empty-text TEXT]          each language of a bilingual file re-broken to one line or at most
                                       two (default: the project's QC layout, else as written);
                                       --empty-text: written for an empty text (default: an empty cue,
                                       kept, so per-language files keep one numbering). --encoding: of the
                                       output (default: the input's own where the format allows it;
                                       vtt, ttml, json and duosub are always utf-8). --bom: start UTF-8
                                       with a byte-order mark; --crlf: Windows line ends. Without -o, or
                                       with -o -, the result goes to standard output
  export INPUT … --to FORMAT …         The same as convert
  align TRANSCRIPT AUDIO [-o OUT]      Time an untimed transcript to its audio, offline; OUT by
        [--spoken CODE]                extension: .duosub.json (default: every language), .srt, .vtt, …
        [--lang CODE[,CODE]]           (--lang: the language to write, or two for both in each cue, top
        [--lines-per-language 1|2]     first; default the spoken one; --spoken: the audio's, default en;
        [--empty-text TEXT]            the layout flags as for convert). Cues to review, with the reason,
                                       go to stderr
  check FILE [--profile NAME] [--json] Problems reading the file, then quality checks (reading speed,
        [--lang CODE[,CODE]] [--fps N] line length, timing, …); NAME: netflix-en, netflix-zh-hans, bbc,
        [--lines-per-language 1|2]     default (without it: netflix-zh-hans for Chinese, default
                                       otherwise). --lines-per-language: the bilingual line budget
                                       (default: the project's layout). Exit 1 when any is an error
  fix FILE [-o OUT] [--to FORMAT]      Apply the QC fixes in one pass (RULES: cps, min-gap, overlap, cpl,
      [--profile NAME] [--rules RULES] lines, spaces; default all) and write OUT, in the format of --to,
      [--lang CODE] [--encoding NAME]  else of OUT's ending, else of FILE. The report (what changed, per
      [--bom] [--crlf] [--fps N]       rule and cue; what could not be fixed and why) goes to stderr.
                                       Without -o, or with -o -, the result goes to standard output.
                                       NAME as for check, for every language (default: the project's
                                       choice, else check's). --lang with one language of a bilingual
                                       FILE: fix only its text. Exit 1 when problems of the chosen rules
                                       are left (the output is written all the same)

Options:
  --lang CODE[,CODE]                   The language of an input that does not name its own (SRT, WebVTT,
                                       …): one code (zh-Hans, zh-Hant, en, …) or two for a file with two
                                       languages in each cue (zh-Hans,en, top first); without it the
                                       language is guessed from the script. With two inputs: one code per
                                       input. convert with one code and a document holding it writes
                                       that language only
  --fps N                              Frames per second of MicroDVD input and output (default 23.976)
  -h, --help                           Show this help

Reads SRT, WebVTT, ASS/SSA, SBV, LRC, TTML/DFXP, MicroDVD (.sub), a JSON array of {start, end, text},
Duosub projects (.duosub.json) and bilingual transcripts (.txt), in UTF-8/16 or a legacy encoding
(GB18030/GBK, Big5, Shift_JIS, …), detected.
Exit status: 0 done, 1 check found errors or fix left problems, 2 bad usage or unreadable input, 3 internal error (a bug).`;

export class UsageError extends Error {}

export interface ParsedArgs {
  command: string | null;
  positionals: string[];
  flags: Map<string, string | true>;
  help: boolean;
}

/** Flags that take a value, by every name they go by → canonical name. */
const VALUE_FLAGS: Record<string, string> = {
  '--to': 'to', '--lang': 'lang', '--order': 'order', '--spoken': 'spoken', '--profile': 'profile', '-o': 'output', '--output': 'output',
  '--encoding': 'encoding', '--fps': 'fps', '--rules': 'rules', '--lines-per-language': 'lines-per-language',
  '--empty-text': 'empty-text',
};
const BOOLEAN_FLAGS: Record<string, string> = { '--json': 'json', '--bom': 'bom', '--crlf': 'crlf' };

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOLEAN_FLAGS[name] && eq < 0) {
      flags.set(BOOLEAN_FLAGS[name], true);
    } else if (VALUE_FLAGS[name]) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      flags.set(VALUE_FLAGS[name], value);
    } else {
      throw new UsageError(`unknown option ${name}`);
    }
  }
  return { command: positionals.shift() ?? null, positionals, flags, help };
}

/** Rejects flags a command does not take and checks the number of positionals. */
export function checkArgs(args: ParsedArgs, allowed: string[], positionals: string[], optional: string[] = []): void {
  for (const flag of args.flags.keys()) {
    if (!allowed.includes(flag)) throw new UsageError(`${args.command} does not take --${flag === 'output' ? 'output' : flag}`);
  }
  if (args.positionals.length < positionals.length) throw new UsageError(`${args.command} needs ${positionals.join(' ')}`);
  const most = positionals.length + optional.length;
  if (args.positionals.length > most) throw new UsageError(`unexpected argument "${args.positionals[most]}"`);
}

/** A flag's value when it was given one. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** `--fps N`: a positive frame rate, or undefined when not given. */
export function frameRateFlag(args: ParsedArgs): number | undefined {
  const value = stringFlag(args, 'fps');
  if (value === undefined) return undefined;
  const fps = Number(value);
  if (!Number.isFinite(fps) || fps <= 0 || fps > 1000) throw new UsageError(`--fps needs a frame rate such as 23.976 or 25, not "${value}"`);
  return fps;
}

/**
 * `--lines-per-language 1|2` and `--empty-text TEXT`: the bilingual layout of a written file (each language
 * re-broken to one line or at most two; an empty text written as TEXT instead of an empty cue).
 */
export function layoutFlags(args: ParsedArgs): { linesPerLanguage?: 1 | 2; emptyText?: string } {
  const lines = stringFlag(args, 'lines-per-language');
  if (lines !== undefined && lines !== '1' && lines !== '2') throw new UsageError(`--lines-per-language takes 1 or 2, not "${lines}"`);
  const emptyText = stringFlag(args, 'empty-text');
  if (emptyText !== undefined && /[\r\n]/.test(emptyText)) throw new UsageError('--empty-text must be one line');
  return { ...(lines ? { linesPerLanguage: lines === '1' ? 1 : 2 } : {}), ...(emptyText !== undefined ? { emptyText } : {}) };
}

/** `--lang a,b`: the codes, each checked to look like a language code. */
export function languagesFlag(args: ParsedArgs): string[] | undefined {
  const value = stringFlag(args, 'lang');
  if (value === undefined) return undefined;
  const codes = value.split(',').map((code) => code.trim());
  const bad = codes.find((code) => !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(code));
  if (bad !== undefined) throw new UsageError(`--lang needs language codes such as zh-Hans or en, not "${bad}"`);
  return codes;
}
