import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cue, SubtitleDocument } from '../../src/shared/model';
import { assFormat, assPlainText, formatAssTime, parseAss, parseAssTime, serializeAss } from '../../src/shared/formats/ass';
import type { AssEvent, AssScript } from '../../src/shared/formats/ass-model';
import { detectFormat, formatById, readSubtitleText } from '../../src/shared/formats/registry';
import { exportSampleDoc } from './export-helpers';

const head = '[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n';
const assFixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/formats/ass/${name}`, import.meta.url)), 'utf8');
const texts = (doc: SubtitleDocument, lang: string) => doc.cues.map((c) => c.text[lang]);
const extraOf = (cue: Cue) => cue.extra?.ass as AssEvent;

describe('ASS times', () => {
  it('writes H:MM:SS.cc, rounding to the nearest centisecond (halves up)', () => {
    expect(formatAssTime(0)).toBe('0:00:00.00');
    expect(formatAssTime(1004)).toBe('0:00:01.00');
    expect(formatAssTime(1005)).toBe('0:00:01.01');
    expect(formatAssTime(59_999)).toBe('0:01:00.00');
    expect(formatAssTime(3_723_450)).toBe('1:02:03.45');
  });

  it('reads centiseconds, and other fraction lengths as decimal fractions; a minus sign is negative', () => {
    expect(parseAssTime('1:02:03.45')).toBe(3_723_450);
    expect(parseAssTime('0:00:01.5')).toBe(1500);
    expect(parseAssTime('0:00:01')).toBe(1000);
    expect(parseAssTime('-0:00:01.00')).toBe(-1000);
    expect(parseAssTime('0:61:00.00')).toBeNull();
    expect(parseAssTime('99999:00:00.00')).toBe(99_999 * 3_600_000);
  });
});

describe('ASS reading', () => {
  it('plain text drops override tags and comments, keeps line breaks, hard spaces and escaped braces', () => {
    expect(assPlainText('{\\an8}{\\b1}Hi{\\b0}\\Nthere\\hyou {note}\\{x\\}')).toBe('Hi\nthere you {x}');
    expect(assPlainText('{\\p1}m 0 0 l 1 1{\\p0}芯片')).toBe('芯片');
  });

  it('reads a one-language script whose styles are not language codes; markup converted, commas stay in the text', () => {
    const text = `${head}Dialogue: 0,0:00:01.00,0:00:02.50,Default,Ann,0,0,0,,Hello, {\\i1}world{\\i0}\nDialogue: 0,0:00:03.00,0:00:04.00,Sign,,0,0,0,,Exit\n`;
    const { doc, problems, languagesFromFile } = parseAss(text, 'fr');
    expect(problems).toEqual([]);
    expect(languagesFromFile).toBeUndefined();
    expect(doc.languages.map((l) => l.code)).toEqual(['fr']);
    expect(doc.cues.map((c) => [c.start, c.end, c.text.fr])).toEqual([[1000, 2500, 'Hello, <i>world</i>'], [3000, 4000, 'Exit']]);
    expect(doc.speakers.map((s) => s.name)).toEqual(['Ann']);
    expect(doc.cues[1].speaker).toBeNull();
    expect(extraOf(doc.cues[1])).toMatchObject({ layer: '0', style: 'Sign', marginL: '0', marginR: '0', marginV: '0', effect: '' });
  });

  it('reports bad events with their line numbers; reversed and negative times are kept and flagged', () => {
    const text = `${head}Dialogue: 0,0:00:0x.00,0:00:02.00,en,,0,0,0,,bad\nDialogue: 0,0:00:05.00,0:00:04.00,en,,0,0,0,,backwards\nDialogue: 0,0:00:01.00\nDialogue: 0,-0:00:01.00,0:00:07.00,en,,0,0,0,,good\n`;
    const { doc, problems } = parseAss(text, 'en');
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[6, 'error'], [7, 'error'], [8, 'error'], [9, 'warning']]);
    expect(problems[0].message).toMatch(/^bad time "0:00:0x.00"/);
    expect(problems[1].message).toMatch(/ends before it starts/);
    expect(doc.cues.map((c) => [c.start, c.end, c.text.en])).toEqual([[0, 7000, 'good'], [5000, 4000, 'backwards']]);
    // The unreadable lines are kept and written back as they were.
    expect(assFormat.serialize!(doc)).toBe(text);
  });

  it('a script without [Events] is an error', () => {
    expect(parseAss('[Script Info]\nTitle: x\n', 'en').problems).toEqual([{ line: 0, message: 'no [Events] section', severity: 'error' }]);
  });

  it('is detected by its [Script Info] header whatever the file name', () => {
    expect(detectFormat(serializeAss(exportSampleDoc(), ['en']), 'x.txt')?.id).toBe('ass');
  });
});

describe('ASS round trip: read, write, same bytes', () => {
  for (const name of ['anime-top-bot.ass', 'bilingual-zh-en.ass', 'drawings.ass']) {
    it(`${name} through the format and through the registry`, () => {
      const text = assFixture(name);
      expect(assFormat.serialize!(assFormat.parse(text).doc)).toBe(text);
      const read = readSubtitleText(text, name);
      expect(formatById(read.format).serialize!(read.doc)).toBe(text);
    });
  }

  it('keeps [Script Info] keys, styles, unknown sections, comments and drawings in the document metadata', () => {
    const script = parseAss(assFixture('anime-top-bot.ass'), 'en').doc.metadata.ass as AssScript;
    const kept = script.kept.map((k) => k.line);
    expect(kept).toContain('; Script generated by Aegisub 3.2.2');
    expect(kept).toContain('[Aegisub Project Garbage]');
    expect(kept).toContain('[Fonts]');
    expect(kept.filter((l) => l.startsWith('Comment:'))).toHaveLength(2);
    expect(script.styles).toEqual(['bot', 'top', 'Sign']);
  });

  it('an edited cue is converted; every other event stays byte for byte', () => {
    const text = assFixture('anime-top-bot.ass');
    const { doc } = parseAss(text, 'en');
    doc.cues[0] = { ...doc.cues[0], start: 2305, text: { en: 'Is the <i>lamp</i> still burning?\nReally?' } };
    const out = serializeAss(doc, ['en']);
    expect(out).toContain('Dialogue: 0,0:00:02.31,0:00:04.90,bot,Hana,0,0,0,,Is the {\\i1}lamp{\\i0} still burning?\\NReally?\n');
    const changed = out.split('\n').filter((l, i) => l !== text.split('\n')[i]);
    expect(changed).toHaveLength(1);
  });

  it('a new cue goes after the cue before it; a changed time is rounded to 10 ms; a new speaker is written', () => {
    const { doc } = parseAss(assFixture('anime-top-bot.ass'), 'en');
    doc.speakers.push({ id: 'new', name: 'Narrator, old', color: '#000' });
    doc.cues.splice(1, 0, { id: 'x', start: 4904, end: 5006, speaker: 'new', text: { en: '<b>Beat.</b>' } });
    const lines = serializeAss(doc, ['en']).split('\n');
    const at = lines.findIndex((l) => l.includes('Beat'));
    expect(lines[at - 1]).toContain('Is the lamp still burning?');
    expect(lines[at]).toBe('Dialogue: 0,0:00:04.90,0:00:05.01,bot,Narrator， old,0,0,0,,{\\b1}Beat.{\\b0}');
  });

  it('a deleted cue leaves no event; a changed title is written in [Script Info]', () => {
    const { doc } = parseAss(assFixture('anime-top-bot.ass'), 'en');
    doc.cues = doc.cues.filter((c) => !c.text.en.includes('flicker'));
    doc.metadata.title = '第三集';
    const out = serializeAss(doc, ['en']);
    expect(out).not.toContain('flicker');
    expect(out).toContain('\nTitle: 第三集\n');
    expect(out).not.toContain('The Lighthouse');
  });

  it('SRT italics become ASS overrides, never literal tags', () => {
    const srt = readSubtitleText('1\n00:00:01,000 --> 00:00:02,000\n<i>芯片</i> and <b>chips</b>\n', 'a.srt', { lang: 'en' });
    const out = serializeAss(srt.doc, ['en']);
    expect(out).toContain(',{\\i1}芯片{\\i0} and {\\b1}chips{\\b0}\n');
    expect(out).not.toMatch(/<\/?[ib]>/);
  });
});

describe('ASS drawings', () => {
  const { doc, problems } = parseAss(assFixture('drawings.ass'), 'en');

  it('a pure drawing is no cue; text around a drawing keeps only the text', () => {
    expect(texts(doc, 'en')).not.toContainEqual(expect.stringMatching(/m 0 0/));
    expect(texts(doc, 'en')).toContain('Look here!');
    expect(doc.cues.filter((c) => c.start === 1000)).toHaveLength(1);
  });

  it('WrapStyle 2 makes \\n a line break; the empty event is an empty cue', () => {
    expect(doc.cues[0].text.en).toBe('{\\pos(300,560)}芯片工厂\nChip Factory');
    expect(doc.cues.at(-1)!.text).toEqual({ en: '' });
  });

  it('negative and reversed times are kept and flagged with their lines', () => {
    expect(problems.map((p) => p.line)).toEqual([20, 20, 21]);
    expect(doc.cues.find((c) => c.text.en === 'reversed times')).toMatchObject({ start: 14_000, end: 12_000 });
  });

  it('an edited mixed event is written with its text only (the drawing stays out of the text)', () => {
    const edited = { ...doc, cues: doc.cues.map((c) => (c.text.en === 'Look here!' ? { ...c, text: { en: 'Look there!' } } : c)) };
    const out = serializeAss(edited, ['en']);
    expect(out).toContain(',Default,Ann,0,0,0,,Look there!\n');
    expect(out).toContain('{\\an7\\pos(100,500)\\p1}m 0 0 l 400 0 400 120 0 120{\\p0}');
  });
});

describe('ASS styles as languages', () => {
  it('two styles at the same times in Han and Latin open as zh-Hans and en, named from the text', () => {
    const read = readSubtitleText(assFixture('bilingual-zh-en.ass'), 'a.ass');
    expect(read.languagesFromFile).toBe(true);
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.cues).toHaveLength(6);
    const cue = read.doc.cues.find((c) => c.start === 10_300)!;
    expect(cue.text).toEqual({ 'zh-Hans': '因为有人让它“活着”——萨姆·奥尔特曼。', en: 'Because someone keeps it "alive" -- Sam Altman.' });
    expect(read.doc.speakers.find((s) => s.id === cue.speaker)?.name).toBe('海');
    // The staff credit (a third style, Chinese text) is a cue of its own in Chinese.
    expect(read.doc.cues[0].text).toEqual({ 'zh-Hans': '{\\fad(500,500)}本字幕仅供学习交流' });
  });

  it('writing it back gives one event per language in its own style, where it was', () => {
    const original = assFixture('bilingual-zh-en.ass').split('\n');
    const { doc } = parseAss(original.join('\n'), 'x');
    const cue = doc.cues.find((c) => c.start === 13_400)!;
    cue.text = { 'zh-Hans': '{\\an8}是谁？', en: '{\\an8}<i>Who</i>?' };
    const out = serializeAss(doc, ['zh-Hans', 'en']).split('\n');
    expect(out.filter((l, i) => l !== original[i])).toHaveLength(2);
    expect(out[original.indexOf('Dialogue: 0,0:00:13.40,0:00:15.00,Dial-CN,花,0,0,0,,{\\an8}谁？')]).toBe('Dialogue: 0,0:00:13.40,0:00:15.00,Dial-CN,花,0,0,0,,{\\an8}是谁？');
    expect(out[original.indexOf('Dialogue: 0,0:00:13.40,0:00:15.00,Dial-EN,花,0,0,0,,{\\an8}Who?')]).toBe('Dialogue: 0,0:00:13.40,0:00:15.00,Dial-EN,花,0,0,0,,{\\an8\\i1}Who{\\i0}?');
    // One language written: the other style's events are left out, the rest is kept.
    const en = serializeAss(doc, ['en']);
    expect(en).not.toContain('灯还亮着吗');
    expect(en).toContain('Style: Dial-CN,');
  });

  it('a language added since gets a style of its own and events in it, next to the others', () => {
    const { doc } = parseAss(assFixture('bilingual-zh-en.ass'), 'x');
    doc.languages.push({ code: 'ja', name: '日本語' });
    doc.cues[1].text.ja = 'ランプはまだ？';
    const out = serializeAss(doc, ['zh-Hans', 'en', 'ja']);
    expect(out).toContain('Style: Staff,Arial,36,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,9,10,10,10,1\nStyle: ja,Noto Sans CJK SC,60,');
    expect(out).toContain('Dialogue: 0,0:00:02.31,0:00:04.90,ja,花,0,0,0,,ランプはまだ？\n');
  });

  it('a one-language script given a second language writes both in each cue\'s one event', () => {
    const { doc } = parseAss(assFixture('anime-top-bot.ass'), 'en');
    doc.languages.push({ code: 'zh-Hans', name: '中文' });
    doc.cues[0].text['zh-Hans'] = '灯还亮着吗？';
    const out = serializeAss(doc, ['zh-Hans', 'en']);
    expect(out).toContain('Dialogue: 0,0:00:02.31,0:00:04.90,bot,Hana,0,0,0,,灯还亮着吗？\\NIs the lamp still burning?\n');
    expect(out).toContain('Dialogue: 0,0:00:05.02,0:00:07.44,bot,Kai,0,0,0,,It hasn\'t gone out\\Nin forty years.\n');
  });

  it('styles named by language codes are used as they are', () => {
    const text = `${head}Dialogue: 0,0:00:01.00,0:00:02.00,zh-Hant,,0,0,0,,燈還亮著嗎？\nDialogue: 0,0:00:01.00,0:00:02.00,en,,0,0,0,,Is the lamp on?\n`;
    expect(parseAss(text, 'x').doc.languages.map((l) => l.code)).toEqual(['zh-Hant', 'en']);
  });

  it('a style named by a code that does not fit its script is named from the text (Traditional here)', () => {
    const text = `${head}Dialogue: 0,0:00:01.00,0:00:02.00,en,,0,0,0,,燈還亮著嗎？這個說法\nDialogue: 0,0:00:01.00,0:00:02.00,Sub2,,0,0,0,,Is the lamp on?\n`;
    expect(parseAss(text, 'x').doc.languages.map((l) => l.code)).toEqual(['zh-Hant', 'en']);
  });

  it('one style holding both languages in each event opens bilingual (the registry splits it) and is written back the same', () => {
    const lines = ['灯还亮着吗？\\NIs the lamp on?', '四十年了。\\NForty years.', '{\\an8}谁？\\NWho?'];
    const text = head + lines.map((t, i) => `Dialogue: 0,0:00:0${i + 1}.00,0:00:0${i + 2}.00,Default,,0,0,0,,${t}`).join('\n') + '\n';
    const read = readSubtitleText(text, 'a.ass');
    expect(read.doc.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.doc.cues[2].text).toEqual({ 'zh-Hans': '{\\an8}谁？', en: 'Who?' });
    expect(assFormat.serialize!(read.doc)).toBe(text);
  });

  it('top/bot styles in one language stay styles: one language, each cue keeps its style', () => {
    const read = readSubtitleText(assFixture('anime-top-bot.ass'), 'a.ass');
    expect(read.languagesFromFile).toBeFalsy();
    expect(read.doc.languages.map((l) => l.code)).toEqual(['en']);
    expect(read.doc.cues.map((c) => extraOf(c).style)).toEqual(['bot', 'bot', 'top', 'bot', 'Sign', 'bot', 'bot', 'bot']);
  });

  it('Chinese and English styles that are mostly not at the same times stay styles', () => {
    // One subtitle of five pairs up (0:00:01–0:00:02); the rest are at their own times.
    const zh = ['灯还亮着吗？', '四十年了。', '谁？', '芯片。', '萨姆·奥尔特曼'].map((t, i) => `Dialogue: 0,0:00:0${i + 1}.00,0:00:0${i + 2}.00,top,,0,0,0,,${t}`);
    const en = ['Is the lamp on?', 'Forty years.', 'Who?', 'Chips.', 'Sam Altman'].map((t, i) => `Dialogue: 0,0:00:0${i + 1}.${i === 0 ? '00' : '50'},0:00:0${i + 2}.00,bot,,0,0,0,,${t}`);
    const { doc, languagesFromFile } = parseAss(head + [...zh, ...en].join('\n') + '\n', 'en');
    expect(languagesFromFile).toBeUndefined();
    expect(doc.cues).toHaveLength(10);
  });

  it('Duosub\'s own bilingual export re-opens to the same document, any language order', () => {
    const doc = exportSampleDoc();
    for (const order of [['zh-Hans', 'en'], ['en', 'zh-Hans']]) {
      const back = readSubtitleText(serializeAss(doc, order), 'a.ass').doc;
      expect(back.languages.map((l) => l.code)).toEqual(order);
      expect(back.cues.map((c) => [c.start, c.end, c.text['zh-Hans'], c.text.en])).toEqual(doc.cues.map((c) => [c.start, c.end, c.text['zh-Hans'], c.text.en]));
    }
  });

  it('two Latin languages named by their codes (Duosub\'s own export) are two languages too', () => {
    const doc = exportSampleDoc();
    doc.languages = [{ code: 'fr', name: 'Français' }, { code: 'en', name: 'English' }];
    doc.cues = doc.cues.map((c) => ({ ...c, text: { fr: `Bonjour ${c.id}`, en: c.text.en } }));
    const back = parseAss(serializeAss(doc, ['fr', 'en']), 'x');
    expect(back.doc.languages.map((l) => l.code)).toEqual(['fr', 'en']);
    expect(texts(back.doc, 'fr')).toEqual(texts(doc, 'fr'));
  });
});

describe('ASS property: doc → ASS → doc', () => {
  const han = fc.constantFrom(...'芯片萨姆奥尔特曼灯塔四十年字幕今天我们聊'.split(''), '·', '“', '”', '——', '，', '。');
  const latin = fc.constantFrom('chip', 'Sam', 'Altman', 'lamp', 'forty', 'years', 'OK', "it's", '{x}', '2024', '!');
  const line = (unit: fc.Arbitrary<string>, sep: string) => fc.array(unit, { minLength: 1, maxLength: 6 }).map((u) => u.join(sep));
  const styled = (text: fc.Arbitrary<string>) =>
    fc.tuple(text, fc.constantFrom('', '<i>', '<b>')).map(([t, tag]) => (tag ? `${tag}${t}</${tag.slice(1)}` : t));
  // A position is only ever at the start of the text (the internal form).
  const textOf = (unit: fc.Arbitrary<string>, sep: string) =>
    fc.tuple(fc.array(styled(line(unit, sep)), { minLength: 1, maxLength: 2 }), fc.constantFrom('', '{\\an8}')).map(([l, an]) => an + l.join('\n'));
  const zh = textOf(han, '');
  const en = textOf(latin, ' ');

  /** Cues at distinct, increasing times (any millisecond), speakers from a small set, now and then an empty cue. */
  const docArb = fc.boolean().chain((bilingual) => {
    const codes = bilingual ? ['zh-Hans', 'en'] : ['en'];
    const cueText = bilingual ? fc.record({ 'zh-Hans': zh, en }) : fc.record({ en: fc.oneof(en, zh) });
    const cue = fc.record({
      gap: fc.integer({ min: 1, max: 5000 }),
      length: fc.integer({ min: 0, max: 8000 }),
      offset: fc.integer({ min: 0, max: 4 }),
      speaker: fc.constantFrom(null, 's1', 's2'),
      text: fc.oneof({ weight: 9, arbitrary: cueText }, { weight: 1, arbitrary: fc.constant({}) }),
    });
    return fc.array(cue, { minLength: 1, maxLength: 25 }).map((raw): SubtitleDocument => {
      let at = 0;
      const cues = raw.map((c, i) => {
        at += c.gap * 10;
        return { id: `c${i + 1}`, start: at + c.offset, end: at + c.offset + c.length, speaker: c.speaker, text: c.text as Record<string, string> };
      });
      const speakers = [{ id: 's1', name: '萨姆', color: '#000' }, { id: 's2', name: 'Ann', color: '#111' }];
      return { languages: codes.map((code) => ({ code, name: code })), cues, speakers, chapters: [], media: null, metadata: {} };
    });
  });

  it('keeps the cues, their times to 10 ms, speakers and every text', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const codes = doc.languages.map((l) => l.code);
        const back = parseAss(serializeAss(doc, codes), codes[0]).doc;
        const nearest = (ms: number) => Math.round(ms / 10) * 10;
        const speaker = (d: SubtitleDocument, id: string | null) => d.speakers.find((s) => s.id === id)?.name ?? null;
        expect(back.languages.map((l) => l.code)).toEqual(codes);
        expect(back.cues.map((c) => [c.start, c.end, speaker(back, c.speaker), ...codes.map((l) => c.text[l] ?? '')])).toEqual(
          doc.cues.map((c) => [nearest(c.start), nearest(c.end), speaker(doc, c.speaker), ...codes.map((l) => c.text[l] ?? '')]),
        );
        // Written again, the read document gives the same bytes.
        expect(serializeAss(back, codes)).toBe(serializeAss(doc, codes));
      }),
      { numRuns: 300 },
    );
  });
});

describe('ASS on big inputs (linear)', () => {
  it('reads and writes back 100,000 events', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `Dialogue: 0,${formatAssTime(i * 1000)},${formatAssTime(i * 1000 + 900)},Default,,0,0,0,,{\\i1}第${i}句{\\i0} line ${i}`);
    const text = head + lines.join('\n') + '\n';
    const { doc } = parseAss(text, 'en');
    expect(doc.cues).toHaveLength(100_000);
    expect(doc.cues[99_999].text.en).toBe('<i>第99999句</i> line 99999');
    expect(serializeAss(doc, ['en'])).toBe(text);
  });

  it('reads a 10 MB line of braces, backslashes and commas', () => {
    const junk = '{\\i1,'.repeat(2_000_000);
    const { doc } = parseAss(`${head}Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,${junk}\n`, 'en');
    expect(doc.cues).toHaveLength(1);
  });
});
