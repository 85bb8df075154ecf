/**
 * The QC panel, sized for the ~260 px side column: a profile per language, filters by severity and rule,
 * and the problems in cue order. Clicking a problem jumps to its cue in every view and shows its message
 * with the fixes (one cue, or every problem of the same kind); each fix is one undoable edit command. "Select all"
 * selects the cues of every problem of the same kind (e.g. every "timing unsure" cue, to check them in turn).
 */
import { useMemo, useState, type JSX, type KeyboardEvent } from 'react';
import type { SubtitleDocument } from '../../../shared/model';
import { BUILTIN_PROFILES, defaultProfileFor, type QcProfile } from '../../../shared/qc/profiles';
import { documentLinesPerLanguage, type LinesPerLanguage } from '../../../shared/qc/line-budget';
import type { Issue, QcRule, QcSeverity } from '../../../shared/qc/types';
import {
  countLike, cueNumbers, cuesLike, filterIssues, fixAllLike, fixLabel, fixOne, isFixable, NO_FILTER, RULE_LABELS,
  rulesPresent, severityCounts, valueVsLimit, type IssueFilter, type QcFixCommand,
} from './issue-view';
import './qc.css';

export interface QcPanelProps {
  issues: readonly Issue[];
  doc: SubtitleDocument;
  /** The profile in use per language (missing languages use their default). */
  profiles: Readonly<Record<string, QcProfile>>;
  /** User-made profiles offered beside the built-ins. */
  customProfiles?: readonly QcProfile[];
  onJump(cueId: string): void;
  /** Selects these cues (the first one current); absent = no "Select all" button. */
  onSelectMany?(cueIds: string[]): void;
  onCommand(command: QcFixCommand): unknown;
  onProfileChange(lang: string, profileId: string): void;
  /** The document's bilingual layout (lines per language), null = as the profiles say. */
  onLinesPerLanguageChange(lines: LinesPerLanguage | null): void;
}

/** Rows rendered at most: thousands of problems would cost more to draw than anyone reads; filters narrow it. */
const MAX_ROWS = 300;

const SEVERITY_ICONS: Record<QcSeverity, string> = { error: '●', warning: '▲', info: 'ℹ' };

export function QcPanel(props: QcPanelProps): JSX.Element {
  const { issues, doc } = props;
  const [filter, setFilter] = useState<IssueFilter>(NO_FILTER);
  const [active, setActive] = useState<Issue | null>(null);
  const shown = useMemo(() => filterIssues(issues, filter), [issues, filter]);
  const listed = useMemo(() => shown.slice(0, MAX_ROWS), [shown]);
  const numbers = useMemo(() => cueNumbers(doc, listed), [doc, listed]);
  const counts = useMemo(() => severityCounts(issues), [issues]);
  const rules = useMemo(() => rulesPresent(issues), [issues]);
  // The active problem survives a re-check only if an equal one is still listed.
  const current = active && shown.find((i) => sameIssue(i, active));
  return (
    <div className="duosub-qc" data-testid="qc-panel">
      <div className="duosub-qc-head">
        <span>Quality</span>
        <span className="duosub-qc-total" data-testid="qc-count">{issues.length === 0 ? 'No problems' : `${issues.length}`}</span>
      </div>
      <ProfilePickers {...props} />
      <Filters filter={filter} counts={counts} rules={rules} onChange={setFilter} />
      <ul className="duosub-qc-list" role="listbox" aria-label="Problems">
        {listed.map((issue, i) => (
          <IssueRow
            key={`${issue.cueId}|${issue.lang}|${issue.rule}|${i}`}
            issue={issue}
            number={issue.cueId === null ? null : numbers.get(issue.cueId) ?? null}
            active={current === issue}
            onActivate={() => {
              setActive(issue);
              if (issue.cueId !== null) props.onJump(issue.cueId);
            }}
          />
        ))}
      </ul>
      {shown.length > MAX_ROWS && <div className="duosub-qc-more">Showing {MAX_ROWS} of {shown.length}; filter to narrow.</div>}
      {current && <IssueDetail issue={current} issues={issues} onCommand={props.onCommand} onSelectMany={props.onSelectMany} />}
    </div>
  );
}

function ProfilePickers(props: QcPanelProps): JSX.Element {
  const choices = [...BUILTIN_PROFILES, ...(props.customProfiles ?? [])];
  return (
    <div className="duosub-qc-profiles">
      {props.doc.languages.map(({ code }) => (
        <label key={code} className="duosub-qc-profile">
          <span className="duosub-qc-lang">{code}</span>
          <select
            aria-label={`QC profile for ${code}`}
            data-testid={`qc-profile-${code}`}
            value={(props.profiles[code] ?? defaultProfileFor(code)).id}
            onChange={(e) => props.onProfileChange(code, e.target.value)}
          >
            {choices.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
      ))}
      {props.doc.languages.length >= 2 && <LayoutPicker {...props} />}
    </div>
  );
}

/** How the languages share the screen: the line limit QC checks each language against in a bilingual delivery. */
function LayoutPicker(props: QcPanelProps): JSX.Element {
  const lines = documentLinesPerLanguage(props.doc.metadata);
  return (
    <label className="duosub-qc-profile" title="Bilingual delivery: every language of a cue is on screen at once, so they share its lines">
      <span className="duosub-qc-lang">lines</span>
      <select
        aria-label="Bilingual layout"
        data-testid="qc-lines-per-language"
        value={lines === null ? '' : String(lines)}
        onChange={(e) => props.onLinesPerLanguageChange(e.target.value === '' ? null : e.target.value === '1' ? 1 : 2)}
      >
        <option value="">As each profile says</option>
        <option value="1">One line per language</option>
        <option value="2">Up to two lines per language</option>
      </select>
    </label>
  );
}

interface FiltersProps {
  filter: IssueFilter;
  counts: Record<QcSeverity, number>;
  rules: QcRule[];
  onChange(filter: IssueFilter): void;
}

function Filters({ filter, counts, rules, onChange }: FiltersProps): JSX.Element {
  const severities: Array<QcSeverity | 'all'> = ['all', 'error', 'warning', 'info'];
  return (
    <div className="duosub-qc-filters">
      <div className="duosub-qc-severities" role="group" aria-label="Severity">
        {severities.map((s) => (
          <button
            key={s}
            type="button"
            className={`duosub-qc-sev ${s}${filter.severity === s ? ' on' : ''}`}
            aria-pressed={filter.severity === s}
            title={s === 'all' ? 'Every severity' : `${s}s only`}
            onClick={() => onChange({ ...filter, severity: s })}
          >
            {s === 'all' ? 'All' : `${SEVERITY_ICONS[s]} ${counts[s]}`}
          </button>
        ))}
      </div>
      <select
        aria-label="Rule"
        value={rules.includes(filter.rule as QcRule) ? filter.rule : 'all'}
        onChange={(e) => onChange({ ...filter, rule: e.target.value as QcRule | 'all' })}
      >
        <option value="all">Every rule</option>
        {rules.map((r) => <option key={r} value={r}>{RULE_LABELS[r]}</option>)}
      </select>
    </div>
  );
}

interface IssueRowProps {
  issue: Issue;
  number: number | null;
  active: boolean;
  onActivate(): void;
}

function IssueRow({ issue, number, active, onActivate }: IssueRowProps): JSX.Element {
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onActivate();
  };
  return (
    <li
      className={`duosub-qc-row ${issue.severity}${active ? ' active' : ''}`}
      role="option"
      aria-selected={active}
      tabIndex={0}
      title={issue.message}
      data-issue-cue={issue.cueId ?? ''}
      data-rule={issue.rule}
      onClick={onActivate}
      onKeyDown={onKey}
    >
      <span className="duosub-qc-icon" aria-label={issue.severity}>{SEVERITY_ICONS[issue.severity]}</span>
      <span className="duosub-qc-cue">{number === null ? '—' : `#${number}`}</span>
      {issue.lang !== null && <span className="duosub-qc-lang">{issue.lang}</span>}
      <span className="duosub-qc-rule">{RULE_LABELS[issue.rule]}</span>
      <span className="duosub-qc-value">{valueVsLimit(issue)}</span>
    </li>
  );
}

interface IssueDetailProps {
  issue: Issue;
  issues: readonly Issue[];
  onCommand(c: QcFixCommand): unknown;
  onSelectMany?(cueIds: string[]): void;
}

function IssueDetail({ issue, issues, onCommand, onSelectMany }: IssueDetailProps): JSX.Element {
  const one = fixOne(issue);
  const all = fixAllLike(issue, issues);
  const many = countLike(issue, issues);
  const cues = cuesLike(issue, issues);
  return (
    <div className="duosub-qc-detail" data-testid="qc-detail">
      <div className="duosub-qc-message">{issue.message}</div>
      {onSelectMany && cues.length > 1 && (
        <div className="duosub-qc-fixes">
          <button type="button" data-testid="qc-select-all" onClick={() => onSelectMany(cues)}>
            Select all {cues.length} {RULE_LABELS[issue.rule].toLowerCase()}
          </button>
        </div>
      )}
      {isFixable(issue.rule) && (
        <div className="duosub-qc-fixes">
          {one && <button type="button" data-testid="qc-fix" onClick={() => onCommand(one)}>Fix: {fixLabel(issue.rule)}</button>}
          {all && many > 1 && (
            <button type="button" data-testid="qc-fix-all" onClick={() => onCommand(all)}>
              Fix all {many} {RULE_LABELS[issue.rule].toLowerCase()}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function sameIssue(a: Issue, b: Issue): boolean {
  return a === b || (a.cueId === b.cueId && a.lang === b.lang && a.rule === b.rule);
}
