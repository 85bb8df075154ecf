/**
 * What the QC panel and the waveform markers show of the checker's issues: labels, "value vs limit",
 * filters, the worst severity per cue, and the fix commands. Pure: no DOM, no React.
 */
import type { SubtitleDocument } from '../../../shared/model';
import type { Issue, QcRule, QcSeverity } from '../../../shared/qc/types';

/** Rules with a one-click fix; cpl and lines are both fixed by re-breaking the lines. */
export const FIXABLE_RULES = ['cps', 'min-gap', 'overlap', 'cpl', 'lines', 'spaces'] as const;
export type FixableRule = (typeof FIXABLE_RULES)[number];

/** The edit command a fix sends (the store plans it as one undoable operation). */
export interface QcFixCommand {
  kind: 'fix';
  rule: FixableRule;
  cueIds: string[] | 'all';
  lang?: string;
}

export const RULE_LABELS: Record<QcRule, string> = {
  cps: 'Reading speed',
  cpl: 'Line length',
  lines: 'Lines',
  'min-duration': 'Too short',
  'max-duration': 'Too long',
  'min-gap': 'Gap',
  overlap: 'Overlap',
  empty: 'Untranslated',
  'wrong-script': 'Wrong script',
  markup: 'Markup',
  spaces: 'Spaces',
  untimed: 'Untimed',
  'timing-unsure': 'Timing unsure',
};

const FIX_LABELS: Record<FixableRule, string> = {
  cps: 'Extend',
  'min-gap': 'Gap',
  overlap: 'Trim',
  cpl: 'Re-break',
  lines: 'Re-break',
  spaces: 'Trim',
};

export function isFixable(rule: QcRule): rule is FixableRule {
  return (FIXABLE_RULES as readonly string[]).includes(rule);
}

export function fixLabel(rule: FixableRule): string {
  return FIX_LABELS[rule];
}

/** Rules whose figures are milliseconds; durations read better in seconds, gaps in ms. */
const SECONDS_RULES: ReadonlySet<QcRule> = new Set(['min-duration', 'max-duration']);
const MS_RULES: ReadonlySet<QcRule> = new Set(['min-gap', 'overlap']);

/**
 * "23.4 / 20" for numbers over a limit (durations as "15.45 s / 7 s", gaps as "40 / 83 ms"); strings (a script
 * name, a tag) as "value (limit)"; nothing when both are empty.
 */
export function valueVsLimit(issue: Issue): string {
  const { value, limit, rule } = issue;
  if (value === '' && limit === '') return '';
  if (typeof value === 'number' && typeof limit === 'number') {
    if (SECONDS_RULES.has(rule)) return `${seconds(value)} s / ${seconds(limit)} s`;
    return MS_RULES.has(rule) ? `${value} / ${limit} ms` : `${value} / ${limit}`;
  }
  return limit === '' ? String(value) : `${value} (${limit})`;
}

function seconds(ms: number): string {
  return String(Math.round(ms / 10) / 100);
}

export interface IssueFilter {
  severity: QcSeverity | 'all';
  rule: QcRule | 'all';
}

export const NO_FILTER: IssueFilter = { severity: 'all', rule: 'all' };

export function filterIssues(issues: readonly Issue[], filter: IssueFilter): Issue[] {
  return issues.filter((i) => (filter.severity === 'all' || i.severity === filter.severity) && (filter.rule === 'all' || i.rule === filter.rule));
}

/** How many issues of each severity, for the panel header. */
export function severityCounts(issues: readonly Issue[]): Record<QcSeverity, number> {
  const counts: Record<QcSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const issue of issues) counts[issue.severity]++;
  return counts;
}

/** The rules present, in the order the checker reports them, for the rule filter. */
export function rulesPresent(issues: readonly Issue[]): QcRule[] {
  return [...new Set(issues.map((i) => i.rule))];
}

/** The worst severity per cue among errors and warnings (info is not marked on the waveform). */
export function cueMarks(issues: readonly Issue[]): Map<string, 'error' | 'warning'> {
  const marks = new Map<string, 'error' | 'warning'>();
  for (const { cueId, severity } of issues) {
    if (cueId === null || severity === 'info') continue;
    if (severity === 'error' || !marks.has(cueId)) marks.set(cueId, severity);
  }
  return marks;
}

/**
 * 1-based cue numbers as the panes show them, of the listed issues' cues only: the panel lists at most a few
 * hundred, and a map of every cue costs ~50 ms at 100,000 cues on each document change (every keystroke).
 */
export function cueNumbers(doc: SubtitleDocument, issues: readonly Issue[]): Map<string, number> {
  const wanted = new Set<string>();
  for (const issue of issues) if (issue.cueId !== null) wanted.add(issue.cueId);
  const numbers = new Map<string, number>();
  for (let i = 0; i < doc.cues.length && numbers.size < wanted.size; i++) {
    if (wanted.has(doc.cues[i].id)) numbers.set(doc.cues[i].id, i + 1);
  }
  return numbers;
}

/** The fix for one issue; null when its rule has none. */
export function fixOne(issue: Issue): QcFixCommand | null {
  if (!isFixable(issue.rule) || issue.cueId === null) return null;
  return withLang({ kind: 'fix', rule: issue.rule, cueIds: [issue.cueId] }, issue.lang);
}

/**
 * The fix for every listed issue of `issue`'s kind (same rule and language). Lists the cues rather than
 * sending 'all', so exactly the problems the user sees are fixed.
 */
export function fixAllLike(issue: Issue, issues: readonly Issue[]): QcFixCommand | null {
  if (!isFixable(issue.rule)) return null;
  const ids = issues.filter((i) => i.rule === issue.rule && i.lang === issue.lang && i.cueId !== null).map((i) => i.cueId!);
  if (ids.length === 0) return null;
  return withLang({ kind: 'fix', rule: issue.rule, cueIds: [...new Set(ids)] }, issue.lang);
}

/** The cues of every listed issue of `issue`'s kind (same rule and language), in list order, each once: "Select all". */
export function cuesLike(issue: Issue, issues: readonly Issue[]): string[] {
  const ids = issues.filter((i) => i.rule === issue.rule && i.lang === issue.lang && i.cueId !== null).map((i) => i.cueId!);
  return [...new Set(ids)];
}

/** How many issues "Fix all" would address (same rule and language). */
export function countLike(issue: Issue, issues: readonly Issue[]): number {
  return issues.reduce((n, i) => n + (i.rule === issue.rule && i.lang === issue.lang ? 1 : 0), 0);
}

function withLang(command: QcFixCommand, lang: string | null): QcFixCommand {
  return lang === null ? command : { ...command, lang };
}
