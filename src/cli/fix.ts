/**
 * `duosub fix FILE [--profile NAME] [--rules ID,ID] [--lang CODE] -o OUT`: the QC fixes the editor offers one
 * rule at a time, applied in one pass as a batch tool. Writes OUT like convert (format by `--to` or OUT's ending,
 * else the input's; the input's encoding where the format allows it) and reports on stderr what it changed and
 * what it could not fix. Exit 0 when every problem of the chosen rules is gone, 1 when some remain (the output is
 * written either way), 2 for bad usage or input.
 */
import { EXPORT_FORMATS, isExportFormat } from '../shared/formats/export';
import { exportOfFileName, exportOfFormat } from '../shared/formats/registry';
import type { SubtitleDocument } from '../shared/model';
import { applyOperation, type Operation } from '../shared/operations';
import { CommandError } from '../shared/plan/errors';
import { FIXABLE_RULES, isFixableRule, planFix, type FixableRule } from '../shared/qc/fixes/plan';
import { neededDurationMs } from '../shared/qc/fixes/timing';
import { charCount } from '../shared/qc/text';
import { documentProfiles, profilesFor, timingProfile, type QcProfile } from '../shared/qc/profiles';
import { checkDocument } from '../shared/qc/run';
import type { Issue } from '../shared/qc/types';
import { formatClock } from '../shared/timecode';
import { checkArgs, frameRateFlag, languagesFlag, stringFlag, UsageError, type ParsedArgs } from './args';
import { issueLine, profileFlag } from './check';
import { InputError } from './files';
import { loadInputs, problemLine } from './load';
import type { Output } from './output';
import { encodingFlag, outputEncoding, writeDocument } from './write';
import { lengthenForReadingSpeed } from '../shared/qc/fixes/lengthen';

/**
 * The order fixes run in: text first (trimming and re-breaking change what reading speed counts), then overlaps
 * and gaps, and reading speed last, so a lengthened cue stops at the gap the earlier steps made.
 */
const STEPS: { name: string; rules: FixableRule[] }[] = [
  { name: 'spaces', rules: ['spaces'] },
  { name: 're-break (cpl, lines)', rules: ['cpl', 'lines'] },
  { name: 'overlap', rules: ['overlap'] },
  { name: 'min-gap', rules: ['min-gap'] },
  { name: 'cps', rules: ['cps'] },
];

/** Cue numbers listed per rule before "…and N more": enough to find them, short enough to read. */
const LISTED = 10;

export interface StepOutcome {
  name: string;
  /** 1-based numbers of the cues this step changed (fixes never add or remove cues). */
  cues: number[];
  /** Text steps: cues changed per language. */
  byLanguage: Record<string, number>;
}

export interface FixResult {
  doc: SubtitleDocument;
  steps: StepOutcome[];
  /** Problems of the chosen rules still there after every fix, each with why it was left. */
  unfixed: { issue: Issue; reason: string }[];
  /** Problems of rules no fix covers (or not chosen), per rule: counted so the report can point to `check`. */
  others: Record<string, number>;
}

/** Applies the fixes for `rules` in STEPS order; `lang`: text fixes touch only that language. */
export function fixDocument(doc: SubtitleDocument, rules: readonly FixableRule[], profiles: Record<string, QcProfile>, lang?: string): FixResult {
  const numbers = new Map(doc.cues.map((cue, i) => [cue.id, i + 1]));
  const steps: StepOutcome[] = [];
  let current = doc;
  for (const step of STEPS) {
    const rule = step.rules.find((r) => rules.includes(r));
    if (rule === undefined) continue;
    const outcome: StepOutcome = { name: step.name, cues: [], byLanguage: {} };
    steps.push(outcome);
    let plan;
    try {
      plan = planFix(current, { rule, cueIds: 'all', lang }, profiles);
    } catch (error) {
      if (error instanceof CommandError) continue; // nothing this rule can change
      throw error;
    }
    const changed = new Set<string>();
    for (const op of plan.op.ops) {
      if (op.type !== 'setText' && op.type !== 'setTimes') continue;
      changed.add(op.cueId);
      if (op.type === 'setText') outcome.byLanguage[op.lang] = (outcome.byLanguage[op.lang] ?? 0) + 1;
    }
    outcome.cues = [...changed].map((id) => numbers.get(id) ?? 0).sort((a, b) => a - b);
    current = applyEdits(current, plan.op.ops);
  }
  const wanted = new Set<string>(rules.flatMap((r) => (r === 'cpl' || r === 'lines' ? ['cpl', 'lines'] : [r])));
  const inScope = (issue: Issue) => lang === undefined || issue.lang === null || issue.lang === lang;
  const after = checkDocument(current, profiles).filter(inScope);
  const left = after.filter((issue) => wanted.has(issue.rule));
  const others: Record<string, number> = {};
  for (const issue of after) if (!wanted.has(issue.rule)) others[issue.rule] = (others[issue.rule] ?? 0) + 1;
  const at = new Map(current.cues.map((cue, i) => [cue.id, i]));
  const unfixed = left.map((issue) => ({ issue, reason: whyLeft(current, at.get(issue.cueId ?? '') ?? -1, issue, profiles) }));
  return { doc: current, steps, unfixed, others };
}

/** Applies a fix's edits as one batch (applyBatch shares one copy of the cue list across text and time edits). */
function applyEdits(doc: SubtitleDocument, ops: readonly Operation[]): SubtitleDocument {
  return applyOperation(doc, { type: 'batch', ops: [...ops] }).doc;
}

/** Why a fix left this problem, and what the user can do instead. */
function whyLeft(doc: SubtitleDocument, index: number, issue: Issue, profiles: Record<string, QcProfile>): string {
  const cue = doc.cues[index];
  if (!cue) return 'fix it by hand';
  const timing = timingProfile(profiles);
  switch (issue.rule) {
    case 'cps': {
      const needed = neededDurationMs(cue, profiles);
      if (timing.maxDurationMs > 0 && needed > timing.maxDurationMs) {
        return `it needs ${needed} ms on screen, more than the maximum of ${timing.maxDurationMs} ms: shorten the text or split the cue`;
      }
      // The fix's own reason (the gap, the next cue at its limit or pinned), as the app shows it.
      const reason = lengthenForReadingSpeed(doc, [index], profiles).unfixed[0]?.reason;
      if (reason) return `${reason}: shorten the text or split the cue`;
      const next = doc.cues[index + 1];
      const at = next ? ` at ${formatClock(next.start)}` : '';
      return `no room to lengthen it before the next cue${at}: shorten the text, or move the next cue`;
    }
    case 'cpl':
    case 'lines': {
      const lang = issue.lang ?? '';
      const profile = profiles[lang];
      const room = profile ? profile.charsPerLine * profile.maxLines : 0;
      const count = charCount(cue.text[lang] ?? '');
      if (profile && count > room) {
        return `${count} characters do not fit in ${profile.maxLines} lines of ${profile.charsPerLine}: split the cue or shorten the text`;
      }
      return 'no break within the line length keeps every word and name whole: break it by hand';
    }
    case 'min-gap':
    case 'overlap':
      return 'moving either cue would leave it no time on screen: retime these cues by hand';
    default:
      return 'fix it by hand';
  }
}

/** `--rules cps,cpl`: known fixable rules; all of them without the flag. */
function rulesFlag(args: ParsedArgs): FixableRule[] {
  const value = stringFlag(args, 'rules');
  if (value === undefined) return [...FIXABLE_RULES];
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const bad = names.find((name) => !isFixableRule(name));
  if (bad !== undefined || names.length === 0) {
    throw new UsageError(`--rules takes rules that have a fix (${FIXABLE_RULES.join(', ')}), not "${bad ?? value}"`);
  }
  return names as FixableRule[];
}

export function runFix(args: ParsedArgs, io: Output): number {
  checkArgs(args, ['profile', 'rules', 'lang', 'fps', 'output', 'to', 'encoding', 'bom', 'crlf'], ['FILE']);
  const file = args.positionals[0];
  const rules = rulesFlag(args);
  const chosen = profileFlag(args);
  const langs = languagesFlag(args);
  const frameRate = frameRateFlag(args);
  const output = stringFlag(args, 'output');
  const to = stringFlag(args, 'to');
  if (to !== undefined && !isExportFormat(to)) throw new UsageError(`--to takes one of ${EXPORT_FORMATS.join(', ')}, not "${to}"`);
  const named = to ?? (output === undefined ? null : exportOfFileName(output));
  const requested = encodingFlag(args);

  const inputs = loadInputs([file], langs, frameRate);
  const { doc } = inputs;
  for (const p of inputs.files[0].info.problems) io.err(`duosub: ${problemLine(file, p)}\n`);
  const codes = doc.languages.map((l) => l.code);
  // One code naming one language of a bilingual document: only that language's text is fixed (timing is shared).
  const only = langs?.length === 1 && codes.length > 1 ? langs[0] : undefined;
  if (only !== undefined && !codes.includes(only)) throw new InputError(file, `has no language "${only}" (it has ${codes.join(', ')})`);
  const profiles = chosen ? profilesFor(codes, Object.fromEntries(codes.map((c) => [c, chosen]))) : documentProfiles(doc);

  const result = fixDocument(doc, rules, profiles, only);
  const format = named ?? exportOfFormat(inputs.files[0].format);
  const encoding = outputEncoding(format, inputs.files[0].encoding, requested, args.flags.has('bom'));
  const options = { format, frameRate, lineEnding: args.flags.has('crlf') ? 'crlf' as const : 'lf' as const };
  writeDocument(result.doc, options, { output, encoding, input: file }, io);
  io.err(fixReport(file, result, doc.metadata.untimed === true && rules.some((r) => TIMING_RULES.has(r))).join('\n') + '\n');
  return result.unfixed.length > 0 ? 1 : 0;
}

const TIMING_RULES = new Set<string>(['cps', 'min-gap', 'overlap']);

/** The report: a summary, a line per fix with cue numbers, then each problem left and why. */
export function fixReport(file: string, result: FixResult, untimed: boolean): string[] {
  const changed = new Set(result.steps.flatMap((s) => s.cues)).size;
  const lines = [`duosub: ${file}: changed ${changed} ${changed === 1 ? 'cue' : 'cues'}; ${result.unfixed.length} ${result.unfixed.length === 1 ? 'problem' : 'problems'} left`];
  if (untimed) lines.push('  timing rules checked nothing: the document has no times yet (time it with `duosub align` first)');
  for (const step of result.steps) lines.push(`  ${step.name}: ${stepLine(step)}`);
  const others = Object.entries(result.others);
  if (others.length > 0) {
    const counts = others.map(([rule, n]) => `${rule} ${n}`).join(', ');
    lines.push(`  not fixed here (${counts}): these need an editor's choice; \`duosub check\` lists them`);
  }
  if (result.unfixed.length > 0) lines.push('duosub: could not fix:');
  const numbers = new Map(result.doc.cues.map((cue, i) => [cue.id, i + 1]));
  for (const { issue, reason } of result.unfixed) lines.push(`  ${issueLine(file, numbers, issue)}; ${reason}`);
  return lines;
}

function stepLine(step: StepOutcome): string {
  if (step.cues.length === 0) return 'nothing to fix';
  const langs = Object.entries(step.byLanguage).map(([lang, n]) => `${lang} ${n}`).join(', ');
  const listed = step.cues.slice(0, LISTED).join(', ');
  const more = step.cues.length > LISTED ? ` …and ${step.cues.length - LISTED} more` : '';
  return `${step.cues.length} ${step.cues.length === 1 ? 'cue' : 'cues'}${langs ? ` (${langs})` : ''}: ${listed}${more}`;
}
