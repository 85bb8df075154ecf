/**
 * One-click fixes for QC problems, singly or for every problem of a kind: each is planned into one undoable
 * batch (a Plan), like any edit command.
 */
import type { SubtitleDocument } from '../../model';
import type { Operation } from '../../operations';
import { cuesOf, describeCues, makePlan, plural, requireLanguage, type Plan } from '../../commands/common';
import { CommandError } from '../../commands/errors';
import { checkDocument } from '../run';
import { profilesFor, timingProfile, type QcProfile } from '../profiles';
import type { QcRule } from '../types';
import { rebreak, trimSpaces } from './text';
import { extendForCps, separate } from './timing';

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

/** Throws CommandError (a message for the status line) when there is nothing this fix can change. */
export function planFix(doc: SubtitleDocument, request: FixRequest, profiles: Record<string, QcProfile>): Plan {
  if (request.lang !== undefined) requireLanguage(doc, request.lang);
  const all = profilesFor(doc.languages.map((l) => l.code), profiles);
  const langs = request.lang !== undefined ? [request.lang] : Object.keys(all);
  const ops = fixOps(doc, request.rule, targets(doc, request, all, langs), all);
  const what = request.cueIds === 'all' ? 'all' : describeCues(doc, cuesOf(doc, request.cueIds));
  if (ops.length === 0) throw new CommandError(`${LABELS[request.rule]}: nothing to fix in ${what === 'all' ? 'the document' : what}`);
  const changed = new Set(ops.map((op) => (op.type === 'setTimes' || op.type === 'setText' ? op.cueId : '')));
  const label = `${LABELS[request.rule]} (${request.cueIds === 'all' ? plural(changed.size, 'cue') : what})`;
  return makePlan(ops, label, null);
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

function fixOps(doc: SubtitleDocument, rule: FixableRule, { indices, texts }: Target, profiles: Record<string, QcProfile>): Operation[] {
  const gap = timingProfile(profiles).minGapMs;
  switch (rule) {
    case 'cps':
      return extendForCps(doc, indices, profiles);
    case 'min-gap':
      return separate(doc, indices, gap, false);
    case 'overlap':
      return separate(doc, indices, gap, true);
    case 'cpl':
    case 'lines':
      return textOps(doc, texts, (text, lang) => rebreak(text, lang, profiles[lang]));
    case 'spaces':
      return textOps(doc, texts, trimSpaces);
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
