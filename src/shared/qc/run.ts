/**
 * Running the checks: over a whole document, or incrementally while the user edits (QcIndex), so 5,000 cues
 * re-check in the time of a handful.
 */
import type { Cue, SubtitleDocument } from '../model';
import { CHECKS } from './checks';
import { untimedIssues } from './check-untimed';
import { profilesFor, timingProfile, type QcProfile } from './profiles';
import type { Issue } from './types';

/** Profiles for every language of `doc`: the given one, else the language's default. */
function resolve(doc: SubtitleDocument, profiles: Record<string, QcProfile>): Record<string, QcProfile> {
  return profilesFor(doc.languages.map((l) => l.code), profiles);
}

/** Problems of the cues at `at` (document indices), grouped per index. */
function checkAt(doc: SubtitleDocument, at: readonly number[], profiles: Record<string, QcProfile>): Map<number, Issue[]> {
  const untimed = doc.metadata.untimed === true;
  const timing = timingProfile(profiles);
  const found: Issue[] = [];
  for (const check of CHECKS) {
    if (untimed && check.timing) continue;
    if (!check.perLanguage) append(found, check.run(doc, at, null, timing));
    else for (const lang of Object.keys(profiles)) append(found, check.run(doc, at, lang, profiles[lang]));
  }
  const byIndex = new Map<number, Issue[]>(at.map((i) => [i, []]));
  const indexOf = new Map(at.map((i) => [doc.cues[i].id, i]));
  for (const issue of found) byIndex.get(indexOf.get(issue.cueId!)!)!.push(issue);
  return byIndex;
}

/** `push(...items)` one by one: spreading passes every item as an argument and overflows the stack at ~500,000. */
function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}

/** Every problem of `doc`, document-wide ones first, then in cue order. */
export function checkDocument(doc: SubtitleDocument, profiles: Record<string, QcProfile>): Issue[] {
  const all = resolve(doc, profiles);
  const byIndex = checkAt(doc, doc.cues.map((_, i) => i), all);
  const issues = untimedIssues(doc).slice();
  for (const cueIssues of byIndex.values()) append(issues, cueIssues);
  return issues;
}

/**
 * Live QC for an editor. `update(doc)` re-checks only cues whose object changed since the last update, plus the
 * cue before each of them, plus any cue whose successor is a different cue than before (an insert, delete or
 * reorder next to it). That is enough because every per-cue rule reads only the cue itself, and the two pair rules
 * (min-gap, overlap) read only the cue and its successor and report on the earlier one; operations replace a cue
 * object whenever they change it (model objects are never mutated), so identity tells what changed. A change of
 * the profiles, the languages or the untimed flag re-checks everything.
 */
export class QcIndex {
  private byCue = new Map<string, Issue[]>();
  private cues: readonly Cue[] = [];
  private doc: SubtitleDocument | null = null;
  private profiles: Record<string, QcProfile>;
  private sorted: Issue[] | null = null;
  /** How many cues the last update re-checked (for tests and diagnostics). */
  lastChecked = 0;

  constructor(profiles: Record<string, QcProfile> = {}) {
    this.profiles = profiles;
  }

  setProfiles(profiles: Record<string, QcProfile>): void {
    this.profiles = profiles;
    const doc = this.doc;
    this.doc = null;
    if (doc) this.update(doc);
  }

  update(doc: SubtitleDocument): void {
    const previous = this.doc;
    const full = previous === null || previous.languages !== doc.languages
      || (previous.metadata.untimed === true) !== (doc.metadata.untimed === true);
    if (!full && previous.cues === doc.cues) {
      this.doc = doc;
      return;
    }
    const dirty = full ? doc.cues.map((_, i) => i) : this.changedIndices(doc);
    const byIndex = checkAt(doc, dirty, resolve(doc, this.profiles));
    const byCue = full ? new Map<string, Issue[]>() : this.pruned(doc);
    for (const [i, issues] of byIndex) byCue.set(doc.cues[i].id, issues);
    this.byCue = byCue;
    this.cues = doc.cues;
    this.doc = doc;
    this.sorted = null;
    this.lastChecked = dirty.length;
  }

  /** Indices whose problems may differ from last time (see the class comment). */
  private changedIndices(doc: SubtitleDocument): number[] {
    const before = new Map<string, { cue: Cue; nextId: string | undefined }>();
    this.cues.forEach((cue, i) => before.set(cue.id, { cue, nextId: this.cues[i + 1]?.id }));
    const dirty = new Set<number>();
    doc.cues.forEach((cue, i) => {
      const was = before.get(cue.id);
      if (was === undefined || was.cue !== cue) {
        dirty.add(i);
        if (i > 0) dirty.add(i - 1);
      } else if (was.nextId !== doc.cues[i + 1]?.id) {
        dirty.add(i);
      }
    });
    return [...dirty].sort((a, b) => a - b);
  }

  /** The kept results, without deleted cues. */
  private pruned(doc: SubtitleDocument): Map<string, Issue[]> {
    const ids = new Set(doc.cues.map((c) => c.id));
    for (const id of this.byCue.keys()) if (!ids.has(id)) this.byCue.delete(id);
    return this.byCue;
  }

  /** Every problem, document-wide ones first, then in cue order. */
  issues(): Issue[] {
    if (this.sorted === null) {
      const doc = this.doc;
      this.sorted = doc === null ? [] : [...untimedIssues(doc), ...doc.cues.flatMap((c) => this.byCue.get(c.id) ?? [])];
    }
    return this.sorted;
  }

  /** The problems of one cue (for a cue's marker or tooltip). */
  issuesOf(cueId: string): Issue[] {
    return this.byCue.get(cueId) ?? [];
  }
}
