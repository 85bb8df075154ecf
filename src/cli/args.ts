/** Command-line arguments: a command, positionals and a few known flags; anything else is a usage error. */

export const USAGE = `Usage: duosub <command> [options]

Commands:
  info FILE [--json]                   Format, encoding, languages, cues, speakers, chapters, problems
  convert INPUT --to FORMAT            Convert a subtitle file, transcript or project; FORMAT is
          [--lang CODE] [-o OUTPUT]    srt, vtt, ass, txt (the bilingual transcript layout), duosub,
          [--order CODE,CODE]          chapters-vtt or chapters-json. --lang: the one language to
          [--bom] [--crlf]             write (and of an SRT input); without it a two-language document
                                       exports bilingual, in --order (top first). --bom: start with a
                                       UTF-8 byte-order mark; --crlf: Windows line ends. Without -o the
                                       result goes to standard output
  export INPUT --to FORMAT …           The same as convert
  align TRANSCRIPT AUDIO [-o OUT]      Time an untimed transcript to its audio, offline; OUT by
        [--spoken CODE] [--lang CODE]  extension: .duosub.json (default), .srt or .vtt (--lang: the
                                       language to write; --spoken: the audio's, default en)
  check FILE [--profile NAME] [--json] Quality checks (reading speed, line length, timing, …);
                                       NAME: netflix-en, netflix-zh-hans, bbc, default (without it:
                                       netflix-zh-hans for Chinese, default otherwise). Exit 1 on errors

Options:
  -h, --help                           Show this help

Reads SRT (.srt), WebVTT (.vtt), ASS (.ass), Duosub projects (.duosub.json) and bilingual transcripts (.txt).
Exit status: 0 done, 1 check found errors, 2 bad usage or unreadable input.`;

export class UsageError extends Error {}

export interface ParsedArgs {
  command: string | null;
  positionals: string[];
  flags: Map<string, string | true>;
  help: boolean;
}

/** Flags that take a value, by every name they go by → canonical name. */
const VALUE_FLAGS: Record<string, string> = { '--to': 'to', '--lang': 'lang', '--order': 'order', '--spoken': 'spoken', '--profile': 'profile', '-o': 'output', '--output': 'output' };
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
export function checkArgs(args: ParsedArgs, allowed: string[], positionals: string[]): void {
  for (const flag of args.flags.keys()) {
    if (!allowed.includes(flag)) throw new UsageError(`${args.command} does not take --${flag === 'output' ? 'output' : flag}`);
  }
  if (args.positionals.length < positionals.length) throw new UsageError(`${args.command} needs ${positionals.join(' ')}`);
  if (args.positionals.length > positionals.length) {
    throw new UsageError(`unexpected argument "${args.positionals[positionals.length]}"`);
  }
}
