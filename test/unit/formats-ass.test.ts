import { describe, expect, it } from 'vitest';
import { assPlainText, formatAssTime, parseAss, parseAssTime, serializeAss } from '../../src/shared/formats/ass';
import { detectFormat } from '../../src/shared/formats/registry';
import { exportSampleDoc } from './export-helpers';

const head = '[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n';

describe('ASS times', () => {
  it('writes H:MM:SS.cc, rounding to the nearest centisecond (halves up)', () => {
    expect(formatAssTime(0)).toBe('0:00:00.00');
    expect(formatAssTime(1004)).toBe('0:00:01.00');
    expect(formatAssTime(1005)).toBe('0:00:01.01');
    expect(formatAssTime(59_999)).toBe('0:01:00.00');
    expect(formatAssTime(3_723_450)).toBe('1:02:03.45');
  });

  it('reads centiseconds, and other fraction lengths as decimal fractions', () => {
    expect(parseAssTime('1:02:03.45')).toBe(3_723_450);
    expect(parseAssTime('0:00:01.5')).toBe(1500);
    expect(parseAssTime('0:00:01')).toBe(1000);
    expect(parseAssTime('0:61:00.00')).toBeNull();
  });
});

describe('ASS reading', () => {
  it('drops override tags and comments, keeps line breaks, hard spaces and escaped braces', () => {
    expect(assPlainText('{\\an8}{\\b1}Hi{\\b0}\\Nthere\\hyou {note}\\{x\\}')).toBe('Hi\nthere you {x}');
  });

  it('reads a one-language script whose styles are not language codes; commas stay in the text', () => {
    const text = `${head}Dialogue: 0,0:00:01.00,0:00:02.50,Default,Ann,0,0,0,,Hello, {\\i1}world{\\i0}\nDialogue: 0,0:00:03.00,0:00:04.00,Sign,,0,0,0,,Exit\n`;
    const { doc, problems } = parseAss(text, 'fr');
    expect(problems).toEqual([]);
    expect(doc.languages.map((l) => l.code)).toEqual(['fr']);
    expect(doc.cues.map((c) => [c.start, c.end, c.text.fr])).toEqual([[1000, 2500, 'Hello, world'], [3000, 4000, 'Exit']]);
    expect(doc.speakers.map((s) => s.name)).toEqual(['Ann']);
    expect(doc.cues[1].speaker).toBeNull();
  });

  it('reports bad events with their line numbers and reads the rest', () => {
    const text = `${head}Dialogue: 0,0:00:0x.00,0:00:02.00,en,,0,0,0,,bad\nDialogue: 0,0:00:05.00,0:00:04.00,en,,0,0,0,,backwards\nDialogue: 0,0:00:01.00\nDialogue: 0,0:00:06.00,0:00:07.00,en,,0,0,0,,good\n`;
    const { doc, problems } = parseAss(text, 'en');
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[6, 'error'], [7, 'error'], [8, 'error']]);
    expect(problems[0].message).toBe('bad time "0:00:0x.00"');
    expect(doc.cues.map((c) => c.text.en)).toEqual(['good']);
  });

  it('a script without [Events] is an error', () => {
    expect(parseAss('[Script Info]\nTitle: x\n', 'en').problems).toEqual([{ line: 0, message: 'no [Events] section', severity: 'error' }]);
  });

  it('is detected by its [Script Info] header whatever the file name', () => {
    expect(detectFormat(serializeAss(exportSampleDoc(), ['en']), 'x.txt')?.id).toBe('ass');
  });
});

describe('ASS writing', () => {
  it('escapes braces and writes line breaks as \\N; reading gives the text back', () => {
    const doc = exportSampleDoc();
    doc.cues = [{ id: 'c1', start: 0, end: 1000, speaker: null, text: { en: 'a {b}\n\nc' } }];
    const text = serializeAss(doc, ['en']);
    expect(text).toContain(',en,,0,0,0,,a \\{b\\}\\Nc\n');
    expect(parseAss(text, 'x').doc.cues[0].text).toEqual({ en: 'a {b}\nc' });
  });

  it('names a missing language', () => {
    expect(() => serializeAss(exportSampleDoc(), ['fr'])).toThrow(/no language "fr"/);
  });
});
