/** A document remembers its QC profile per language (metadata.qcProfiles: language → profile id). */
import type { SubtitleDocument } from '../model';
import { profileById, type QcProfile } from '../qc/profiles';
import { languageLabel, requireLanguage } from '../plan/cues';
import { makePlan, type Plan } from '../plan/plan';
import { CommandError } from '../plan/errors';

export function planSetProfile(doc: SubtitleDocument, lang: string, profileId: string, custom: QcProfile[] = []): Plan {
  requireLanguage(doc, lang);
  const profile = profileById(profileId, custom);
  if (!profile) throw new CommandError(`No QC profile "${profileId}"`);
  const current = (doc.metadata.qcProfiles ?? {}) as Record<string, string>;
  if (current[lang] === profileId) throw new CommandError(`${languageLabel(doc, lang)} already uses ${profile.name}`);
  const value = { ...current, [lang]: profileId };
  return makePlan([{ type: 'setMetadata', key: 'qcProfiles', value }], `QC profile for ${languageLabel(doc, lang)}: ${profile.name}`, null);
}
