/** The small bilingual document every export test writes, and the golden cases (fixture name → options). */
import type { SubtitleDocument } from '../../src/shared/model';
import type { ExportOptions } from '../../src/shared/formats/export';

export function exportSampleDoc(): SubtitleDocument {
  return {
    languages: [
      { code: 'zh-Hans', name: '中文' },
      { code: 'en', name: 'English' },
    ],
    cues: [
      { id: 'c1', start: 0, end: 1500, speaker: 's0', text: { 'zh-Hans': '大家好，欢迎收听。', en: 'Hello, and welcome.' } },
      { id: 'c2', start: 1500, end: 3990, speaker: 's0', text: { 'zh-Hans': '今天我们聊字幕。', en: 'Today we talk about\nsubtitles.' } },
      { id: 'c3', start: 4000, end: 6250, speaker: 's1', text: { 'zh-Hans': '好的，开始吧。', en: "OK, let's begin." } },
      { id: 'c4', start: 6250, end: 8000, speaker: 's1', text: { 'zh-Hans': '谢谢。', en: 'Thank you.' } },
    ],
    speakers: [
      { id: 's0', name: 'Speaker 0', color: '#4e79a7' },
      { id: 's1', name: 'Speaker 1', color: '#f28e2b' },
    ],
    chapters: [
      { start: 0, title: '开场' },
      { start: 4000, title: '合作' },
    ],
    media: { path: 'episode.mp3', duration: 9000 },
    metadata: {
      title: 'Duosub 测试',
      episode: '第一集 - 测试\nEpisode 1 - Test',
      description: '两位主持人试用双语字幕。 00:00 开场 00:04 合作',
    },
  };
}

/** Fixture file (under test/fixtures/export/) → the export that must give exactly its bytes. */
export const GOLDEN: Record<string, ExportOptions> = {
  'bilingual.srt': { format: 'srt' },
  'bilingual.en-first.srt': { format: 'srt', order: ['en', 'zh-Hans'] },
  'bilingual.crlf-bom.srt': { format: 'srt', bom: true, lineEnding: 'crlf' },
  'zh-Hans.srt': { format: 'srt', lang: 'zh-Hans' },
  'en.srt': { format: 'srt', lang: 'en' },
  'bilingual.vtt': { format: 'vtt' },
  'en.vtt': { format: 'vtt', lang: 'en' },
  'bilingual.ass': { format: 'ass' },
  'bilingual.en-first.ass': { format: 'ass', order: ['en', 'zh-Hans'] },
  'zh-Hans.ass': { format: 'ass', lang: 'zh-Hans' },
  'bilingual.txt': { format: 'txt' },
  'en.txt': { format: 'txt', lang: 'en' },
  'project.duosub.json': { format: 'duosub' },
  'chapters.vtt': { format: 'chapters-vtt' },
  'chapters.json': { format: 'chapters-json' },
};
