/**
 * The bundled sample (resources/sample/excerpt.duosub.json, opened by `npm start`): subtitle-shaped cues within the
 * Netflix limits except the three defects planted on purpose and listed in resources/sample/README.md — and those
 * are exactly what QC (or, for the name, the Chinese) shows a newcomer, each one fixable.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { applyOperation } from '../../src/shared/operations';
import { readSubtitleText } from '../../src/shared/formats/registry';
import { planFix } from '../../src/shared/qc/fixes/plan';
import { documentProfiles } from '../../src/shared/qc/profiles';
import { checkDocument } from '../../src/shared/qc/run';
import { lineLength, visibleLines } from '../../src/shared/qc/text';

const SAMPLE_DIR = resolve(import.meta.dirname, '../../resources/sample');
const text = readFileSync(join(SAMPLE_DIR, 'excerpt.duosub.json'), 'utf8');
const readme = readFileSync(join(SAMPLE_DIR, 'README.md'), 'utf8');

/** The planted defects, by 1-based cue number, as README.md lists them. */
const LATE = 7;
const OVERLAPPING = 9;
const MISHEARD = 3;

function sample(): SubtitleDocument {
  const { doc, problems } = readSubtitleText(text, 'excerpt.duosub.json');
  expect(problems).toEqual([]);
  return doc;
}

/** QC problems as `cue N rule (lang)`, under the profiles the sample names. */
function problems(doc: SubtitleDocument): string[] {
  return checkDocument(doc, documentProfiles(doc)).map((i) => `cue ${doc.cues.findIndex((c) => c.id === i.cueId) + 1} ${i.rule}${i.lang ? ` (${i.lang})` : ''}`);
}

/** Length of the Ogg Opus file in ms: the last page's granule position (48 kHz samples) less the pre-skip. */
function opusDurationMs(path: string): number {
  const bytes = readFileSync(path);
  const head = bytes.indexOf('OpusHead');
  const lastPage = bytes.lastIndexOf('OggS');
  expect(head, `${path}: an Ogg Opus file`).toBeGreaterThan(0);
  const preSkip = bytes.readUInt16LE(head + 10);
  return ((Number(bytes.readBigUInt64LE(lastPage + 6)) - preSkip) / 48_000) * 1000;
}

describe('the bundled sample', () => {
  it('opens under the Netflix profiles, both languages in every cue, every time inside the audio', () => {
    const doc = sample();
    expect(doc.metadata.qcProfiles).toEqual({ en: 'netflix-en', 'zh-Hans': 'netflix-zh-hans' });
    expect(doc.metadata.untimed).toBe(false);
    expect(doc.cues.length).toBeGreaterThanOrEqual(15);
    const audioMs = opusDurationMs(join(SAMPLE_DIR, doc.media!.path));
    expect(Math.abs(doc.media!.duration! - audioMs)).toBeLessThan(50);
    for (const [i, cue] of doc.cues.entries()) {
      expect(cue.text['zh-Hans']?.trim(), `cue ${i + 1} zh-Hans`).toBeTruthy();
      expect(cue.text.en?.trim(), `cue ${i + 1} en`).toBeTruthy();
      expect(cue.start, `cue ${i + 1}`).toBeGreaterThanOrEqual(0);
      expect(cue.end, `cue ${i + 1}`).toBeGreaterThan(cue.start);
      expect(cue.end, `cue ${i + 1}`).toBeLessThanOrEqual(audioMs);
      if (i > 0) expect(cue.start, `cue ${i + 1} in order`).toBeGreaterThan(doc.cues[i - 1].start);
    }
  });

  it('is subtitle-shaped: every cue within the Netflix line, line-count and duration limits', () => {
    const doc = sample();
    const profiles = documentProfiles(doc);
    for (const [i, cue] of doc.cues.entries()) {
      expect(cue.end - cue.start, `cue ${i + 1} duration`).toBeGreaterThanOrEqual(833);
      expect(cue.end - cue.start, `cue ${i + 1} duration`).toBeLessThanOrEqual(7000);
      for (const lang of ['en', 'zh-Hans']) {
        const lines = visibleLines(cue.text[lang]);
        expect(lines.length, `cue ${i + 1} ${lang} lines`).toBeLessThanOrEqual(2);
        const longest = Math.max(...lines.map(lineLength));
        expect(longest, `cue ${i + 1} ${lang} line length`).toBeLessThanOrEqual(profiles[lang].charsPerLine);
      }
    }
  });

  it('QC shows exactly the planted timing defects: the late cue reads too fast, the overlap is an error', () => {
    expect(problems(sample())).toEqual([`cue ${LATE} cps (en)`, `cue ${OVERLAPPING} overlap`]);
  });

  it('has the misheard name in English only: the Chinese names him right, no other cue has a mishearing left', () => {
    const cue = sample().cues[MISHEARD - 1];
    expect(cue.text.en.replace(/\s+/g, ' ')).toContain('Sam Allman');
    expect(cue.text['zh-Hans']).toContain('萨姆·阿尔特曼');
    expect(text).not.toContain('Andrew Main');
  });

  it('is fixed by what a newcomer does: start the late cue at its speech, remove the overlap, correct the name', () => {
    let doc = sample();
    const late = doc.cues[LATE - 1];
    const before = doc.cues[LATE - 2];
    // 400 ms earlier is where the speech starts; the cue before still ends well clear of it.
    expect(late.start - 400 - before.end).toBeGreaterThanOrEqual(83);
    doc = applyOperation(doc, { type: 'setTimes', cueId: late.id, start: late.start - 400, end: late.end }).doc;
    const overlapping = doc.cues[OVERLAPPING - 1];
    doc = applyOperation(doc, planFix(doc, { rule: 'overlap', cueIds: [overlapping.id] }, documentProfiles(doc)).op).doc;
    const named = doc.cues[MISHEARD - 1];
    doc = applyOperation(doc, { type: 'setText', cueId: named.id, lang: 'en', text: named.text.en.replace('Sam Allman', 'Sam Altman') }).doc;
    expect(problems(doc)).toEqual([]);
  });

  it('README.md lists each planted defect with its cue number', () => {
    for (const n of [LATE, OVERLAPPING, MISHEARD]) expect(readme).toMatch(new RegExp(`\\| ${n} \\|`));
    expect(readme).toContain('Sam Allman');
  });
});
