/** The export dialog's formats, labels and fields come from the format registry (shared/formats/registry.ts). */
import { describe, expect, it } from 'vitest';
import { FORMAT_LABELS, isChapters, takesLanguage, takesLayout } from '../../../src/renderer/src/export/export-choice';

describe('export dialog formats', () => {
  it('gives the export dialog its formats, labels and fields from the registry', () => {
    expect(FORMAT_LABELS).toEqual([
      { format: 'srt', label: 'SubRip (.srt)' },
      { format: 'vtt', label: 'WebVTT (.vtt)' },
      { format: 'ass', label: 'Advanced SubStation (.ass)' },
      { format: 'txt', label: 'Transcript (.txt)' },
      { format: 'chapters-vtt', label: 'Chapters, WebVTT' },
      { format: 'chapters-json', label: 'Chapters, Podcasting 2.0 JSON' },
      { format: 'duosub', label: 'Duosub project (.duosub.json)' },
    ]);
    const offered = FORMAT_LABELS.map((f) => f.format);
    expect(offered.filter(takesLayout)).toEqual(['srt', 'vtt', 'ass']);
    expect(offered.filter(takesLanguage)).toEqual(['srt', 'vtt', 'ass', 'txt']);
    expect(offered.filter(isChapters)).toEqual(['chapters-vtt', 'chapters-json']);
  });
});
