import { describe, expect, it } from 'vitest';
import { assToMarkup } from '../../src/shared/formats/ass-text';
import { markupToAss } from '../../src/shared/formats/ass-text-write';
import { alignmentOf, dropOverrides, plainText, toSrtMarkup } from '../../src/shared/text/markup';

const read = (raw: string) => assToMarkup(raw).markup;

describe('internal markup helpers', () => {
  it('finds the leading position', () => {
    expect(alignmentOf('{\\an8}芯片')).toBe(8);
    expect(alignmentOf('芯片{\\an8}')).toBeNull();
  });

  it('SRT keeps basic tags and the leading position, drops other overrides and WebVTT spans', () => {
    expect(toSrtMarkup('{\\an8}<i>{\\pos(1,2)}“引号”</i><c.yellow>——</c>')).toBe('{\\an8}<i>“引号”</i>——');
    expect(dropOverrides('{\\an8}{\\fad(1,2)}x')).toBe('x');
  });

  it('plain text drops every tag and override', () => {
    expect(plainText('{\\an8}<i>萨姆·奥尔特曼</i> <font color="#ff0000">OpenAI</font>{\\fs20}')).toBe('萨姆·奥尔特曼 OpenAI');
  });

  it('stays linear on unclosed tags and braces (a long line of them)', () => {
    const junk = '{\\'.repeat(200_000) + '<font'.repeat(100_000) + '<c.'.repeat(100_000);
    expect(plainText(junk).length).toBe(junk.length);
  });
});

describe('ASS overrides → internal markup', () => {
  it('converts italic, bold, underline and strike-out, in Chinese and English', () => {
    expect(read('{\\i1}芯片{\\i0}工厂')).toBe('<i>芯片</i>工厂');
    expect(read('{\\b1}Bold{\\b0} and {\\u1}under{\\u0} and {\\s1}struck{\\s0}')).toBe('<b>Bold</b> and <u>under</u> and <s>struck</s>');
    expect(read('{\\b700}重{\\b400}轻')).toBe('<b>重</b>轻');
  });

  it('closes what ASS leaves open and nests what ASS overlaps', () => {
    expect(read('{\\i1}to the end')).toBe('<i>to the end</i>');
    expect(read('{\\i1}a{\\b1}b{\\i0}c{\\b0}d')).toBe('<i>a<b>b</b></i><b>c</b>d');
    expect(read('{\\i1\\b1}x{\\r}y')).toBe('<i><b>x</b></i>{\\r}y');
  });

  it('turns primary colours into font colours (BGR → RGB) and resets them', () => {
    expect(read('{\\c&H0000FF&}红{\\c}白')).toBe('<font color="#ff0000">红</font>白');
    expect(read('{\\1c&HFF0000&}blue')).toBe('<font color="#0000ff">blue</font>');
    expect(read('{\\3c&HFF0000&}outline')).toBe('{\\3c&HFF0000&}outline');
  });

  it('a leading \\an stays a leading {\\anN}, SSA \\a is mapped to the numpad, the rest stays as {\\…}', () => {
    expect(read('{\\an8}谁？')).toBe('{\\an8}谁？');
    expect(read('{\\a6}Title')).toBe('{\\an8}Title');
    expect(read('{\\a9}Middle')).toBe('{\\an4}Middle');
    expect(read('{\\fad(300,300)\\an8\\i1}x')).toBe('{\\an8}{\\fad(300,300)}<i>x</i>');
    expect(read('{\\t(0,500,\\fs20\\i1)}grow')).toBe('{\\t(0,500,\\fs20\\i1)}grow');
  });

  it('\\N is a line break, \\h a no-break space, \\n a space unless WrapStyle 2; escaped braces are text; comments go', () => {
    expect(read('四十年了，\\N它从没灭过。')).toBe('四十年了，\n它从没灭过。');
    expect(read('NORTH\\hPOINT')).toBe('NORTH\u00A0POINT');
    expect(read('a\\nb')).toBe('a b');
    expect(assToMarkup('a\\nb', { wrapStyle2: true }).markup).toBe('a\nb');
    expect(read('\\{not a tag\\} {TLC: note}C:\\path')).toBe('{not a tag} C:\\path');
    expect(read('open { brace')).toBe('open { brace');
  });

  it('leaves drawing commands out and says so', () => {
    expect(assToMarkup('{\\p1}m 0 0 l 10 0 10 10{\\p0}')).toEqual({ markup: '', drawing: true, visible: false });
    expect(assToMarkup('{\\p2}m 0 0 b 1 2{\\p0}看{\\p1}m 0 0{\\p0} here')).toEqual({ markup: '看 here', drawing: true, visible: true });
    expect(assToMarkup('{\\an7\\pos(1,2)\\p1}m 0 0 l 4 4').markup).toBe('{\\an7}{\\pos(1,2)}');
  });

  it('is linear on a long line of unclosed braces and backslashes', () => {
    const junk = '{'.repeat(300_000) + '\\'.repeat(300_000) + '{\\i1'.repeat(100_000);
    expect(assToMarkup(junk).markup.length).toBeGreaterThan(0);
  });
});

describe('internal markup → ASS overrides', () => {
  it('converts basic tags and fonts; SRT <i> is never written literally', () => {
    expect(markupToAss('<i>芯片</i>工厂')).toBe('{\\i1}芯片{\\i0}工厂');
    expect(markupToAss('<b>a</b><u>b</u><s>c</s>')).toBe('{\\b1}a{\\b0\\u1}b{\\u0\\s1}c{\\s0}');
    expect(markupToAss('<font color="#ff0000">红</font>白')).toBe('{\\c&H0000FF&}红{\\c}白');
    expect(markupToAss('<font color="red" face="Arial" size="30">x</font>')).toBe('{\\c&H0000FF&\\fnArial\\fs30}x{\\c\\fn\\fs}');
    expect(markupToAss('<font color="#00ff00">a<font color="#0000ff">b</font>c</font>')).toBe('{\\c&H00FF00&}a{\\c&HFF0000&}b{\\c&H00FF00&}c{\\c}');
  });

  it('keeps override blocks and the leading position; SSA writes the legacy number', () => {
    expect(markupToAss('{\\an8}{\\fad(300,300)}<i>x</i>')).toBe('{\\an8\\fad(300,300)\\i1}x{\\i0}');
    expect(markupToAss('{\\an8}Title', { ssa: true })).toBe('{\\a6}Title');
  });

  it('writes line breaks as \\N, U+00A0 as \\h, escapes other braces, drops WebVTT spans', () => {
    expect(markupToAss('今天我们聊字幕。\nToday\r\nwe talk')).toBe('今天我们聊字幕。\\NToday\\Nwe talk');
    expect(markupToAss('a\u00A0b {c}')).toBe('a\\hb \\{c\\}');
    expect(markupToAss('<v Ann><c.loud>Hi</c></v> <00:00:01.000>there')).toBe('Hi there');
    expect(markupToAss('1 < 2 > 0')).toBe('1 < 2 > 0');
  });

  it('markup survives ASS and back (Chinese and English)', () => {
    for (const markup of [
      '<i>萨姆·奥尔特曼</i>说：“芯片”——',
      '{\\an8}<b>Bold</b> and <i>italic <u>both</u></i>\nline two',
      '<font color="#12ab34">色</font>\u00A0{\\pos(10,20)}x',
      '{braces} and C:\\path',
      '',
    ]) {
      expect(read(markupToAss(markup))).toBe(markup);
    }
  });
});
