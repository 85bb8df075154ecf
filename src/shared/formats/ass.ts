/**
 * Advanced SubStation Alpha (.ass, and the older .ssa). Writing: one style per language, named by its code
 * (`zh-Hans`, `en`), so a bilingual file plays with each language in its own font and place and reads back
 * into the same languages. Reading: `Dialogue` lines become cues; when every style is named like a language
 * code, each style is a language and lines with the same times join into one cue; otherwise the file is one
 * language. Override tags (`{\b1}`, `{\pos(…)}`) are dropped — the model keeps plain text — and `\N` becomes a
 * line break. Times are centiseconds: writing rounds each millisecond time to the nearest 10 ms.
 */
import { isCjkLanguage } from '../commands/common';
import { languageName, sortCues, speakerColor as speakerColorAt, type Cue, type Problem, type SubtitleDocument } from '../model';
import { hasExtension, splitLines, writeLanguages, type ReadResult, type SubtitleFormat } from './types';

const EXTENSIONS = ['.ass', '.ssa'];

export const assFormat: SubtitleFormat = {
  id: 'ass',
  extensions: EXTENSIONS,
  detect(text, fileName) {
    const head = text.replace(/^\uFEFF/, '').slice(0, 2000);
    if (/^\s*\[Script Info\]/i.test(head)) return 1;
    if (/^Dialogue:/m.test(text.slice(0, 200_000))) return hasExtension(fileName, EXTENSIONS) ? 0.9 : 0.5;
    return hasExtension(fileName, EXTENSIONS) ? 0.4 : 0;
  },
  parse(text, options) {
    return parseAss(text, options?.lang ?? 'en');
  },
  serialize(doc, options) {
    return serializeAss(doc, options?.langs?.length || options?.lang ? writeLanguages(doc, options, 'ASS') : doc.languages.map((l) => l.code));
  },
  bilingual: true,
};

// ---------------------------------------------------------------- writing

const PLAY_RES = { x: 1920, y: 1080 };
const STYLE_FORMAT =
  'Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, ' +
  'StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding';
const EVENT_FORMAT = 'Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text';

/** `H:MM:SS.cc`; the nearest centisecond, halves up (1005 ms → 0:00:01.01). */
export function formatAssTime(ms: number): string {
  const cs = Math.round(Math.max(0, ms) / 10);
  const h = Math.floor(cs / 360_000);
  const m = Math.floor(cs / 6000) % 60;
  const s = Math.floor(cs / 100) % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${h}:${pad(m)}:${pad(s)}.${pad(cs % 100)}`;
}

/**
 * One bottom-centred style per language; the first language of `order` sits highest. CJK text gets a CJK font
 * and a larger size. The vertical margins leave room for two lines of the language below.
 */
function styleLine(lang: string, index: number, count: number): string {
  const cjk = isCjkLanguage(lang);
  const size = cjk ? 60 : 52;
  const font = cjk ? 'Noto Sans CJK SC' : 'Arial';
  const marginV = 40 + (count - 1 - index) * 130;
  return `Style: ${lang},${font},${size},&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,3,1,2,60,60,${marginV},1`;
}

/** ASS text: line breaks as `\N`; braces escaped so they are not read as override blocks. */
function assText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\\N')
    .replace(/[{}]/g, (c) => `\\${c}`);
}

/** The script in the given languages (one style each); cues without text in a language have no line for it. */
export function serializeAss(doc: SubtitleDocument, languages: string[]): string {
  const codes = doc.languages.map((l) => l.code);
  const missing = languages.find((l) => !codes.includes(l));
  if (missing) throw new Error(`no language "${missing}" in this document (${codes.join(', ')})`);
  const speakers = new Map(doc.speakers.map((s) => [s.id, s.name]));
  const title = typeof doc.metadata.title === 'string' ? doc.metadata.title.replace(/[\r\n]+/g, ' ') : '';
  const out = [
    '[Script Info]',
    ...(title ? [`Title: ${title}`] : []),
    'ScriptType: v4.00+',
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    `PlayResX: ${PLAY_RES.x}`,
    `PlayResY: ${PLAY_RES.y}`,
    '',
    '[V4+ Styles]',
    `Format: ${STYLE_FORMAT}`,
    ...languages.map((lang, i) => styleLine(lang, i, languages.length)),
    '',
    '[Events]',
    `Format: ${EVENT_FORMAT}`,
  ];
  for (const cue of doc.cues) {
    const name = (cue.speaker && speakers.get(cue.speaker)) ?? '';
    for (const lang of languages) {
      const text = assText(cue.text[lang] ?? '');
      if (text === '') continue;
      out.push(`Dialogue: 0,${formatAssTime(cue.start)},${formatAssTime(cue.end)},${lang},${name.replace(/,/g, '，')},0,0,0,,${text}`);
    }
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- reading

const ASS_TIME = /^(\d+):(\d{1,2}):(\d{1,2})(?:\.(\d{1,3}))?$/;
/** A style named like a BCP 47 code: `en`, `zh-Hans`, `pt-BR`. */
const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function parseAssTime(text: string): number | null {
  const m = ASS_TIME.exec(text.trim());
  if (!m) return null;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (min > 59 || s > 59) return null;
  // The fraction is hundredths in ASS; read it as a decimal fraction so `.5` and `.500` also work.
  const frac = m[4] ? Number(m[4].padEnd(3, '0')) : 0;
  return ((h * 60 + min) * 60 + s) * 1000 + frac;
}

/**
 * Plain text of an event: `{…}` blocks (override tags and comments) dropped, `\N`/`\n` as line breaks, `\h` as a
 * space, and the escaped braces `\{` `\}` (libass) as braces.
 */
export function assPlainText(text: string): string {
  return text
    .replace(/\\\{/g, '\uE000')
    .replace(/\\\}/g, '\uE001')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\\[Nn]/g, '\n')
    .replace(/\\h/g, ' ')
    .replace(/\uE000/g, '{')
    .replace(/\uE001/g, '}')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
}

interface Dialogue {
  line: number;
  start: number;
  end: number;
  style: string;
  name: string;
  text: string;
}

/** The `Dialogue` events of the `[Events]` section, read by its `Format` line (Text is last and may hold commas). */
function readDialogues(lines: string[], problems: Problem[]): Dialogue[] {
  let section = '';
  let fields = EVENT_FORMAT.split(',').map((f) => f.trim().toLowerCase());
  const out: Dialogue[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1].toLowerCase();
    else if (section === 'events' && /^Format\s*:/i.test(line)) {
      fields = line.replace(/^Format\s*:/i, '').split(',').map((f) => f.trim().toLowerCase());
    } else if (section === 'events' && /^Dialogue\s*:/i.test(line)) {
      const d = readDialogue(line.replace(/^Dialogue\s*:\s*/i, ''), fields, i + 1, problems);
      if (d) out.push(d);
    }
  });
  if (!lines.some((l) => /^\s*\[Events\]\s*$/i.test(l))) {
    problems.push({ line: 0, message: 'no [Events] section', severity: 'error' });
  }
  return out;
}

function readDialogue(body: string, fields: string[], lineNo: number, problems: Problem[]): Dialogue | null {
  const parts = body.split(',');
  if (parts.length < fields.length) {
    problems.push({ line: lineNo, message: `Dialogue has ${parts.length} fields, the Format line names ${fields.length}`, severity: 'error' });
    return null;
  }
  const values = [...parts.slice(0, fields.length - 1), parts.slice(fields.length - 1).join(',')];
  const get = (name: string) => (fields.indexOf(name) >= 0 ? values[fields.indexOf(name)].trim() : '');
  const start = parseAssTime(get('start'));
  const end = parseAssTime(get('end'));
  if (start === null || end === null) {
    const bad = start === null ? get('start') : get('end');
    problems.push({ line: lineNo, message: `bad time "${bad.slice(0, 40)}"`, severity: 'error' });
    return null;
  }
  if (end < start) {
    problems.push({ line: lineNo, message: `event ends before it starts: ${get('start')} → ${get('end')}`, severity: 'error' });
    return null;
  }
  const text = fields.indexOf('text') >= 0 ? values[fields.indexOf('text')] : '';
  return { line: lineNo, start, end, style: get('style'), name: get('name'), text: assPlainText(text) };
}

export function parseAss(text: string, lang: string): ReadResult {
  const problems: Problem[] = [];
  const dialogues = readDialogues(splitLines(text), problems).filter((d) => d.text !== '');
  const styles = [...new Set(dialogues.map((d) => d.style))];
  const byStyle = styles.length > 0 && styles.every((s) => LANGUAGE_CODE.test(s));
  const languages = byStyle ? styles : [lang];
  const speakerIds = new Map<string, string>();
  const cues: Cue[] = [];
  const open = new Map<string, Cue>(); // "start-end" → cue, to join the languages of one subtitle
  for (const d of dialogues) {
    const code = byStyle ? d.style : lang;
    const speaker = d.name ? speakerIdFor(speakerIds, d.name) : null;
    const key = `${d.start}-${d.end}-${d.name}`;
    const joined = byStyle ? open.get(key) : undefined;
    if (joined && joined.text[code] === undefined) {
      joined.text[code] = d.text;
      continue;
    }
    if (joined) problems.push({ line: d.line, message: `a second ${code} line at the same time starts a new cue`, severity: 'warning' });
    const cue: Cue = { id: '', start: d.start, end: d.end, speaker, text: { [code]: d.text } };
    open.set(key, cue);
    cues.push(cue);
  }
  const doc: SubtitleDocument = {
    languages: languages.map((code) => ({ code, name: languageName(code) })),
    cues: sortCues(cues).map((c, i) => ({ ...c, id: `c${i + 1}` })),
    speakers: [...speakerIds].map(([name, id], i) => ({ id, name, color: speakerColorAt(i) })),
    chapters: [],
    media: null,
    metadata: {},
  };
  return { doc, problems };
}

function speakerIdFor(ids: Map<string, string>, name: string): string {
  let id = ids.get(name);
  if (!id) ids.set(name, (id = `s${ids.size + 1}`));
  return id;
}
