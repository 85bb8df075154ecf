/** `duosub check FILE [--profile NAME] [--json]`: the QC problems of a file; exit 1 when any is an error. */
import { checkDocument } from '../shared/qc/run';
import { BUILTIN_PROFILE_IDS, profileById, profilesFor, type QcProfile } from '../shared/qc/profiles';
import type { Issue } from '../shared/qc/types';
import type { SubtitleDocument } from '../shared/model';
import { checkArgs, UsageError, type ParsedArgs } from './args';
import { loadDocument, type Output } from './commands';

/** Rules whose value is a lower bound (the value is too small); the others report a value that is too big. */
const MINIMUM_RULES = new Set(['min-duration', 'min-gap']);

export function runCheck(args: ParsedArgs, io: Output): number {
  checkArgs(args, ['profile', 'json'], ['FILE']);
  const file = args.positionals[0];
  const name = args.flags.get('profile');
  let chosen: QcProfile | undefined;
  if (typeof name === 'string') {
    chosen = profileById(name);
    if (!chosen) throw new UsageError(`unknown profile "${name}"; the profiles are ${BUILTIN_PROFILE_IDS.join(', ')}`);
  }
  const { doc } = loadDocument(file);
  const codes = doc.languages.map((l) => l.code);
  const profiles = profilesFor(codes, chosen ? Object.fromEntries(codes.map((c) => [c, chosen])) : {});
  const issues = checkDocument(doc, profiles);
  if (args.flags.has('json')) {
    const profile = chosen ? chosen.id : Object.fromEntries(codes.map((c) => [c, profiles[c].id]));
    const problems = issues.map((i) => ({ cue: cueNumber(doc, i), lang: i.lang, rule: i.rule, severity: i.severity, value: i.value, limit: i.limit, message: i.message }));
    io.out(JSON.stringify({ file, profile, problems }, null, 2) + '\n');
  } else {
    for (const issue of issues) io.out(issueLine(file, doc, issue) + '\n');
  }
  return issues.some((i) => i.severity === 'error') ? 1 : 0;
}

/** 1-based cue number, or null for a document-wide problem. */
function cueNumber(doc: SubtitleDocument, issue: Issue): number | null {
  return issue.cueId === null ? null : doc.cues.findIndex((c) => c.id === issue.cueId) + 1;
}

/** `FILE: cue 12 (en): cps 23.4 > 20: message` */
export function issueLine(file: string, doc: SubtitleDocument, issue: Issue): string {
  const n = cueNumber(doc, issue);
  const where = n === null ? '' : ` cue ${n}${issue.lang ? ` (${issue.lang})` : ''}:`;
  const measure = typeof issue.value === 'number' && typeof issue.limit === 'number'
    ? `${issue.rule} ${issue.value} ${MINIMUM_RULES.has(issue.rule) ? '<' : '>'} ${issue.limit}`
    : issue.rule;
  return `${file}:${where} ${measure}: ${issue.message}`;
}
