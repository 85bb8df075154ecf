/**
 * The bilingual line budget. A bilingual delivery puts every language of a cue on screen at once, so the lines a
 * cue may take are shared: with one line per language (the common Chinese-over-English delivery) a Chinese text
 * on two lines is a problem even though each language's profile allows two. The document says which layout it is
 * delivered in (`metadata.linesPerLanguage`, set from the QC panel); QC, the re-break fix and bilingual exports
 * all read it from here.
 */
export type LinesPerLanguage = 1 | 2;

/** The document's bilingual layout: 1 or 2 lines per language, or null when it has not chosen (the profiles decide). */
export function documentLinesPerLanguage(metadata: Readonly<Record<string, unknown>>): LinesPerLanguage | null {
  const value = metadata.linesPerLanguage;
  return value === 1 || value === 2 ? value : null;
}

/**
 * Each language's profile with its line limit capped by the layout, when the document has two or more languages
 * (one language is not a bilingual delivery). Returns `profiles` itself when nothing changes.
 */
export function withLineBudget<P extends { maxLines: number }>(
  profiles: Record<string, P>, languageCount: number, lines: LinesPerLanguage | null,
): Record<string, P> {
  if (lines === null || languageCount < 2) return profiles;
  if (Object.values(profiles).every((p) => p.maxLines <= lines)) return profiles;
  const capped: Record<string, P> = Object.create(null) as Record<string, P>;
  for (const [lang, profile] of Object.entries(profiles)) {
    capped[lang] = profile.maxLines <= lines ? profile : { ...profile, maxLines: lines };
  }
  return capped;
}
