import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTranscript, paragraphLanguage, transcriptFormat } from '../../src/shared/formats/transcript';
import { lastChapterTitle, readChapters } from '../../src/shared/formats/transcript-header';

const samplePath = fileURLToPath(new URL('../../resources/sample/openai-podcast-ep8.zh-en.txt', import.meta.url));
const sample = readFileSync(samplePath, 'utf8');

describe('transcript: the bundled sample', () => {
  const { doc, problems } = parseTranscript(sample);

  it('reads every turn, speaker and chapter without problems', () => {
    expect(problems).toEqual([]);
    expect(doc.cues).toHaveLength(98);
    expect(doc.speakers.map((s) => [s.id, s.name])).toEqual([0, 1, 2, 3, 4].map((n) => [`s${n}`, `Speaker ${n}`]));
    expect(new Set(doc.speakers.map((s) => s.color)).size).toBe(5);
    expect(doc.languages).toEqual([
      { code: 'zh-Hans', name: '中文' },
      { code: 'en', name: 'English' },
    ]);
    expect(doc.cues.map((c) => c.id).slice(0, 3)).toEqual(['c1', 'c2', 'c3']);
  });

  it('reads the chapter marks with exact starts and titles', () => {
    expect(doc.chapters).toEqual([
      { start: 0, title: '宣布合作' },
      { start: 186_000, title: 'AI基础设施的规模' },
      { start: 363_000, title: '芯片设计中的协作与创新' },
      { start: 529_000, title: '历史背景与未来愿景' },
      { start: 730_000, title: '计算在AI发展中的作用' },
      { start: 901_000, title: '针对特定工作负载的优化' },
      { start: 1_082_000, title: '通往AGI的旅程' },
      { start: 1_260_000, title: 'AI与计算能力的未来' },
      { start: 1_430_000, title: '总结与未来项目' },
    ]);
  });

  it('keeps title, episode and description as metadata and marks the times provisional', () => {
    expect(doc.metadata.title).toBe('OpenAI Podcast - 第八集 - OpenAI与博通及计算的未来');
    expect(doc.metadata.episode).toContain('Episode 8 - OpenAI x Broadcom and the future of compute');
    expect(doc.metadata.description).toMatch(/^OpenAI的Sam Altman/);
    expect(doc.metadata.untimed).toBe(true);
  });

  it('reads the first and last turns and the split "Thank you so / much" turns', () => {
    expect(doc.cues[0].speaker).toBe('s0');
    expect(doc.cues[0].text.en).toMatch(/^Hello, I'm Andrew Main/);
    expect(doc.cues[0].text['zh-Hans']).toMatch(/^大家好/);
    const last = doc.cues[doc.cues.length - 1];
    expect(last).toMatchObject({ speaker: 's1', text: { 'zh-Hans': '谢谢。', en: 'Thank you.' } });
    const i = doc.cues.findIndex((c) => c.text['zh-Hans'] === '非常感');
    expect(doc.cues[i]).toMatchObject({ speaker: 's2', text: { en: 'Thank you so' } });
    expect(doc.cues[i + 1]).toMatchObject({
      speaker: 's4',
      text: { 'zh-Hans': '谢这次合作。我们真的很享受这个过程。', en: "much for the partnership. We're really enjoying it." },
    });
  });

  it('does not read the notice after 双语字幕 or the footer as turns', () => {
    const all = doc.cues.flatMap((c) => Object.values(c.text)).join('\n');
    expect(all).not.toContain('仅展示文本字幕');
    expect(all).not.toContain('Bayt');
  });

  it('gives monotonic, non-overlapping provisional times', () => {
    doc.cues.forEach((c, i) => {
      expect(c.end).toBeGreaterThan(c.start);
      if (i > 0) expect(c.start).toBeGreaterThanOrEqual(doc.cues[i - 1].end);
    });
  });

  it('is detected as a transcript', () => {
    expect(transcriptFormat.detect(sample, 'x.txt')).toBeGreaterThan(0.8);
    expect(transcriptFormat.detect('1\n00:00:01,000 --> 00:00:02,000\nhi\n', 'x.srt')).toBe(0);
  });
});

const tiny = (body: string) => `标题\n\n本集简介\n\n简介文字。 00:00 开场 01:30 结尾\n\n双语字幕\n\n${body}`;

describe('transcript: edge cases', () => {
  it('reads CRLF line ends and a stray BOM the same as LF', () => {
    const lf = parseTranscript(sample);
    const crlf = parseTranscript('\uFEFF' + sample.replace(/\n/g, '\r\n'));
    expect(crlf.doc).toEqual(lf.doc);
    expect(crlf.problems).toEqual([]);
  });

  it('decides the language of a paragraph by its script, not its position', () => {
    const { doc } = parseTranscript(tiny('Speaker 0\n\nHello there.\n\n你好。\n'));
    expect(doc.cues[0].text).toEqual({ 'zh-Hans': '你好。', en: 'Hello there.' });
  });

  it('reads a turn with one language, in either language', () => {
    const { doc, problems } = parseTranscript(tiny('Speaker 0\n\n只有中文。\n\nSpeaker 1\n\nOnly English.\n\nSpeaker 0\n\n好。\n\nOK.\n'));
    expect(problems).toEqual([]);
    expect(doc.cues.map((c) => c.text)).toEqual([{ 'zh-Hans': '只有中文。' }, { en: 'Only English.' }, { 'zh-Hans': '好。', en: 'OK.' }]);
    expect(doc.speakers.map((s) => s.id)).toEqual(['s0', 's1']);
  });

  it('joins several paragraphs of one language with a newline', () => {
    const { doc } = parseTranscript(tiny('Speaker 2\n\n第一段。\n\nFirst.\n\n第二段。\n\nSecond.\n'));
    expect(doc.cues[0].text).toEqual({ 'zh-Hans': '第一段。\n第二段。', en: 'First.\nSecond.' });
  });

  it('keeps a Chinese paragraph full of English names Chinese', () => {
    expect(paragraphLanguage('OpenAI的Sam Altman和Greg Brockman与博通的Hock Tan共同探讨了合作。')).toBe('zh-Hans');
    expect(paragraphLanguage('We flew to 北京 last week.')).toBe('en');
    expect(paragraphLanguage('2025')).toBeNull();
  });

  it('reads a transcript without chapters or header', () => {
    const { doc, problems } = parseTranscript('双语字幕\n\nSpeaker 0\n\n你好。\n\nHello.\n');
    expect(problems).toEqual([]);
    expect(doc.chapters).toEqual([]);
    expect(doc.metadata).toEqual({ untimed: true });
    expect(doc.cues).toHaveLength(1);
  });

  it('reports junk before the first Speaker line with its line number and keeps reading', () => {
    const text = '双语字幕\n\n仅展示文本字幕,不包含中文音频。\n\nstray words\n\nSpeaker 0\n\n你好。\n\nHello.\n';
    const { doc, problems } = parseTranscript(text);
    expect(problems).toEqual([{ line: 5, message: expect.stringContaining('before the first "Speaker"'), severity: 'warning' }]);
    expect(doc.cues).toHaveLength(1);
  });

  it('reports a Speaker line without text and a file without turns', () => {
    const empty = parseTranscript(tiny('Speaker 0\n\nSpeaker 1\n\n好。\n'));
    expect(empty.problems).toEqual([{ line: 9, message: 'Speaker 0 has no text', severity: 'warning' }]);
    expect(empty.doc.cues).toHaveLength(1);
    const none = parseTranscript('just some text\n');
    expect(none.doc.cues).toEqual([]);
    expect(none.problems.some((p) => p.severity === 'error')).toBe(true);
  });

  it('stops at the 关于 footer but not at a sentence that starts with 关于', () => {
    const body = 'Speaker 0\n\n关于 AI，我们有很多想法。\n\nAbout AI, we have many ideas.\n\n关于 Bayt 播客\n\nSpeaker 1\n\n不是。\n';
    const { doc } = parseTranscript(tiny(body));
    expect(doc.cues).toHaveLength(1);
    expect(doc.cues[0].text['zh-Hans']).toBe('关于 AI，我们有很多想法。');
  });
});

describe('transcript: chapter marks', () => {
  it('reads H:MM:SS marks and ignores times that go backwards', () => {
    expect(readChapters('intro 00:00 Start 59:00 Late 1:02:03 Later 10:00 not a mark')).toEqual([
      { start: 0, title: 'Start' },
      { start: 3_540_000, title: 'Late' },
      { start: 3_723_000, title: 'Later 10:00 not a mark' },
    ]);
  });

  it('cuts the sentence that follows the last chapter title', () => {
    expect(lastChapterTitle('总结与未来项目 本节目由Acast托管。更多信息请访问acast.com/privacy。')).toBe('总结与未来项目');
    expect(lastChapterTitle('总结与未来项目')).toBe('总结与未来项目');
    expect(lastChapterTitle('总结。')).toBe('总结');
    expect(lastChapterTitle('Wrap-up and future projects This show is hosted by Acast. More at acast.com.')).toBe(
      'Wrap-up and future projects',
    );
    expect(lastChapterTitle('Wrap-up')).toBe('Wrap-up');
  });

  it('finds no chapters in a description without marks', () => {
    expect(readChapters('一段没有时间的简介。')).toEqual([]);
  });
});
