/**
 * The header of a bilingual podcast transcript (everything before `双语字幕`): title, episode lines,
 * the description, and the chapter marks inside it (`00:00 宣布合作 03:06 AI基础设施的规模 …`).
 */
import type { Chapter, DocumentMetadata } from '../model';
import { parseChapterMark } from '../timecode';

/** Headings that introduce the description ("about this episode"). */
const DESCRIPTION_HEADINGS = /^(本集简介|节目简介|简介|shownotes|show notes|description|about this episode)[:：]?$/i;
/** The cover image's caption ends the title line on podcast pages. */
const COVER_SUFFIX = /(?<!\s)\s*(?:封面|cover art|cover)$/i;

export interface TranscriptHeader {
  metadata: DocumentMetadata;
  chapters: Chapter[];
}

export function readHeader(lines: string[]): TranscriptHeader {
  const texts = lines.map((l) => l.trim()).filter((l) => l.length > 0);
  const metadata: DocumentMetadata = {};
  if (texts.length === 0) return { metadata, chapters: [] };
  const heading = texts.findIndex((t) => DESCRIPTION_HEADINGS.test(t));
  let episodeLines: string[];
  let descriptionLines: string[];
  if (heading >= 0) {
    episodeLines = texts.slice(1, Math.max(1, heading));
    descriptionLines = texts.slice(heading + 1);
  } else {
    // Without a heading, a third line or later is the description only when it is the last of three or more.
    episodeLines = texts.length >= 3 ? texts.slice(1, -1) : texts.slice(1);
    descriptionLines = texts.length >= 3 ? texts.slice(-1) : [];
  }
  if (heading !== 0) metadata.title = texts[0].replace(COVER_SUFFIX, '') || texts[0];
  if (episodeLines.length > 0) metadata.episode = episodeLines.join('\n');
  if (descriptionLines.length > 0) metadata.description = descriptionLines.join('\n');
  return { metadata, chapters: readChapters(descriptionLines.join('\n')) };
}

/** A mark stands alone: after the start or a space, before a space. */
const MARK = /(^|\s)((?:\d{1,2}:)?\d{1,3}:\d{2})(?=\s)/g;

/** Chapter marks in ascending order; a time that would go backwards is prose, not a mark. */
export function readChapters(description: string): Chapter[] {
  const marks: { start: number; from: number; to: number }[] = [];
  for (const m of description.matchAll(MARK)) {
    const start = parseChapterMark(m[2]);
    const from = (m.index ?? 0) + m[1].length;
    if (start === null) continue;
    if (marks.length > 0 && start <= marks[marks.length - 1].start) continue;
    marks.push({ start, from, to: from + m[2].length });
  }
  const chapters: Chapter[] = [];
  marks.forEach((mark, i) => {
    const next = marks[i + 1];
    const raw = description.slice(mark.to, next ? next.from : undefined).trim();
    const title = next ? raw : lastChapterTitle(raw);
    if (title) chapters.push({ start: mark.start, title: title.replace(/\s+/g, ' ') });
  });
  return chapters;
}

const SENTENCE_END = /[。！？!?]|\.(?=\s|$)/;
const CJK = /\p{Script=Han}/u;

/**
 * After the last mark the notes usually go on ("23:50 总结与未来项目 本节目由Acast托管。更多信息…").
 * The title ends where that sentence starts: in Chinese, the trailing sentence has no spaces, so it
 * starts after the last space before the first 。; in English it starts at a capital after a lowercase word.
 */
export function lastChapterTitle(rest: string): string {
  const end = SENTENCE_END.exec(rest);
  if (!end) return rest;
  const sentence = rest.slice(0, end.index).trim();
  const words = sentence.split(/\s+/);
  if (words.length < 2) return sentence;
  if (CJK.test(words[words.length - 1])) return words.slice(0, -1).join(' ');
  for (let i = 1; i < words.length; i++) {
    if (/^\p{Lu}/u.test(words[i]) && /^\p{Ll}/u.test(words[i - 1])) return words.slice(0, i).join(' ');
  }
  return sentence;
}
