/**
 * `duosub align TRANSCRIPT AUDIO [-o OUT] [--spoken CODE] [--lang CODE]`: auto-times an untimed transcript (or any
 * document) against its audio, offline, and writes a Duosub project, SRT or WebVTT chosen by OUT's extension.
 */
import { existsSync } from 'node:fs';
import { planAutoTime } from '../shared/align/apply';
import { planSubtitleCues } from '../shared/align/build-cues';
import { applyOperation } from '../shared/operations';
import { serializeDocument } from '../shared/formats/registry';
import { alignFragments } from '../main/align/aligner';
import { voiceFor } from '../main/services/alignment';
import { checkArgs, UsageError, type ParsedArgs } from './args';
import type { Output } from './output';
import { loadDocument, problemLine } from './load';
import { InputError, isStandardOutput, writeAtomic } from './files';

function outputFormat(path: string | undefined): 'duosub' | 'srt' | 'vtt' {
  if (!path || path.endsWith('.json')) return 'duosub';
  if (path.endsWith('.srt')) return 'srt';
  if (path.endsWith('.vtt')) return 'vtt';
  throw new UsageError(`cannot tell the format of ${path}: use .duosub.json, .srt or .vtt`);
}

export async function runAlign(args: ParsedArgs, io: Output): Promise<number> {
  checkArgs(args, ['output', 'spoken', 'lang'], ['TRANSCRIPT', 'AUDIO']);
  const [input, audio] = args.positionals;
  const output = args.flags.get('output') as string | undefined;
  const format = outputFormat(output);
  const { doc, info } = loadDocument(input);
  for (const p of info.problems) io.err(`duosub: ${problemLine(input, p)}\n`);
  if (!existsSync(audio)) throw new InputError(audio, 'no such file');
  const codes = doc.languages.map((l) => l.code);
  const spoken = (args.flags.get('spoken') as string | undefined) ?? (codes.includes('en') ? 'en' : codes[0]);
  if (!codes.includes(spoken)) throw new InputError(input, `has no language "${spoken}" (it has ${codes.join(', ')}); choose the spoken one with --spoken`);
  const lang = (args.flags.get('lang') as string | undefined) ?? spoken;

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
  const plan = planAutoTime(doc, 'all', planned, aligned.times, aligned.review);
  const timed = applyOperation(doc, plan.op).doc;
  const text = serializeDocument(timed, format, format === 'duosub' ? undefined : { lang });
  // `-o -` (and /dev/stdout) go through the CLI's own output, like convert's.
  if (output && !isStandardOutput(output)) writeAtomic(output, text);
  else io.out(text);
  io.err(`duosub: ${plan.label}\n`);
  // The plan selects the cues flagged for review.
  for (const id of plan.select ?? []) {
    io.err(`duosub: review cue ${timed.cues.findIndex((c) => c.id === id) + 1}: its text and the audio do not match well\n`);
  }
  return 0;
}
