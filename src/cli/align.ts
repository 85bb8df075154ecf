/**
 * `duosub align TRANSCRIPT AUDIO [-o OUT] [--spoken CODE] [--lang CODE] [--lines-per-language 1|2] [--empty-text T]`: auto-times an untimed transcript (or any
 * document) against its audio, offline, and writes a Duosub project (every language, so auto-timed Chinese can be
 * checked from a script) or a subtitle file chosen by OUT's extension: the spoken language, or `--lang zh-Hans,en`
 * for both in each cue.
 */
import { existsSync } from 'node:fs';
import { autoTimeReviews, planAutoTime } from '../shared/align/apply';
import { planSubtitleCues } from '../shared/align/build-cues';
import { applyOperation } from '../shared/operations';
import type { ExportFormat } from '../shared/formats/export';
import { exportOfFileName, exportWriter } from '../shared/formats/registry';
import { alignFragments } from '../node/align/aligner';
import { voiceFor } from '../node/align/alignment';
import { checkArgs, languagesFlag, layoutFlags, UsageError, type ParsedArgs } from './args';
import type { Output } from './output';
import { loadDocument, problemLine } from './load';
import { InputError, isStandardOutput } from './files';
import { writeDocument } from './write';

/** OUT's format by its ending; a project without -o, for `-o -` and for any `.json` (as before other formats were written). */
function outputFormat(path: string | undefined): ExportFormat {
  if (!path || isStandardOutput(path)) return 'duosub';
  const format = exportOfFileName(path);
  if (format === 'json' || format === 'duosub') return 'duosub';
  if (format === null || exportWriter(format).writer.kind !== 'cues') {
    throw new UsageError(`cannot tell the subtitle format of ${path}: use .duosub.json, .srt, .vtt, .ass, …`);
  }
  return format;
}

/**
 * `--lang`: the languages a subtitle OUT holds, one (default: the spoken one) or two in each cue, top first. A
 * project always keeps every language.
 */
function writtenLanguages(args: ParsedArgs, input: string, codes: string[], spoken: string): string[] {
  const langs = languagesFlag(args) ?? [spoken];
  if (langs.length > 2) throw new UsageError(`--lang takes one or two languages, not ${langs.length}`);
  const missing = langs.find((code) => !codes.includes(code));
  if (missing !== undefined) throw new InputError(input, `has no language "${missing}" (it has ${codes.join(', ')}); choose with --lang`);
  return langs;
}

export async function runAlign(args: ParsedArgs, io: Output): Promise<number> {
  checkArgs(args, ['output', 'spoken', 'lang', 'lines-per-language', 'empty-text'], ['TRANSCRIPT', 'AUDIO']);
  const [input, audio] = args.positionals;
  const output = args.flags.get('output') as string | undefined;
  const format = outputFormat(output);
  const { doc, info } = loadDocument(input);
  for (const p of info.problems) io.err(`duosub: ${problemLine(input, p)}\n`);
  if (!existsSync(audio)) throw new InputError(audio, 'no such file');
  const codes = doc.languages.map((l) => l.code);
  const spoken = (args.flags.get('spoken') as string | undefined) ?? (codes.includes('en') ? 'en' : codes[0]);
  if (!codes.includes(spoken)) throw new InputError(input, `has no language "${spoken}" (it has ${codes.join(', ')}); choose the spoken one with --spoken`);
  const langs = writtenLanguages(args, input, codes, spoken);

  const planned = planSubtitleCues(doc, 'all', spoken);
  const anchors = planned.flatMap((p, index) => {
    const cue = p.pinned ? doc.cues.find((c) => c.id === p.sourceCueId) : undefined;
    return cue ? [{ index, start: cue.start, end: cue.end }] : [];
  });
  let shown = -1;
  const aligned = await alignFragments(
    { audioPath: audio, fragments: planned.map((p) => p.spoken), language: voiceFor(spoken), anchors },
    {
      onProgress: (fraction, stage) => {
        const pct = Math.floor(fraction * 10) * 10;
        if (pct !== shown) io.err(`duosub: aligning ${pct}% (${stage})\n`);
        shown = pct;
      },
    },
  ).catch((error: Error) => {
    throw new InputError(audio, error.message);
  });
  const plan = planAutoTime(doc, 'all', planned, aligned.times, aligned.review, aligned.confidence);
  const timed = applyOperation(doc, plan.op).doc;
  const options = { ...(langs.length === 1 ? { format, lang: langs[0] } : { format, order: langs }), ...layoutFlags(args) };
  // `-o -` (and /dev/stdout) go through the CLI's own output, like convert's.
  writeDocument(timed, options, { output, encoding: 'UTF-8', input }, io);
  io.err(`duosub: ${plan.label}\n`);
  // The plan selects exactly these, in order; the whole document was planned, so planned index = cue number - 1.
  for (const { index, reason } of autoTimeReviews(planned, aligned.review, aligned.confidence)) io.err(`duosub: review cue ${index + 1}: ${reason}\n`);
  return 0;
}
