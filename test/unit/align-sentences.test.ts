/** Sentence splitting for auto-timing: one golden case per rule, in both languages. */
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/shared/text/sentences';

const en = (text: string) => splitSentences(text, 'en');
const zh = (text: string) => splitSentences(text, 'zh-Hans');

describe('splitSentences, English', () => {
  it('ends sentences at . ? ! followed by a space', () => {
    expect(en('Hello there. How are you? Fine! Thanks')).toEqual(['Hello there.', 'How are you?', 'Fine!', 'Thanks']);
    expect(en('Really?! Yes.')).toEqual(['Really?!', 'Yes.']);
  });

  it('keeps titles and Latin abbreviations inside the sentence', () => {
    expect(en('Mr. Smith met Dr. Jones. They talked.')).toEqual(['Mr. Smith met Dr. Jones.', 'They talked.']);
    expect(en('Mrs. Lee and Ms. Park live on Main St. near the park.')).toEqual(['Mrs. Lee and Ms. Park live on Main St. near the park.']);
    expect(en('Apples vs. Oranges is a classic. Next.')).toEqual(['Apples vs. Oranges is a classic.', 'Next.']);
    expect(en('Use tools, e.g. Hammers. Or i.e. nails.')).toEqual(['Use tools, e.g. Hammers.', 'Or i.e. nails.']);
  });

  it('ends at a dotted acronym or "etc." only when a sentence plausibly starts after it', () => {
    expect(en('He moved to the U.S. The move was hard.')).toEqual(['He moved to the U.S.', 'The move was hard.']);
    expect(en('The U.S. Army is big. So is the navy.')).toEqual(['The U.S. Army is big.', 'So is the navy.']);
    expect(en('Apples, pears, etc. Then we left.')).toEqual(['Apples, pears, etc.', 'Then we left.']);
    expect(en('apples, pears, etc. and more')).toEqual(['apples, pears, etc. and more']);
  });

  it('keeps initials with their name', () => {
    expect(en('J. R. R. Tolkien wrote it. He died in 1973.')).toEqual(['J. R. R. Tolkien wrote it.', 'He died in 1973.']);
    expect(en('We chose Plan B. We won.')).toEqual(['We chose Plan B.', 'We won.']);
  });

  it('never cuts decimals or domains', () => {
    expect(en('It grew 3.5 times. Then 10.2 more at acast.com today.')).toEqual(['It grew 3.5 times.', 'Then 10.2 more at acast.com today.']);
  });

  it('cuts after an ellipsis only before a capital', () => {
    expect(en('So... maybe not. Then… We go.')).toEqual(['So... maybe not.', 'Then…', 'We go.']);
  });

  it('does not cut before a lowercase word', () => {
    expect(en('That was at 5 p.m. yesterday. Fine.')).toEqual(['That was at 5 p.m. yesterday.', 'Fine.']);
  });

  it('keeps closing quotes and brackets with their sentence', () => {
    expect(en('He said "Stop." Then he left.')).toEqual(['He said "Stop."', 'Then he left.']);
    expect(en('(It works.) Next one.')).toEqual(['(It works.)', 'Next one.']);
  });

  it('trims, collapses line breaks and drops empties', () => {
    expect(en('  One.   Two.\nThree  ')).toEqual(['One.', 'Two.', 'Three']);
    expect(en('Two\nlines. End.')).toEqual(['Two lines.', 'End.']);
    expect(en('   ')).toEqual([]);
    expect(en('')).toEqual([]);
  });
});

describe('splitSentences, Chinese', () => {
  it('ends sentences after 。！？ without a space', () => {
    expect(zh('你好。我很好！你呢？')).toEqual(['你好。', '我很好！', '你呢？']);
  });

  it('treats the ASCII ! ? the sample uses as sentence ends', () => {
    expect(zh('那么今天我们要讨论什么话题?是什么把各位聚集在一起?')).toEqual(['那么今天我们要讨论什么话题?', '是什么把各位聚集在一起?']);
    expect(zh('真的吗?!太好了!')).toEqual(['真的吗?!', '太好了!']);
  });

  it('cuts after an ellipsis, full-width or ASCII', () => {
    expect(zh('嗯……好的。')).toEqual(['嗯……', '好的。']);
    expect(zh('比如当...我们走吧。')).toEqual(['比如当...', '我们走吧。']);
  });

  it('keeps closing quotes and brackets with the sentence', () => {
    expect(zh('他说：“走吧。”然后离开了。')).toEqual(['他说：“走吧。”', '然后离开了。']);
    expect(zh('（这是真的。）下一句')).toEqual(['（这是真的。）', '下一句']);
  });

  it('never cuts at an ASCII dot inside Latin text or a number', () => {
    expect(zh('更多信息请访问acast.com。增长了3.5倍!好')).toEqual(['更多信息请访问acast.com。', '增长了3.5倍!', '好']);
    expect(zh('Yahoo!Japan很大。')).toEqual(['Yahoo!Japan很大。']);
  });

  it('does not cut at commas or dashes', () => {
    expect(zh('大家好,我是安德鲁——欢迎收听。')).toEqual(['大家好,我是安德鲁——欢迎收听。']);
  });
});

describe('splitSentences, other languages', () => {
  it('treats Japanese like Chinese and French like English', () => {
    expect(splitSentences('こんにちは。元気ですか？はい', 'ja')).toEqual(['こんにちは。', '元気ですか？', 'はい']);
    expect(splitSentences('Bonjour M. Dupont. Ça va? Oui.', 'fr')).toEqual(['Bonjour M. Dupont.', 'Ça va?', 'Oui.']);
  });
});
