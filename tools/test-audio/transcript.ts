/**
 * Reads the bilingual podcast transcript format of `resources/sample/*.zh-en.txt`:
 * a header, then after `双语字幕` blocks that start with a `Speaker N` line, each holding a Chinese
 * and an English paragraph, until the `关于 …` footer. Kept apart from src/shared on purpose:
 * this tool must work on its own, whatever the app's importers become.
 */

export interface TranscriptTurn {
  speaker: number;
  zh: string;
  en: string;
}

const START_MARK = '双语字幕';
const FOOTER = /^关于 /;
const SPEAKER_LINE = /^Speaker (\d+)$/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;

/** Share of CJK characters above which a paragraph counts as the Chinese one. */
const CJK_SHARE = 0.2;

function cjkShare(paragraph: string): number {
  return (paragraph.match(CJK) ?? []).length / Math.max(1, paragraph.length);
}

export function parseTranscript(text: string): TranscriptTurn[] {
  const start = text.indexOf(START_MARK);
  const lines = (start >= 0 ? text.slice(start + START_MARK.length) : text).split(/\r?\n/);
  const turns: { speaker: number; paras: string[] }[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (FOOTER.test(line)) break;
    if (!line) continue;
    const m = SPEAKER_LINE.exec(line);
    if (m) turns.push({ speaker: Number(m[1]), paras: [] });
    else turns.at(-1)?.paras.push(line);
  }
  return turns.map(({ speaker, paras }) => ({
    speaker,
    zh: paras.filter((p) => cjkShare(p) > CJK_SHARE).join(' '),
    en: paras.filter((p) => cjkShare(p) <= CJK_SHARE).join(' '),
  }));
}

/** Words whose trailing period does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'prof', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp',
  'no', 'u.s', 'u.k', 'e.g', 'i.e', 'a.m', 'p.m',
]);

/** Splits English text into sentences at . ? ! followed by space and a capital/digit/quote. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /([.?!]+["')\]]?)\s+(?=["'([]?[A-Z0-9])/g;
  let from = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[1].length;
    const lastWord = /([A-Za-z.]+)\.$/.exec(text.slice(from, m.index + 1))?.[1] ?? '';
    if (m[1] === '.' && ABBREVIATIONS.has(lastWord.toLowerCase())) continue;
    sentences.push(text.slice(from, end).trim());
    from = boundary.lastIndex;
  }
  sentences.push(text.slice(from).trim());
  return sentences.filter(Boolean);
}

/** Splits Chinese text into sentences after 。！？ (and their full-width quotes), keeping the marks. */
export function splitChineseSentences(text: string): string[] {
  const sentences: string[] = [];
  let from = 0;
  for (let k = 0; k < text.length; k++) {
    if (!'。！？!?'.includes(text[k])) continue;
    let end = k + 1;
    while (end < text.length && '”’」』）)'.includes(text[end])) end++;
    sentences.push(text.slice(from, end).trim());
    from = end;
    k = end - 1;
  }
  sentences.push(text.slice(from).trim());
  return sentences.filter(Boolean);
}
