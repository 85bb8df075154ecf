/**
 * `duosub`: the shared core from a terminal. Exit status 0 when done, 1 when `check` found errors or `fix`
 * left problems it could not fix, 2 for bad usage
 * or input that cannot be read (one line on stderr naming the file and line), 3 for anything unexpected (a bug).
 */
import { parseArgs, USAGE, UsageError } from './args';
import { runInfo } from './commands';
import { runConvert } from './convert';
import type { Output } from './output';
import { runAlign } from './align';
import { runCheck } from './check';
import { runFix } from './fix';
import { InputError } from './files';

const COMMANDS: Record<string, (args: ReturnType<typeof parseArgs>, io: Output) => number | Promise<number>> = {
  info: runInfo,
  convert: runConvert,
  export: runConvert,
  align: runAlign,
  check: runCheck,
  fix: runFix,
};

const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  bytes: (data) => void process.stdout.write(data),
};

/** A bug, not the input's fault: kept apart from 1 ("check found errors") so scripts can tell them apart. */
const INTERNAL_ERROR = 3;

/** The exit status; a promise for commands that wait (align). */
export function main(argv: string[], io: Output = processOutput): number | Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help && args.command === null) {
      io.out(USAGE + '\n');
      return 0;
    }
    if (args.command === null) throw new UsageError('no command given');
    const run = COMMANDS[args.command];
    if (!run) throw new UsageError(`unknown command "${args.command}"`);
    if (args.help) {
      io.out(USAGE + '\n');
      return 0;
    }
    const status = run(args, io);
    return typeof status === 'number' ? status : status.catch((error: unknown) => report(error, io));
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Output): number {
  if (error instanceof UsageError) {
    io.err(`duosub: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (error instanceof InputError) {
    io.err(`duosub: ${error.file}${error.line > 0 ? `:${error.line}` : ''}: ${error.message}\n`);
    return 2;
  }
  io.err(`duosub: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return INTERNAL_ERROR;
}
