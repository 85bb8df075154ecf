/**
 * MicroDVD (.sub): one cue per line, `{start}{end}text`, times in video frames, `|` between text lines.
 * The frame rate comes from a first line `{1}{1}23.976` when the file has one (it wins: the frames were counted
 * in it), else from `ReadOptions.frameRate`, else 23.976; it is kept in `metadata.microdvd.frameRate` and
 * written back as that first line. Style codes `{y:i}` (this line) / `{Y:i}` (every line), `{c:$BBGGRR}` and a
 * leading `/` (italic) become the internal markup; other control codes (`{f:…}`, `{s:…}`, `{P:…}`) are kept in
 * `extra.microdvd.codes` and written back. Bilingual files stack the languages' lines, as SRT does.
 */
import { languageName, sortCues, type Cue, type Problem, type SubtitleDocument } from '../model';
import { stackedLines } from './bilingual';
import { fromMicroDvdLine, toMicroDvdLines } from './microdvd-markup';
import { hasExtension, splitLines, writeLanguages, type ReadResult, type SubtitleFormat, type WriteOptions } from './types';

const EXTENSIONS = ['.sub'];
export const DEFAULT_FRAME_RATE = 23.976;
const CUE = /^\{(-?\d*)\}\{(-?\d*)\}(.*)$/;
const CUE_START = /^[ \t]*\{-?\d+\}\{-?\d*\}/m;
/** SubViewer 2 (`[INFORMATION]`) and VobSub (binary, NUL bytes) also use `.sub`: not ours. */
const OTHER_SUB = /\[INFORMATION\]|\[SUBTITLE\]/;

export const microdvdFormat: SubtitleFormat = {
  id: 'microdvd',
  extensions: EXTENSIONS,
  exports: [{ id: 'microdvd', label: 'MicroDVD (.sub)', extensions: ['.sub'], kind: 'cues', legacyEncodings: true, inExportDialog: false }],
  detect(text, fileName) {
    const head = text.slice(0, 100_000);
    if (OTHER_SUB.test(head) || head.includes('\u0000')) return 0;
    const byName = hasExtension(fileName, EXTENSIONS);
    const first = head.replace(/^\uFEFF/, '').trimStart();
    if (CUE_START.test(first.slice(0, 200)) && first.startsWith('{')) return byName ? 1 : 0.8;
    if (CUE_START.test(head)) return byName ? 0.6 : 0.3;
    return byName ? 0.2 : 0;
  },
  parse(text, options) {
    return parseMicroDvd(text, options?.lang ?? 'en', options?.frameRate);
  },
  serialize(doc, options) {
    return serializeMicroDvd(doc, options);
  },
  bilingual: true,
};

interface RawCue {
  start: number;
  end: number | null;
  line: number;
  text: string;
  codes: string;
}

/** The rate a first cue `{1}{1}25` (or `{0}{0}25`) declares, or null when it is an ordinary cue. */
function declaredRate(m: RegExpExecArray): number | null {
  if (m[1] !== m[2] || (m[1] !== '0' && m[1] !== '1')) return null;
  const rate = /^\s*(\d{1,3}(?:[.,]\d+)?)\s*$/.exec(m[3]);
  const value = rate ? Number(rate[1].replace(',', '.')) : NaN;
  return value > 0 && value <= 300 ? value : null;
}

export function parseMicroDvd(text: string, lang: string, frameRate?: number): ReadResult {
  const lines = splitLines(text);
  const problems: Problem[] = [];
  const raw: RawCue[] = [];
  let rate = frameRate && frameRate > 0 ? frameRate : DEFAULT_FRAME_RATE;
  let fromFile: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const m = CUE.exec(line);
    if (!m || m[1] === '') {
      problems.push({ line: i + 1, message: `not a MicroDVD line ({start}{end}text), ignored: "${clip(line)}"`, severity: 'error' });
      continue;
    }
    const declared: number | null = raw.length === 0 && fromFile === null ? declaredRate(m) : null;
    if (declared !== null) {
      fromFile = rate = declared;
      continue;
    }
    const { text: cueText, codes } = fromMicroDvdLine(m[3]);
    raw.push({ start: Number(m[1]), end: m[2] === '' ? null : Number(m[2]), line: i + 1, text: cueText, codes });
  }
  const cues = toCues(raw, rate, lang, problems);
  const inOrder = cues.every((c, i) => i === 0 || cues[i - 1].start <= c.start);
  if (!inOrder) problems.push({ line: 0, message: 'cues are not in time order; sorted by start', severity: 'warning' });
  const doc: SubtitleDocument = {
    languages: [{ code: lang, name: languageName(lang) }],
    cues: sortCues(cues).map((c, i) => ({ ...c, id: `c${i + 1}` })),
    speakers: [], chapters: [], media: null,
    metadata: fromFile !== null ? { microdvd: { frameRate: fromFile } } : {},
  };
  return { doc, problems };
}

function toCues(raw: RawCue[], rate: number, lang: string, problems: Problem[]): Cue[] {
  const ms = (frame: number) => Math.round((frame * 1000) / rate);
  return raw.map((c, i) => {
    let endFrame = c.end;
    if (endFrame === null) {
      // `{100}{}text`: shown until the next cue (or for three seconds), as players do.
      const next = raw[i + 1]?.start;
      endFrame = next !== undefined && next > c.start ? next : c.start + Math.round(rate * 3);
      problems.push({ line: c.line, message: 'cue without an end frame: it ends where the next one starts', severity: 'warning' });
    }
    if (c.start < 0 || endFrame < 0) problems.push({ line: c.line, message: 'negative frame: cue kept, please fix its times', severity: 'error' });
    else if (endFrame < c.start) problems.push({ line: c.line, message: `cue ends before it starts ({${c.start}}{${endFrame}}): kept, please fix its times`, severity: 'error' });
    const cue: Cue = { id: '', start: ms(c.start), end: ms(endFrame), speaker: null, text: { [lang]: c.text } };
    if (c.codes) cue.extra = { microdvd: { codes: c.codes } };
    return cue;
  });
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/** The frame rate a document is written with: the option, else the one the file came with, else 23.976. */
export function writeFrameRate(doc: SubtitleDocument, options?: WriteOptions): number {
  if (options?.frameRate && options.frameRate > 0) return options.frameRate;
  const kept = (doc.metadata.microdvd as { frameRate?: unknown } | undefined)?.frameRate;
  return typeof kept === 'number' && kept > 0 ? kept : DEFAULT_FRAME_RATE;
}

/**
 * Writes `{1}{1}rate`, then one line per cue (empty cues too, so they survive), languages stacked top first.
 * Frames are rounded to the nearest; negative times are written as frame 0.
 */
export function serializeMicroDvd(doc: SubtitleDocument, options?: WriteOptions): string {
  const langs = writeLanguages(doc, options, 'MicroDVD');
  const rate = writeFrameRate(doc, options);
  const frame = (ms: number) => Math.max(0, Math.round((ms * rate) / 1000));
  const out = [`{1}{1}${Number(rate.toFixed(3))}`];
  for (const cue of doc.cues) {
    const extra = cue.extra?.microdvd as { codes?: unknown } | undefined;
    const codes = typeof extra?.codes === 'string' ? extra.codes : '';
    out.push(`{${frame(cue.start)}}{${frame(cue.end)}}${codes}${toMicroDvdLines(stackedLines(cue.text, langs)).join('|')}`);
  }
  return out.join('\n') + '\n';
}
