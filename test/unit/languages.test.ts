import { describe, expect, it } from 'vitest';
import { CHINESE_VARIANTS, countChineseVariants } from '../../src/shared/formats/chinese-variants';
import { guessChineseVariant, guessLanguage, guessLanguageDetail } from '../../src/shared/formats/languages';
import { scriptCounts, scriptOf, scriptOfLanguage } from '../../src/shared/text/script';

/** Subtitle-like lines, and the same lines as Taiwan writes them (Traditional). */
const SIMPLIFIED = [
  '大家好，欢迎收听我们的节目。',
  '今天我们请到了来自OpenAI的萨姆·阿尔特曼。',
  '这个问题说来话长，我们先从芯片开始讲。',
  '你觉得人工智能会改变电影字幕的工作吗？',
  '当然会，但是翻译还是需要人来检查。',
  '时间过得真快，已经是第三个小时了。',
  '他说：“这不是钱的问题——这是时间的问题。”',
  '为什么每个国家的规则都不一样？',
  '对，我们应该把这些数据都发给他们。',
  '谢谢你们的收听，我们下期再见。',
];
const TRADITIONAL = [
  '大家好，歡迎收聽我們的節目。',
  '今天我們請到了來自OpenAI的薩姆·阿爾特曼。',
  '這個問題說來話長，我們先從芯片開始講。',
  '你覺得人工智能會改變電影字幕的工作嗎？',
  '當然會，但是翻譯還是需要人來檢查。',
  '時間過得真快，已經是第三個小時了。',
  '他說：「這不是錢的問題——這是時間的問題。」',
  '為什麼每個國家的規則都不一樣？',
  '對，我們應該把這些數據都發給他們。',
  '謝謝你們的收聽，我們下期再見。',
];

describe('scriptOf: the script of a line, as QC counts it', () => {
  it('a Chinese line holding Latin names is Chinese; an English line holding a Chinese name is English', () => {
    expect(scriptOf('来自OpenAI的萨姆·阿尔特曼')).toBe('Hani');
    expect(scriptOf('我们用GPU和TPU训练模型')).toBe('Hani');
    expect(scriptOf('Then 萨姆 told us about the chips')).toBe('Latn');
    expect(scriptOf('I met 王 yesterday')).toBe('Latn');
  });

  it('markup is stripped first; lines without letters have no script', () => {
    expect(scriptOf('<i>Hello there</i>')).toBe('Latn');
    expect(scriptOf('{\\an8}<font color="#ff0000">你好</font>')).toBe('Hani');
    expect(scriptOf('<i>你好</i> <b>OK</b>')).toBe('Hani'); // one Han unit per character beats one Latin word
    for (const none of ['♪ ♪', '2024', '——', '', '   ', '<i></i>']) expect(scriptOf(none)).toBeNull();
  });

  it('tells Japanese, Korean, Cyrillic and others apart', () => {
    expect(scriptOf('今日はいい天気ですね')).toBe('Jpan');
    expect(scriptOf('台湾のラーメン店')).toBe('Jpan');
    expect(scriptOf('大家好の店')).toBe('Hani'); // one stray kana in Chinese is not Japanese
    expect(scriptOf('안녕하세요 여러분')).toBe('Hang');
    expect(scriptOf('Привет, как дела?')).toBe('Cyrl');
    expect(scriptOf('Καλημέρα σας')).toBe('Grek');
    expect(scriptOf('مرحبا بكم')).toBe('Arab');
    expect(scriptOf('สวัสดีครับ')).toBe('Thai');
  });

  it('counts Latin words and letters by code point (QC wrong-script uses both)', () => {
    const c = scriptCounts('GPT-4 和 Claude Éclair 芯片 𝒳');
    expect(c).toMatchObject({ latinWords: 3, latinLetters: 15, han: 3 }); // 𝒳 is a maths symbol, not Latin
  });
});

describe('Simplified vs Traditional table', () => {
  it('holds at least 150 pairs, each telling: no character on both sides', () => {
    expect(CHINESE_VARIANTS.pairs.size).toBeGreaterThanOrEqual(150);
    for (const ch of CHINESE_VARIANTS.simplifiedOnly) expect(CHINESE_VARIANTS.traditionalOnly.has(ch), ch).toBe(false);
    for (const [s, ts] of CHINESE_VARIANTS.pairs) for (const t of ts) expect(t).not.toBe(s);
  });

  it('on real-looking text: Simplified lines show only Simplified forms, their Traditional version only Traditional', () => {
    const s = countChineseVariants(SIMPLIFIED);
    const t = countChineseVariants(TRADITIONAL);
    expect(s.traditional).toBe(0);
    expect(t.simplified).toBe(0);
    // Most lines carry several telling characters (们, 这, 说, 个, 时 …): measured 4 or more per line here.
    expect(s.simplified).toBeGreaterThanOrEqual(4 * SIMPLIFIED.length);
    expect(t.traditional).toBe(s.simplified);
  });

  it('each single line is told apart on its own', () => {
    SIMPLIFIED.forEach((line, i) => {
      expect(guessChineseVariant([line]).code, line).toBe('zh-Hans');
      expect(guessChineseVariant([TRADITIONAL[i]]).code, TRADITIONAL[i]).toBe('zh-Hant');
    });
  });
});

describe('guessLanguage', () => {
  it('Han → zh-Hans or zh-Hant by character frequency', () => {
    expect(guessLanguage(SIMPLIFIED)).toBe('zh-Hans');
    expect(guessLanguage(TRADITIONAL)).toBe('zh-Hant');
    // Nothing telling (你好, 我, 的 are the same in both): Simplified, not doubtful.
    expect(guessLanguageDetail(['你好', '我的天'])).toMatchObject({ code: 'zh-Hans', doubtful: false });
  });

  it('a file that mixes both forms is doubtful', () => {
    const mixed = [...SIMPLIFIED.slice(0, 5), ...TRADITIONAL.slice(5)];
    expect(guessLanguageDetail(mixed).doubtful).toBe(true);
    expect(guessLanguageDetail(SIMPLIFIED).doubtful).toBe(false);
  });

  it('kana → ja, Hangul → ko, Latin → en (or as told), Cyrillic → ru', () => {
    expect(guessLanguage(['今日は', '東京に行きました。'])).toBe('ja');
    expect(guessLanguage(['안녕하세요', '감사합니다'])).toBe('ko');
    expect(guessLanguage(['Hello, and welcome.', 'Today we talk about 字幕.'])).toBe('en');
    expect(guessLanguage(['Bonjour à tous'], { latin: 'fr' })).toBe('fr');
    expect(guessLanguage(['Привет', 'Спасибо'])).toBe('ru');
    expect(guessLanguage(['Γεια σας'])).toBe('el');
  });

  it('an English file with Chinese names is English; a Chinese file full of English names is Chinese', () => {
    expect(guessLanguage(['I talked to 萨姆 yesterday.', 'He said the chips were late.'])).toBe('en');
    expect(guessLanguage(['OpenAI的CEO萨姆·阿尔特曼说', 'GPU很贵'])).toBe('zh-Hans');
  });

  it('text without letters falls back to the Latin default and says so', () => {
    expect(guessLanguageDetail(['♪', '123'])).toMatchObject({ code: 'en', script: null, doubtful: true });
  });

  it('knows the usual script of a language code', () => {
    expect(scriptOfLanguage('zh-Hans')).toBe('Hani');
    expect(scriptOfLanguage('zh-Hant-TW')).toBe('Hani');
    expect(scriptOfLanguage('ja')).toBe('Jpan');
    expect(scriptOfLanguage('en-GB')).toBe('Latn');
    expect(scriptOfLanguage('ru')).toBe('Cyrl');
  });
});
