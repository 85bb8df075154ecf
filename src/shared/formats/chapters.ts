/**
 * Chapter files: a WebVTT chapters track (`<track kind="chapters">`) and Podcasting 2.0 JSON chapters
 * (https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md).
 */
import { documentDuration, type Chapter, type SubtitleDocument } from '../model';
import { formatTimecode } from '../timecode';
import { oneLine } from './types';

/** Chapters in time order (the model does not promise it), titles on one line. */
function orderedChapters(doc: SubtitleDocument): Chapter[] {
  return [...doc.chapters]
    .sort((a, b) => a.start - b.start)
    .map((c) => ({ start: c.start, title: oneLine(c.title).trim() }));
}

/**
 * Each chapter runs to the next one's start; the last to the end of the media (or of the last cue), and at
 * least one second, since a WebVTT cue needs an end and a zero-length one would never show.
 */
export function serializeVttChapters(doc: SubtitleDocument): string {
  const chapters = orderedChapters(doc);
  const end = Math.max(doc.media?.duration ?? 0, documentDuration(doc));
  const out = ['WEBVTT', ''];
  chapters.forEach((chapter, i) => {
    const next = chapters[i + 1];
    const stop = next ? next.start : Math.max(end, chapter.start + 1000);
    out.push(String(i + 1), `${formatTimecode(chapter.start, '.')} --> ${formatTimecode(stop, '.')}`, chapter.title.replace(/-->/g, '->'), '');
  });
  return out.join('\n');
}

export interface JsonChapters {
  version: '1.2.0';
  chapters: { startTime: number; title: string }[];
}

/** Podcasting 2.0 chapters: `startTime` in seconds (a number, fractions allowed), in ascending order. */
export function jsonChapters(doc: SubtitleDocument): JsonChapters {
  return {
    version: '1.2.0',
    chapters: orderedChapters(doc).map((c) => ({ startTime: c.start / 1000, title: c.title })),
  };
}

export function serializeJsonChapters(doc: SubtitleDocument): string {
  return JSON.stringify(jsonChapters(doc), null, 2) + '\n';
}
