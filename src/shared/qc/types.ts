/** What a quality check reports, and the shape every check has. */
import type { Cue, SubtitleDocument } from '../model';
import type { QcProfile } from './profiles';

export type QcRule =
  | 'cps' | 'cpl' | 'lines' | 'min-duration' | 'max-duration' | 'min-gap' | 'overlap'
  | 'empty' | 'wrong-script' | 'markup' | 'spaces' | 'untimed' | 'timing-unsure';

export type QcSeverity = 'error' | 'warning' | 'info';

export interface Issue {
  /** The cue the problem is on; null for a document-wide problem (untimed). Gap and overlap go on the earlier cue. */
  cueId: string | null;
  /** The language whose text has the problem; null for timing problems shared by every language. */
  lang: string | null;
  rule: QcRule;
  severity: QcSeverity;
  value: number | string;
  limit: number | string;
  message: string;
}

/**
 * One rule. `run` checks the cues at the given indices of `doc` (document order) — in one language with that
 * language's profile when `perLanguage`, else once with `lang` null and the strictest timing figures.
 * `timing`: the rule is meaningless while the document's times are provisional (metadata.untimed).
 */
export interface QcCheck {
  rule: QcRule;
  perLanguage: boolean;
  timing: boolean;
  run(doc: SubtitleDocument, at: readonly number[], lang: string | null, profile: QcProfile): Issue[];
}

/** Rounds to one decimal for values users read (23.4 cps). */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** What a text check finds in one cue's text in one language, or null when the text is fine. */
export type TextFinding = Pick<Issue, 'severity' | 'value' | 'limit' | 'message'> | null;

/**
 * A per-language check that looks at each cue's text alone: `find` sees the text and the profile and says what is
 * wrong; the cue id, language and rule are filled in here.
 */
export function textCheck(rule: QcRule, find: (text: string, profile: QcProfile) => TextFinding): QcCheck {
  return {
    rule,
    perLanguage: true,
    timing: false,
    run(doc, at, lang, profile) {
      const issues: Issue[] = [];
      if (lang === null) return issues;
      for (const i of at) {
        const cue = doc.cues[i];
        const found = find(cue.text[lang] ?? '', profile);
        if (found) issues.push({ cueId: cue.id, lang, rule, ...found });
      }
      return issues;
    },
  };
}

/**
 * A check of a cue's timing, shared by every language: `find` sees the cue, the next one in document order (the
 * incremental index re-checks a cue's predecessor for that reason) and the profile.
 */
export function timingCheck(rule: QcRule, find: (cue: Cue, next: Cue | undefined, profile: QcProfile) => TextFinding): QcCheck {
  return {
    rule,
    perLanguage: false,
    timing: true,
    run(doc, at, _lang, profile) {
      const issues: Issue[] = [];
      for (const i of at) {
        const found = find(doc.cues[i], doc.cues[i + 1], profile);
        if (found) issues.push({ cueId: doc.cues[i].id, lang: null, rule, ...found });
      }
      return issues;
    },
  };
}
