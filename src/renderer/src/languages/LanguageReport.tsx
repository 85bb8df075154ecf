/**
 * The report after adding a language from a file, under the panes: how the cues paired, and every cue that paired
 * with nothing (kept as its own cue), each a button that jumps to it. It stays until closed, so nothing is lost.
 */
import type { JSX } from 'react';
import type { AddLanguageResult } from '../../../shared/api';
import { formatClock } from '../../../shared/timecode';
import { reportSummary, type UnpairedCue } from './add-report';
import './languages.css';

export interface LanguageReportProps {
  result: AddLanguageResult;
  onJump(item: UnpairedCue): void;
  onClose(): void;
}

export function LanguageReport({ result, onJump, onClose }: LanguageReportProps): JSX.Element {
  const { unpaired } = result.report;
  return (
    <section className="language-report" aria-label="Added language report" data-testid="language-report">
      <header>
        <span className="language-report-summary">{reportSummary(result)}</span>
        <button type="button" onClick={onClose} aria-label="Close the report">×</button>
      </header>
      {result.problems.length > 0 && (
        <p className="language-report-problems">
          {result.problems.length} {result.problems.length === 1 ? 'line' : 'lines'} of {result.fileName} skipped or
          repaired; first: line {result.problems[0].line}: {result.problems[0].message}
        </p>
      )}
      {unpaired.length > 0 && (
        <ol className="language-report-list">
          {unpaired.map((item, i) => (
            <li key={i}>
              <button type="button" onClick={() => onJump(item)} title="Go to this cue">
                <span className="language-report-time">{formatClock(item.start)}</span>
                <span className="language-report-lang">{item.lang}</span>
                <span lang={item.lang}>{item.text || '(empty)'}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
