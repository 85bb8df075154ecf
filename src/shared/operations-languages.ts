/**
 * Language operations: rename a language, change its code, reorder the languages, remove one (and put it back),
 * and replace whole parts of the document (adding a language from a file). Like ./operations, each is a
 * serializable value applied by a pure function that returns the new document and the exact inverse, so undo,
 * redo and the recovery journal need nothing else.
 */
import type { Chapter, Cue, Language, Speaker, SubtitleDocument } from './model';
import { OperationError } from './operation-error';

/** The document parts a `replaceContent` swaps; `media` is never one (attaching media is not an edit). */
export interface DocumentContent {
  languages?: Language[];
  cues?: Cue[];
  speakers?: Speaker[];
  chapters?: Chapter[];
  metadata?: SubtitleDocument['metadata'];
}

/** One removed cue text: which cue, the text, and where the key stood among the cue's texts (exact undo). */
export interface RemovedText {
  cueId: string;
  text: string;
  at: number;
}

export type LanguageOperation =
  /** Sets the display name shown on the pane header ('' = the code's usual name). */
  | { type: 'renameLanguage'; code: string; name: string }
  /** Moves every cue's text from code `from` to `to`; `name`, when given, becomes the display name too. */
  | { type: 'changeLanguageCode'; from: string; to: string; name?: string }
  /** Puts the languages (panes; bilingual exports) in this order: a permutation of the document's codes. */
  | { type: 'setLanguageOrder'; codes: string[] }
  /** Removes a language and every cue's text in it. */
  | { type: 'removeLanguage'; code: string }
  /** The inverse of removeLanguage: the language back at `index`, with its texts where they were. */
  | { type: 'restoreLanguage'; language: Language; index: number; texts: RemovedText[] }
  /** Replaces whole parts of the document as one step (a language added from a file); `label` names the step. */
  | { type: 'replaceContent'; content: DocumentContent; label?: string };

export type LanguageOperationType = LanguageOperation['type'];

/** A language operation applied: the new document and the operation that undoes it (also a language operation). */
export interface LanguageApplied {
  doc: SubtitleDocument;
  inverse: LanguageOperation;
}

const LANGUAGE_OPERATION_TYPES: ReadonlySet<string> = new Set<LanguageOperationType>([
  'renameLanguage', 'changeLanguageCode', 'setLanguageOrder', 'removeLanguage', 'restoreLanguage', 'replaceContent',
]);

export function isLanguageOperation(op: { type: string }): op is LanguageOperation {
  return LANGUAGE_OPERATION_TYPES.has(op.type);
}

/** BCP 47-ish: a 1–8 letter primary subtag, then subtags of 1–8 letters or digits (`zh-Hans`, `en-GB`, `yue`). */
const CODE_SHAPE = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * A language code Duosub accepts: 1–35 characters of BCP 47 shape, and never a name plain objects already have
 * (`toString`, `valueOf`, `__proto__` …): cue texts are objects keyed by code, and such a key would break them.
 */
export function isLanguageCode(code: string): boolean {
  return code.length >= 1 && code.length <= 35 && CODE_SHAPE.test(code) && !(code in Object.prototype);
}

/** Longest display name a language may have. */
export const MAX_LANGUAGE_NAME = 100;

export function applyLanguageOperation(doc: SubtitleDocument, op: LanguageOperation): LanguageApplied {
  switch (op.type) {
    case 'renameLanguage':
      return renameLanguage(doc, op.code, op.name);
    case 'changeLanguageCode':
      return changeLanguageCode(doc, op.from, op.to, op.name);
    case 'setLanguageOrder':
      return setLanguageOrder(doc, op.codes);
    case 'removeLanguage':
      return removeLanguage(doc, op.code);
    case 'restoreLanguage':
      return restoreLanguage(doc, op.language, op.index, op.texts);
    case 'replaceContent':
      return replaceContent(doc, op.content, op.label);
  }
}

function languageIndex(doc: SubtitleDocument, code: string): number {
  const index = doc.languages.findIndex((l) => l.code === code);
  if (index < 0) throw new OperationError(`the document has no language ${code}`);
  return index;
}

function checkNewCode(doc: SubtitleDocument, code: string): void {
  if (!isLanguageCode(code)) throw new OperationError(`"${code}" is not a language code (e.g. zh-Hans, en, en-GB)`);
  if (doc.languages.some((l) => l.code === code)) throw new OperationError(`the document already has a language ${code}`);
}

function replaceLanguage(doc: SubtitleDocument, index: number, language: Language): SubtitleDocument {
  const languages = doc.languages.slice();
  languages[index] = language;
  return { ...doc, languages };
}

export function renameLanguage(doc: SubtitleDocument, code: string, name: string): LanguageApplied {
  const index = languageIndex(doc, code);
  if (name.length > MAX_LANGUAGE_NAME) throw new OperationError(`a language name has at most ${MAX_LANGUAGE_NAME} characters`);
  const before = doc.languages[index];
  return {
    doc: replaceLanguage(doc, index, { ...before, name }),
    inverse: { type: 'renameLanguage', code, name: before.name },
  };
}

/** A cue's texts with key `from` renamed to `to` in the same position (so the inverse gives back the same object shape). */
function renameTextKey(text: Record<string, string>, from: string, to: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(text)) out[key === from ? to : key] = value;
  return out;
}

export function changeLanguageCode(doc: SubtitleDocument, from: string, to: string, name?: string): LanguageApplied {
  const index = languageIndex(doc, from);
  checkNewCode(doc, to);
  if (name !== undefined && name.length > MAX_LANGUAGE_NAME) throw new OperationError(`a language name has at most ${MAX_LANGUAGE_NAME} characters`);
  const before = doc.languages[index];
  // Cues without text in `from` stay the same objects: views compare cues by identity.
  const cues = doc.cues.map((cue) => (Object.prototype.hasOwnProperty.call(cue.text, from) ? { ...cue, text: renameTextKey(cue.text, from, to) } : cue));
  const moved = replaceLanguage(doc, index, { ...before, code: to, name: name ?? before.name });
  return {
    doc: { ...moved, cues },
    inverse: { type: 'changeLanguageCode', from: to, to: from, name: before.name },
  };
}

export function setLanguageOrder(doc: SubtitleDocument, codes: string[]): LanguageApplied {
  const current = doc.languages.map((l) => l.code);
  const isPermutation = codes.length === current.length && new Set(codes).size === codes.length && codes.every((c) => current.includes(c));
  if (!isPermutation) throw new OperationError(`the order must name each language once: ${current.join(', ')}`);
  const languages = codes.map((code) => doc.languages[current.indexOf(code)]);
  return { doc: { ...doc, languages }, inverse: { type: 'setLanguageOrder', codes: current } };
}

export function removeLanguage(doc: SubtitleDocument, code: string): LanguageApplied {
  const index = languageIndex(doc, code);
  if (doc.languages.length === 1) throw new OperationError('a document keeps at least one language');
  const texts: RemovedText[] = [];
  const cues = doc.cues.map((cue) => {
    if (!Object.prototype.hasOwnProperty.call(cue.text, code)) return cue;
    const keys = Object.keys(cue.text);
    texts.push({ cueId: cue.id, text: cue.text[code], at: keys.indexOf(code) });
    const { [code]: _removed, ...rest } = cue.text;
    return { ...cue, text: rest };
  });
  const languages = doc.languages.filter((_, i) => i !== index);
  return {
    doc: { ...doc, languages, cues },
    inverse: { type: 'restoreLanguage', language: doc.languages[index], index, texts },
  };
}

/** A cue's texts with `code: text` inserted as the `at`-th key. */
function insertTextKey(text: Record<string, string>, code: string, value: string, at: number): Record<string, string> {
  const entries = Object.entries(text);
  entries.splice(Math.max(0, Math.min(at, entries.length)), 0, [code, value]);
  return Object.fromEntries(entries);
}

export function restoreLanguage(doc: SubtitleDocument, language: Language, index: number, texts: RemovedText[]): LanguageApplied {
  checkNewCode(doc, language.code);
  if (!Number.isInteger(index) || index < 0 || index > doc.languages.length) throw new OperationError(`bad language index ${index}`);
  const byCue = new Map(texts.map((t) => [t.cueId, t]));
  if (byCue.size !== texts.length) throw new OperationError('a cue appears twice among the restored texts');
  let found = 0;
  const cues = doc.cues.map((cue) => {
    const restored = byCue.get(cue.id);
    if (!restored) return cue;
    found++;
    return { ...cue, text: insertTextKey(cue.text, language.code, restored.text, restored.at) };
  });
  if (found !== texts.length) throw new OperationError('a restored text names a cue the document does not have');
  const languages = doc.languages.slice();
  languages.splice(index, 0, language);
  return { doc: { ...doc, languages, cues }, inverse: { type: 'removeLanguage', code: language.code } };
}

const CONTENT_KEYS = ['languages', 'cues', 'speakers', 'chapters', 'metadata'] as const;

export function replaceContent(doc: SubtitleDocument, content: DocumentContent, label?: string): LanguageApplied {
  const before: DocumentContent = {};
  const next: SubtitleDocument = { ...doc };
  for (const key of CONTENT_KEYS) {
    if (content[key] === undefined) continue;
    (before as Record<string, unknown>)[key] = doc[key];
    (next as unknown as Record<string, unknown>)[key] = content[key];
  }
  checkContent(doc, next);
  return { doc: next, inverse: label === undefined ? { type: 'replaceContent', content: before } : { type: 'replaceContent', content: before, label } };
}

/** What a replacement must leave: distinct language codes (any new one valid) and distinct cue ids. */
function checkContent(before: SubtitleDocument, doc: SubtitleDocument): void {
  const codes = doc.languages.map((l) => l.code);
  const known = new Set(before.languages.map((l) => l.code));
  const bad = codes.find((c) => !known.has(c) && !isLanguageCode(c));
  if (bad !== undefined) throw new OperationError(`"${bad}" is not a language code`);
  if (new Set(codes).size !== codes.length) throw new OperationError(`a language appears twice: ${codes.join(', ')}`);
  const ids = new Set(doc.cues.map((c) => c.id));
  if (ids.size !== doc.cues.length) throw new OperationError('two cues have the same id');
}

/** True when a language operation changes which cues exist or their order. */
export function languageOpChangesCueList(op: LanguageOperation): boolean {
  return op.type === 'replaceContent' && op.content.cues !== undefined;
}

/** Cue ids a language operation names (a replacement: every cue it puts in); others touch languages, not cues. */
export function languageOpTouchedCueIds(op: LanguageOperation): string[] {
  if (op.type === 'replaceContent') return (op.content.cues ?? []).map((c) => c.id);
  if (op.type === 'restoreLanguage') return op.texts.map((t) => t.cueId);
  return [];
}

/** The one step that turns `before` into `after` (a language added from a file): the parts that differ, by identity. */
export function replacementOf(before: SubtitleDocument, after: SubtitleDocument, label?: string): LanguageOperation {
  const content: DocumentContent = {};
  for (const key of CONTENT_KEYS) {
    if (before[key] !== after[key]) (content as Record<string, unknown>)[key] = after[key];
  }
  return label === undefined ? { type: 'replaceContent', content } : { type: 'replaceContent', content, label };
}
