import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { assFormat } from '../../src/shared/formats/ass';
import type { AssEvent } from '../../src/shared/formats/ass-model';
import { detectFormat, readSubtitleText } from '../../src/shared/formats/registry';
import { ssaFormat } from '../../src/shared/formats/ssa';
import { exportSampleDoc } from './export-helpers';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/formats/ass/${name}`, import.meta.url)), 'utf8');
const cueRows = (doc: SubtitleDocument) => doc.cues.map((c) => [c.start, c.end, ...doc.languages.map((l) => c.text[l.code])]);

describe('SSA v4 reading', () => {
  const text = fixture('legacy.ssa');

  it('is detected as ssa by its ScriptType and [V4 Styles], ASS as ass', () => {
    expect(detectFormat(text, 'film.txt')?.id).toBe('ssa');
    expect(detectFormat(text, 'film.ass')?.id).toBe('ssa');
    expect(detectFormat(fixture('anime-top-bot.ass'), 'film.ssa')?.id).toBe('ass');
    expect(detectFormat('Dialogue: Marked=0,0:00:01.00,0:00:02.00,Default,,0,0,0,,x\n', 'film.ssa')?.id).toBe('ssa');
  });

  it('reads Marked events, legacy alignment as the numpad, markup converted', () => {
    const { doc, problems } = ssaFormat.parse(text);
    expect(problems).toEqual([]);
    expect(cueRows(doc)).toEqual([
      [1000, 3000, '{\\an8}The Old Lighthouse'],
      [3500, 6000, 'Is the lamp still <i>burning</i>?'],
      [6200, 9000, "It hasn't gone out\nin forty years."],
    ]);
    expect((doc.cues[1].extra?.ass as AssEvent).layer).toBe('Marked=0');
  });

  it('round-trips byte for byte, through the format and the registry', () => {
    expect(ssaFormat.serialize!(ssaFormat.parse(text).doc)).toBe(text);
    const read = readSubtitleText(text, 'legacy.ssa');
    expect(read.format).toBe('ssa');
    expect(ssaFormat.serialize!(read.doc)).toBe(text);
  });

  it('an edited cue is written with SSA legacy alignment', () => {
    const { doc } = ssaFormat.parse(text);
    doc.cues[0].text.en = '{\\an8}<i>The New Lighthouse</i>';
    expect(ssaFormat.serialize!(doc)).toContain('Dialogue: Marked=0,0:00:01.00,0:00:03.00,Title,,0000,0000,0000,,{\\a6\\i1}The New Lighthouse{\\i0}\n');
  });
});

describe('SSA v4 writing', () => {
  it("Duosub's own bilingual SSA has v4.00, [V4 Styles] and Marked, and re-opens to the same document", () => {
    const doc = exportSampleDoc();
    const text = ssaFormat.serialize!(doc, { langs: ['zh-Hans', 'en'] });
    expect(text).toContain('ScriptType: v4.00\n');
    expect(text).toContain('[V4 Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding\n');
    expect(text).toContain('Style: en,Arial,52,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,1,3,1,2,60,60,40,0,1\n');
    expect(text).toContain('Dialogue: Marked=0,0:00:00.00,0:00:01.50,zh-Hans,Speaker 0,0,0,0,,大家好，欢迎收听。\n');
    const back = readSubtitleText(text, 'a.ssa');
    expect(back.format).toBe('ssa');
    expect(back.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(cueRows(back.doc)).toEqual(cueRows(doc));
  });

  it('an ASS script written as SSA converts its styles (alignment 8 → 6) and Format lines, and back', () => {
    const ass = fixture('anime-top-bot.ass');
    const { doc } = assFormat.parse(ass);
    const ssa = ssaFormat.serialize!(doc);
    expect(ssa).toContain('ScriptType: v4.00\n');
    expect(ssa).toContain('[V4 Styles]\n');
    expect(ssa).toContain('Style: top,Open Sans Semibold,72,&H00FFFFFF,&H000000FF,&H00020713,&H00000000,-1,0,1,3.6,1.5,6,180,180,54,0,1\n');
    expect(ssa).toContain('Comment: Marked=0,0:00:00.00,0:00:00.00,bot,,0,0,0,,TL: Mira  TLC: Jun  Timing: Ash\n');
    expect(ssa).toContain('Dialogue: Marked=0,0:00:02.31,0:00:04.90,bot,Hana,0,0,0,,Is the lamp still burning?\n');
    expect(ssa).toContain('[Aegisub Project Garbage]\n');
    const back = ssaFormat.parse(ssa).doc;
    expect(cueRows(back)).toEqual(cueRows(doc));
    expect(assFormat.serialize!(back)).toContain('Style: top,Open Sans Semibold,72,&H00FFFFFF,&H000000FF,&H00020713,&H00000000,-1,0,0,0,100,100,0,0,1,3.6,1.5,8,180,180,54,1\n');
  });

  it('an SSA script written as ASS gets layer 0, v4.00+ and [V4+ Styles]', () => {
    const { doc } = ssaFormat.parse(fixture('legacy.ssa'));
    const ass = assFormat.serialize!(doc);
    expect(ass).toContain('ScriptType: v4.00+\n');
    expect(ass).toContain('Style: Title,Tahoma,28,65535,65535,65535,-2147483640,-1,-1,0,0,100,100,0,0,1,2,2,8,30,30,10,0\n');
    expect(ass).toContain('Dialogue: 0,0:00:01.00,0:00:03.00,Title,,0000,0000,0000,,{\\a6}The Old Lighthouse\n');
    expect(cueRows(assFormat.parse(ass).doc)).toEqual(cueRows(doc));
  });
});
