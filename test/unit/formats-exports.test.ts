/** Each format's registry entry owns its exports: the ids, labels and endings the CLI and the export dialog read. */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, formatTakesLegacyEncoding } from '../../src/shared/formats/export';
import { exportOfFileName, exportOfFormat, exportWriters, formats } from '../../src/shared/formats/registry';

describe('the exports on the format registry', () => {
  it('lists every export once, subtitles first (the order of --to and of the API)', () => {
    expect(EXPORT_FORMATS).toEqual(['srt', 'vtt', 'ass', 'ssa', 'sbv', 'lrc', 'ttml', 'microdvd', 'json', 'txt', 'duosub', 'chapters-vtt', 'chapters-json']);
    expect(new Set(EXPORT_FORMATS).size).toBe(EXPORT_FORMATS.length);
    // The contract's list is the registry's: every writer's id, in its order.
    expect(exportWriters.map((e) => e.writer.id)).toEqual([...EXPORT_FORMATS]);
  });

  it('writes back what each format read, by its own export', () => {
    expect(formats.map((f) => [f.id, exportOfFormat(f.id)])).toEqual([
      ['duosub', 'duosub'], ['srt', 'srt'], ['vtt', 'vtt'], ['ass', 'ass'], ['ssa', 'ssa'], ['transcript', 'txt'],
      ['sbv', 'sbv'], ['lrc', 'lrc'], ['ttml', 'ttml'], ['microdvd', 'microdvd'], ['json', 'json'],
    ]);
  });

  it('tells the export from a file name, longest ending first', () => {
    const cases: [string, string | null][] = [
      ['film.duosub.json', 'duosub'], ['film.chapters.json', 'chapters-json'], ['film.JSON', 'json'],
      ['film.chapters.vtt', 'chapters-vtt'], ['film.vtt', 'vtt'], ['film.dfxp', 'ttml'], ['film.ttml', 'ttml'],
      ['film.sub', 'microdvd'], ['film.txt', 'txt'], ['film.xml', null], ['film.mp4', null],
    ];
    for (const [name, id] of cases) expect([name, exportOfFileName(name)]).toEqual([name, id]);
  });

  it('allows a legacy encoding only where the format does not require UTF-8', () => {
    expect(EXPORT_FORMATS.filter(formatTakesLegacyEncoding)).toEqual(['srt', 'ass', 'ssa', 'sbv', 'lrc', 'microdvd', 'txt']);
    expect(formatTakesLegacyEncoding('mp4')).toBe(false);
  });
});
