/**
 * Bilingual podcast transcripts as podcast sites publish them (see resources/sample): a header with the
 * title and chapter marks, `双语字幕`, then one block per turn — `Speaker N`, a Chinese paragraph, an
 * English paragraph. There are no times: cues get provisional ones and the document is marked untimed.
 */
import { speakerColor, type Cue, type Problem, type Speaker, type SubtitleDocument } from '../model';
import { provisionalTimes } from '../timing';
import { readHeader } from './transcript-header';
import { hasExtension, splitLines, type ReadResult, type SubtitleFormat } from './types';
import { serializeTranscript, transcriptLayout } from './transcript-write';

const ZH = 'zh-Hans';
const EN = 'en';
const LANGUAGES = [
  { code: ZH, name: '中文' },
  { code: EN, name: 'English' },
];

const MARKER = /^双语字幕$/;
/** "Text subtitles only, no Chinese audio …": a notice right after the marker, not a turn. */
const NOTICE = /^仅展示文本字幕/;
const SPEAKER = /^Speaker\s+(\d+)\s*[:：]?$/i;

interface Paragraph {
  text: string;
  line: number;
}
interface Turn {
  speaker: number;
  line: number;
  paragraphs: Paragraph[];
}

const EXTENSIONS = ['.txt'];

export const transcriptFormat: SubtitleFormat = {
  id: 'transcript',
  extensions: EXTENSIONS,
  exports: [{ id: 'txt', label: 'Transcript (.txt)', extensions: ['.txt'], kind: 'transcript', legacyEncodings: true, inExportDialog: true, write: serializeTranscript }],
  detect(text, fileName) {
    const head = text.slice(0, 200_000);
    // `[ \t]` not `\s`: with the m flag `\s*` runs across newlines, so a run of blank lines is scanned again and again.
    const turns = (head.match(/^[ \t]*Speaker[ \t]+\d+[ \t]*(?:[:：][ \t]*)?$/gim) ?? []).length;
    const marker = /^[ \t]*双语字幕[ \t]*$/m.test(head);
    if (turns === 0) return marker ? 0.3 : 0;
    const base = marker ? 0.9 : 0.6;
    return base + (hasExtension(fileName, EXTENSIONS) ? 0.05 : 0);
  },
  parse(text) {
    return parseTranscript(text);
  },
};

export function parseTranscript(text: string): ReadResult {
  const lines = splitLines(text);
  const problems: Problem[] = [];
  const markerIndex = lines.findIndex((l) => MARKER.test(l.trim()));
  const header = readHeader(markerIndex >= 0 ? lines.slice(0, markerIndex) : []);
  const turns = readTurns(lines, markerIndex + 1, problems);
  const { cues, speakers } = turnsToCues(turns, problems);
  if (turns.length === 0) {
    problems.push({ line: 0, message: 'no speaker turns found (a transcript has "Speaker 0" lines)', severity: 'error' });
  }
  const doc: SubtitleDocument = {
    languages: LANGUAGES.map((l) => ({ ...l })),
    cues: provisionalTimes(cues),
    speakers,
    chapters: header.chapters,
    media: null,
    // The layout parts (header as written, notice, footer) let the transcript export give the file back unchanged.
    metadata: { ...transcriptLayout(text), ...header.metadata, untimed: true },
  };
  return { doc, problems, languagesFromFile: true };
}

/** The closing "关于 Bayt 播客" block: a short heading line, not a sentence, that starts a paragraph. */
function isFooter(line: string): boolean {
  return /^关于\s+\S/.test(line) && line.length <= 40 && !/[，。,.!?！？]/.test(line);
}

/** Groups the body (from line index `from`) into turns; paragraphs are runs of non-blank lines. */
function readTurns(lines: string[], from: number, problems: Problem[]): Turn[] {
  const turns: Turn[] = [];
  let paragraph: Paragraph | null = null;
  const close = () => {
    if (!paragraph) return;
    const turn = turns[turns.length - 1];
    if (turn) turn.paragraphs.push(paragraph);
    else if (!NOTICE.test(paragraph.text)) {
      problems.push({ line: paragraph.line, message: 'text before the first "Speaker" line is ignored', severity: 'warning' });
    }
    paragraph = null;
  };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i].replace(/^\uFEFF/, '').trim();
    const speaker = SPEAKER.exec(line);
    if (speaker) {
      close();
      turns.push({ speaker: Number(speaker[1]), line: i + 1, paragraphs: [] });
    } else if (line === '') {
      close();
    } else if (!paragraph && isFooter(line)) {
      break;
    } else if (paragraph) {
      paragraph.text += '\n' + line;
    } else {
      paragraph = { text: line, line: i + 1 };
    }
  }
  close();
  return turns;
}

/**
 * The language of a paragraph from its script: Han characters against Latin words (a word is worth a
 * character, so a Chinese sentence full of English names stays Chinese). Null when it has neither.
 */
export function paragraphLanguage(text: string): typeof ZH | typeof EN | null {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const words = (text.match(/\p{Script=Latin}+/gu) ?? []).length;
  if (han + words === 0) return null;
  return han / (han + words) >= 0.5 ? ZH : EN;
}

function turnText(turn: Turn): Record<string, string> {
  const byLang: Record<string, string[]> = {};
  const unknown: Paragraph[] = [];
  for (const p of turn.paragraphs) {
    const lang = paragraphLanguage(p.text);
    if (lang) (byLang[lang] ??= []).push(p.text);
    else unknown.push(p);
  }
  // Digits or punctuation only: give it to the language the turn lacks, Chinese first as in the file.
  for (const p of unknown) {
    const lang = !byLang[ZH] ? ZH : !byLang[EN] ? EN : ZH;
    (byLang[lang] ??= []).push(p.text);
  }
  const text: Record<string, string> = {};
  for (const { code } of LANGUAGES) if (byLang[code]) text[code] = byLang[code].join('\n');
  return text;
}

function turnsToCues(turns: Turn[], problems: Problem[]): { cues: Cue[]; speakers: Speaker[] } {
  const speakers = new Map<number, Speaker>();
  const cues: Cue[] = [];
  for (const turn of turns) {
    if (turn.paragraphs.length === 0) {
      problems.push({ line: turn.line, message: `Speaker ${turn.speaker} has no text`, severity: 'warning' });
      continue;
    }
    let speaker = speakers.get(turn.speaker);
    if (!speaker) {
      speaker = { id: `s${turn.speaker}`, name: `Speaker ${turn.speaker}`, color: speakerColor(speakers.size) };
      speakers.set(turn.speaker, speaker);
    }
    cues.push({ id: `c${cues.length + 1}`, start: 0, end: 0, speaker: speaker.id, text: turnText(turn) });
  }
  return { cues, speakers: [...speakers.values()] };
}
