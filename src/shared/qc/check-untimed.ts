/** A document whose times are provisional (a transcript without timings): timing rules are meaningless until it is aligned. */
import type { SubtitleDocument } from '../model';
import type { Issue } from './types';

export function untimedIssues(doc: SubtitleDocument): Issue[] {
  if (doc.metadata.untimed !== true) return [];
  return [{
    cueId: null, lang: null, rule: 'untimed', severity: 'warning', value: 'untimed', limit: 'timed',
    message: 'The cue times are provisional (the source had none); timing and reading-speed checks are skipped until it is aligned',
  }];
}
