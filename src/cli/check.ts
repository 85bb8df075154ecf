/**
 * `duosub check FILE [--profile NAME] [--lang CODE] [--lines-per-language 1|2] [--json]`: the problems found reading the file, then its QC
 * problems; exit 1 when any is an error. Linear in the cues: cue numbers come from one id → index map.
 */
import { checkDocument } from '../shared/qc/run';
import { BUILTIN_PROFILE_IDS, documentProfiles, profileById, profilesFor, type QcProfile } from '../shared/qc/profiles';
import type { Issue } from '../shared/qc/types';
import type { SubtitleDocument } from '../shared/model';
import { checkArgs, frameRateFlag, languagesFlag, layoutFlags, UsageError, type ParsedArgs } from './args';
import { documentLinesPerLanguage, withLineBudget } from '../shared/qc/line-budget';
import type { Output } from './output';
import { loadDocument, problemLine } from './load';

/** Rules whose value is a lower bound (the value is too small); the others report a value that is too big. */
const MINIMUM_RULES = new Set(['min-duration', 'min-gap', 'timing-unsure']);

export function runCheck(args: ParsedArgs, io: Output): number {
  checkArgs(args, ['profile', 'json', 'lang', 'fps', 'lines-per-language'], ['FILE']);
  const file = args.positionals[0];
  const chosen = profileFlag(args);
  const { doc, info } = loadDocument(file, { langs: languagesFlag(args), frameRate: frameRateFlag(args) });
  const codes = doc.languages.map((l) => l.code);
  // The bilingual line budget: the flag, else the project's own layout.
  const lines = layoutFlags(args).linesPerLanguage ?? documentLinesPerLanguage(doc.metadata);
  // The project's own profiles (metadata.qcProfiles, as the app uses them) unless --profile names one for all.
  const profiles = withLineBudget(chosen ? profilesFor(codes, Object.fromEntries(codes.map((c) => [c, chosen]))) : documentProfiles(doc), codes.length, lines);
  const issues = checkDocument(doc, profiles);
  const numbers = cueNumbers(doc);
  const read = info.problems;
  if (args.flags.has('json')) {
    const profile = chosen ? chosen.id : Object.fromEntries(codes.map((c) => [c, profiles[c].id]));
    const problems = issues.map((i) => ({ cue: cueNumber(numbers, i), lang: i.lang, rule: i.rule, severity: i.severity, value: i.value, limit: i.limit, message: i.message }));
    io.out(JSON.stringify({ file, profile, read, problems }, null, 2) + '\n');
  } else {
    // One write per thousand lines: a million problems must not mean a million writes.
    let chunk: string[] = [];
    const flush = () => {
      if (chunk.length) io.out(chunk.join('\n') + '\n');
      chunk = [];
    };
    for (const p of read) chunk.push(problemLine(file, p));
    for (const issue of issues) {
      chunk.push(issueLine(file, numbers, issue));
      if (chunk.length >= 1000) flush();
    }
    flush();
  }
  const failed = read.some((p) => p.severity === 'error') || issues.some((i) => i.severity === 'error');
  return failed ? 1 : 0;
}

/** `--profile NAME`: a built-in profile for every language, or undefined when not given. */
export function profileFlag(args: ParsedArgs): QcProfile | undefined {
  const name = args.flags.get('profile');
  if (typeof name !== 'string') return undefined;
  const chosen = profileById(name);
  if (!chosen) throw new UsageError(`unknown profile "${name}"; the profiles are ${BUILTIN_PROFILE_IDS.join(', ')}`);
  return chosen;
}

/** Cue id → 1-based cue number, built once (a search per problem was quadratic: 200,000 cues took 50 s). */
function cueNumbers(doc: SubtitleDocument): Map<string, number> {
  const numbers = new Map<string, number>();
  doc.cues.forEach((cue, i) => numbers.set(cue.id, i + 1));
  return numbers;
}

/** 1-based cue number, or null for a document-wide problem. */
function cueNumber(numbers: Map<string, number>, issue: Issue): number | null {
  return issue.cueId === null ? null : (numbers.get(issue.cueId) ?? null);
}

/** `FILE: cue 12 (en): cps 23.4 > 20: message` */
export function issueLine(file: string, numbers: Map<string, number>, issue: Issue): string {
  const n = cueNumber(numbers, issue);
  const where = n === null ? '' : ` cue ${n}${issue.lang ? ` (${issue.lang})` : ''}:`;
  const measure = typeof issue.value === 'number' && typeof issue.limit === 'number'
    ? `${issue.rule} ${issue.value} ${MINIMUM_RULES.has(issue.rule) ? '<' : '>'} ${issue.limit}`
    : issue.rule;
  return `${file}:${where} ${measure}: ${issue.message}`;
}
