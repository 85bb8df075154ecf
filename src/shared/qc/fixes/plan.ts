/**
 * One-click fixes for QC problems, singly or for every problem of a kind: each is planned into one undoable
 * batch (a Plan), like any edit command.
 */
import type { SubtitleDocument } from '../../model';
import type { Operation } from '../../operations';
import { cuesOf, describeCues, requireLanguage } from '../../plan/cues';
import { makePlan, type Plan } from '../../plan/plan';
import { plural } from '../../plan/labels';
import { CommandError } from '../../plan/errors';
import { checkDocument } from '../run';
import { profilesFor, timingProfile, type QcProfile } from '../profiles';
import type { QcRule } from '../types';
import { rebreak, trimSpaces } from './text';
import { separate } from './timing';
import { lengthenForReadingSpeed, type Unfixed } from './lengthen';

/** Rules with a fix; `cpl` and `lines` both re-break lines. */
export const FIXABLE_RULES = ['cps', 'min-gap', 'overlap', 'cpl', 'lines', 'spaces'] as const;
export type FixableRule = (typeof FIXABLE_RULES)[number];

export interface FixRequest {
  rule: FixableRule;
  /** The cues to fix, or 'all': every cue that has a problem of this rule. */
  cueIds: string[] | 'all';
  /** Text rules: fix only this language (default: every language). */
  lang?: string;
}

const LABELS: Record<FixableRule, string> = {
  cps: 'Lengthen for reading speed',
  'min-gap': 'Enforce minimum gap',
  overlap: 'Remove overlap',
  cpl: 'Re-break lines',
  lines: 'Re-break lines',
  spaces: 'Trim spaces',
};

export function isFixableRule(rule: QcRule | string): rule is FixableRule {
  return (FIXABLE_RULES as readonly string[]).includes(rule);
}

/**
 * Throws CommandError (a message for the status line) when there is nothing this fix can change. Cues a fix could
 * not fix (lengthen for reading speed) are named in the label with the reason, or in the error when none could be.
 */
export function planFix(doc: SubtitleDocument, request: FixRequest, profiles: Record<string, QcProfile>): Plan {
  if (request.lang !== undefined) requireLanguage(doc, request.lang);
  const all = profilesFor(doc.languages.map((l) => l.code), profiles);
  const langs = request.lang !== undefined ? [request.lang] : Object.keys(all);
  const { ops, unfixed } = fixOps(doc, request.rule, targets(doc, request, all, langs), all);
  const what = request.cueIds === 'all' ? 'all' : describeCues(doc, cuesOf(doc, request.cueIds));
  const why = reasons(doc, unfixed);
  if (ops.length === 0) {
    const scope = what === 'all' ? 'the document' : what;
    throw new CommandError(why ? `${LABELS[request.rule]}: could not fix ${scope} — ${why}` : `${LABELS[request.rule]}: nothing to fix in ${scope}`);
  }
  const changed = new Set(ops.map((op) => (op.type === 'setTimes' || op.type === 'setText' ? op.cueId : '')));
  const done = `${LABELS[request.rule]} (${request.cueIds === 'all' ? plural(changed.size, 'cue') : what})`;
  return makePlan(ops, why ? `${done}; not fixed: ${why}` : done, null);
}

/** How many unfixed cues a message names before "and N more". */
const REASONS_SHOWN = 3;

/** "cue 7: next cue 8 is pinned; cue 12: …; and 4 more" — empty when every cue was fixed. */
function reasons(doc: SubtitleDocument, unfixed: Unfixed[]): string {
  const shown = unfixed.slice(0, REASONS_SHOWN).map((u) => `${describeCues(doc, cuesOf(doc, [u.cueId]))}: ${u.reason}`);
  if (unfixed.length > REASONS_SHOWN) shown.push(`and ${unfixed.length - REASONS_SHOWN} more`);
  return shown.join('; ');
}

/**
 * The problems this fix addresses: of its rule (cpl and lines together), in the chosen languages, on the named
 * cues or anywhere for 'all'. A fix changes only cues (and, for text rules, languages) that have one.
 */
function targets(doc: SubtitleDocument, request: FixRequest, profiles: Record<string, QcProfile>, langs: string[]): Target {
  const named = request.cueIds === 'all' ? null : new Set(cuesOf(doc, request.cueIds).map((c) => c.id));
  const rules: string[] = request.rule === 'cpl' || request.rule === 'lines' ? ['cpl', 'lines'] : [request.rule];
  const issues = checkDocument(doc, profiles).filter((issue) => rules.includes(issue.rule)
    && (issue.lang === null || langs.includes(issue.lang))
    && (named === null || (issue.cueId !== null && named.has(issue.cueId))));
  const ids = new Set(issues.map((issue) => issue.cueId));
  return {
    indices: doc.cues.flatMap((c, i) => (ids.has(c.id) ? [i] : [])),
    texts: new Set(issues.map((issue) => `${issue.cueId}\n${issue.lang}`)),
  };
}

interface Target {
  indices: number[];
  /** `cueId\nlang` of each text problem. */
  texts: Set<string>;
}

function fixOps(doc: SubtitleDocument, rule: FixableRule, { indices, texts }: Target, profiles: Record<string, QcProfile>): { ops: Operation[]; unfixed: Unfixed[] } {
  const gap = timingProfile(profiles).minGapMs;
  switch (rule) {
    case 'cps':
      return lengthenForReadingSpeed(doc, indices, profiles);
    case 'min-gap':
      return { ops: separate(doc, indices, gap, false), unfixed: [] };
    case 'overlap':
      return { ops: separate(doc, indices, gap, true), unfixed: [] };
    case 'cpl':
    case 'lines':
      return { ops: textOps(doc, texts, (text, lang) => rebreak(text, lang, profiles[lang])), unfixed: [] };
    case 'spaces':
      return { ops: textOps(doc, texts, trimSpaces), unfixed: [] };
  }
}

function textOps(doc: SubtitleDocument, texts: Set<string>, fix: (text: string, lang: string) => string): Operation[] {
  const ops: Operation[] = [];
  for (const cue of doc.cues) {
    for (const lang of Object.keys(cue.text)) {
      const text = cue.text[lang];
      if (!texts.has(`${cue.id}\n${lang}`)) continue;
      const fixed = fix(text, lang);
      if (fixed !== text) ops.push({ type: 'setText', cueId: cue.id, lang, text: fixed });
    }
  }
  return ops;
}
