import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaryWordStarts } from '../../src/shared/text/boundaries';
import { readSubtitleText } from '../../src/shared/formats/registry';
import { rebreak } from '../../src/shared/qc/fixes/text';
import { cjkBreakCosts } from '../../src/shared/text/line-break';
import { segmentWordStarts, unbreakableSpans } from '../../src/shared/text/segment';
import { EN, profile, ZH } from './qc-helpers';

const zh = profile('netflix-zh-hans');
const en = profile('netflix-en');
const SAMPLE = join(__dirname, '../../resources/sample/openai-podcast-ep8.zh-en.txt');
const sampleDoc = readSubtitleText(readFileSync(SAMPLE, 'utf8'), 'openai-podcast-ep8.zh-en.txt').doc;
const cps = (s: string): string[] => Array.from(s);

/** The sample's Chinese sentence (up to its 。) that contains `fragment`. */
function sampleSentence(fragment: string): string {
  for (const cue of sampleDoc.cues) {
    const text = cue.text[ZH] ?? '';
    const at = text.indexOf(fragment);
    if (at < 0) continue;
    const start = Math.max(text.lastIndexOf('。', at) + 1, 0);
    const end = text.indexOf('。', at);
    return text.slice(start, end < 0 ? undefined : end + 1);
  }
  throw new Error(`the sample has no ${fragment}`);
}

/** Re-breaks and checks the lines rejoin to the text and fit the width. */
function lines(text: string, lang = ZH): string[] {
  const out = rebreak(text, lang, lang === ZH ? zh : en).split('\n');
  expect(out.join(lang === ZH ? '' : ' ').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  for (const l of out) expect(cps(l).length).toBeLessThanOrEqual(lang === ZH ? 16 : 42);
  return out;
}

/** Whether a break between two lines falls inside `unit`. */
function cutsUnit(out: string[], unit: string): boolean {
  for (let i = 0; i < out.length - 1; i++) {
    const [a, b] = [out[i], out[i + 1]];
    for (let k = 1; k < unit.length; k++) {
      const [head, tail] = [unit.slice(0, k).trimEnd(), unit.slice(k).trimStart()];
      if (head !== '' && tail !== '' && a.endsWith(head) && b.startsWith(tail)) return true;
    }
  }
  return false;
}

describe('the five bad breaks of issue 12 come out whole', () => {
  it.each([
    ['萨姆·阿尔特曼', '来自OpenAI的萨姆·阿尔特曼和'],
    ['查理·考利斯', '陈福阳和查理·考利斯'],
    ['芯片——', '搭载我们研发的芯片——'],
    ['人类文明的下一代', '人类文明的下一代'],
  ])('%s, in its sentence from the sample', (unit, fragment) => {
    const sentence = sampleSentence(fragment);
    const out = lines(sentence);
    expect(out.length).toBeGreaterThan(1);
    expect(cutsUnit(out, unit), out.join(' / ')).toBe(false);
  });

  it('the issue\'s own wording: 查理·卡瓦斯 and 萨姆·阿尔特曼 stay whole in the short fragments', () => {
    for (const text of ['来自OpenAI的萨姆·阿尔特曼和格雷格', '以及来自博通的陈福阳和查理·卡瓦斯将共同参与', '搭载我们研发的芯片——这将是服务于全球']) {
      const out = lines(text);
      for (const unit of ['萨姆·阿尔特曼', '查理·卡瓦斯', '芯片', '——']) expect(cutsUnit(out, unit), out.join(' / ')).toBe(false);
    }
    expect(lines('我们正在定义人类文明的下一代操作系统。')).toEqual(['我们正在定义', '人类文明的下一代操作系统。']);
  });

  it('English keeps "Hock Tan" (and the other name pairs) on one line', () => {
    const text = sampleDoc.cues.map((c) => c.text[EN] ?? '').find((t) => t.includes('Hock Tan'))!;
    const sentence = text.slice(text.indexOf('Joining'));
    const out = lines(sentence, EN);
    for (const name of ['Hock Tan', 'Sam Allman', 'Greg Brockman', 'Charlie Kaulis']) expect(cutsUnit(out, name), out.join(' / ')).toBe(false);
    expect(out.some((l) => l.endsWith('Hock'))).toBe(false);
    // The most balanced break would be "Hock / Tan".
    expect(rebreak('and from Broadcom, Hock Tan and Charlie Kaulis.', EN, { ...en, charsPerLine: 30 })).toBe('and from Broadcom,\nHock Tan and Charlie Kaulis.');
    // Even at the cost of balance.
    expect(lines('Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Hock Tan', EN)).toEqual(['Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Hock Tan']);
  });
});

describe('units never cut', () => {
  it.each(['3.5亿', '100万', '2024年', '5%', '12GB', '10吉瓦', 'OpenAI', '萨姆·阿尔特曼', '——'])('%s', (unit) => {
    // The unit at every offset across the line end of a 16-wide line.
    for (let pad = 10; pad <= 16; pad++) {
      const text = `${'我们'.repeat(8).slice(0, pad)}${unit}${'的芯片系统正在部署'}`;
      const out = lines(text);
      expect(cutsUnit(out, unit), out.join(' / ')).toBe(false);
    }
  });

  it('are spans of the segmenter, and no word starts inside them', () => {
    const text = cps('他们在2024年投入了3.5亿美元,增长5%,查理·考利斯说——12GB内存');
    const spans = unbreakableSpans(text, ZH).map(([s, e]) => text.slice(s, e).join(''));
    expect(spans).toEqual(expect.arrayContaining(['2024年', '3.5亿美元', '5%', '查理·考利斯', '——', '12GB']));
    const starts = segmentWordStarts(text, ZH)!;
    for (const [s, e] of unbreakableSpans(text, ZH)) for (let p = s + 1; p < e; p++) expect(starts.has(p)).toBe(false);
  });
});

describe('punctuation rules', () => {
  const CLOSING = '，。！？；：、）》」』”’';
  const OPENING = '（《「『“‘';

  it('no line starts with closing punctuation or ends with opening punctuation', () => {
    const texts = [
      '一二三四五六七八九十一二三四五六，七八九',
      '我们和博通一起发布了《定制芯片的未来》这本书，欢迎阅读',
      '他说：“我们正在定义人类文明的下一代操作系统。”然后离开',
      '这款芯片（也就是我们的加速器）已经部署在全球的机架里了',
      '「人工智能」和『基础设施』是今天的两个关键词，对吧？没错！',
    ];
    for (const text of texts) {
      const out = lines(text);
      for (let i = 1; i < out.length; i++) expect(CLOSING.includes(out[i][0]), out.join(' / ')).toBe(false);
      for (let i = 0; i < out.length - 1; i++) expect(OPENING.includes(out[i].at(-1)!), out.join(' / ')).toBe(false);
    }
  });

  it('prefers breaking after punctuation, then between clauses, over the most balanced word break', () => {
    expect(lines('这是我们共同设计的新芯片，它将服务于全球的用户')).toEqual(['这是我们共同设计的新芯片，', '它将服务于全球的用户']);
    // Before 和 (a new phrase), not after it.
    expect(lines('来自博通的陈福阳和查理·考利斯共同参与')).toEqual(['来自博通的陈福阳', '和查理·考利斯共同参与']);
  });

  it('no line starts with a particle that closes the word before it (的, 地, 了)', () => {
    for (const text of ['我们正在定义人类文明的下一代操作系统。', '他们非常出色地完成了这个定制芯片项目的设计工作']) {
      const out = lines(text);
      for (let i = 1; i < out.length; i++) expect('的地得了着过们'.includes(out[i][0]), out.join(' / ')).toBe(false);
    }
  });
});

describe('the whole sample, re-broken', () => {
  /** Names and compounds of the sample that a break must never cut. */
  const UNITS = [
    '芯片', '人类文明', '机架', '最先进', '专为', '出色地', '萨姆·阿尔特曼', '格雷格·布罗克曼', '查理·考利斯', '安德鲁·梅恩',
    '陈福阳', '博通', '吉瓦', '人工智能', '半导体', '——', '全球', '定制', '部署', '用户', '先进', '智能',
  ];

  it('cuts no word, by the segmenter and by the list of names and compounds', () => {
    let breaks = 0;
    for (const cue of sampleDoc.cues) {
      const text = cue.text[ZH];
      if (!text) continue;
      const out = lines(text);
      const starts = dictionaryWordStarts(cps(text), ZH)!;
      let at = 0;
      for (const line of out.slice(0, -1)) {
        at += cps(line).length;
        breaks++;
        expect(starts.has(at), `${cue.id}: ${out.join(' / ')}`).toBe(true);
      }
      for (const unit of UNITS) expect(cutsUnit(out, unit), `${cue.id} cuts ${unit}: ${out.join(' / ')}`).toBe(false);
      for (const line of out.slice(1)) expect('，。！？；：、）》」』”’,.;:!?—'.includes(line[0]), `${cue.id}: ${line}`).toBe(false);
    }
    expect(breaks).toBeGreaterThan(300); // the sample's long turns: the check saw real breaks
  });

  it('every English turn keeps its name pairs together', () => {
    for (const cue of sampleDoc.cues) {
      const text = cue.text[EN];
      if (!text) continue;
      const out = lines(text, EN);
      for (const name of ['Hock Tan', 'Sam Allman', 'Greg Brockman', 'Charlie Kaulis', 'Great Wall']) expect(cutsUnit(out, name), out.join(' / ')).toBe(false);
    }
  });
});

describe('Latin names inside Chinese text', () => {
  it('a capitalised pair (Sam Altman) is not split at its space where another break fits', () => {
    const out = lines('OpenAI的Sam Altman和博通的Hock Tan共同探讨了合作');
    for (const name of ['Sam Altman', 'Hock Tan']) expect(cutsUnit(out, name), out.join(' / ')).toBe(false);
  });
});

describe('particles and words that begin with the same character', () => {
  it('了解 and 地方 may start a line; a lone 了 or 地 may not', () => {
    const understand = cps('我们想要深入了解的问题');
    expect(cjkBreakCosts(understand, ZH).has(understand.indexOf('了'))).toBe(true); // 深入|了解
    const well = cps('非常出色地完成了设计');
    expect(cjkBreakCosts(well, ZH).has(well.indexOf('地'))).toBe(false); // not 出色|地
    expect(lines('我们这个团队一直都非常出色地完成了设计工作').some((l) => /^[地了]/u.test(l))).toBe(false);
  });
});
