/** A document remembers its QC profile per language (metadata.qcProfiles: language → profile id). */
import type { SubtitleDocument } from '../model';
import { profileById, type QcProfile } from '../qc/profiles';
import { languageLabel, makePlan, requireLanguage, type Plan } from './common';
import { CommandError } from './errors';

export function planSetProfile(doc: SubtitleDocument, lang: string, profileId: string, custom: QcProfile[] = []): Plan {
  requireLanguage(doc, lang);
  const profile = profileById(profileId, custom);
  if (!profile) throw new CommandError(`No QC profile "${profileId}"`);
  const current = (doc.metadata.qcProfiles ?? {}) as Record<string, string>;
  if (current[lang] === profileId) throw new CommandError(`${languageLabel(doc, lang)} already uses ${profile.name}`);
  const value = { ...current, [lang]: profileId };
  return makePlan([{ type: 'setMetadata', key: 'qcProfiles', value }], `QC profile for ${languageLabel(doc, lang)}: ${profile.name}`, null);
}
