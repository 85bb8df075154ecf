/**
 * What WebVTT carries that the model does not use, kept so writing WebVTT again gives it back: per cue
 * `extra.vtt` (identifier, settings, the classes of its voice), per document `metadata.vtt` (the header, and the
 * NOTE/STYLE/REGION blocks with the cue each stood before). Both are JSON; read back defensively.
 */
import type { Cue, SubtitleDocument } from '../model';

export interface VttCueExtra {
  id?: string;
  /** Cue settings as written after the times (`line:0 align:start`), whitespace collapsed. */
  settings?: string;
  /** Classes of the whole-cue voice (`<v.loud Mary>` → ['loud']). */
  voiceClasses?: string[];
}

export interface VttKeptBlock {
  kind: 'note' | 'style' | 'region';
  text: string;
  /** Index of the cue the block stood before (the cue count: after the last cue). */
  before: number;
  /** Id of that cue, so the block follows it through edits. */
  cue?: string;
}

export interface VttMetadata {
  /** What followed `WEBVTT` on its line, then the header lines, `\n` between. */
  header?: string;
  blocks?: VttKeptBlock[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One line without `-->` (it would read as a timing line), or undefined. */
function oneLine(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && !/[\r\n]/.test(v) && !v.includes('-->') ? v : undefined;
}

export function vttCueExtra(cue: Cue): VttCueExtra {
  const raw = cue.extra?.vtt;
  if (!isRecord(raw)) return {};
  const classes = Array.isArray(raw.voiceClasses) ? raw.voiceClasses.filter((c): c is string => typeof c === 'string' && /^[^\s.<>&]+$/.test(c)) : [];
  return { id: oneLine(raw.id), settings: oneLine(raw.settings), voiceClasses: classes.length > 0 ? classes : undefined };
}

function keptBlock(v: unknown): VttKeptBlock | null {
  if (!isRecord(v) || typeof v.text !== 'string' || !['note', 'style', 'region'].includes(v.kind as string)) return null;
  const before = typeof v.before === 'number' && Number.isInteger(v.before) && v.before >= 0 ? v.before : 0;
  return { kind: v.kind as VttKeptBlock['kind'], text: v.text, before, cue: typeof v.cue === 'string' ? v.cue : undefined };
}

export function vttMetadata(doc: SubtitleDocument): VttMetadata {
  const raw = doc.metadata.vtt;
  if (!isRecord(raw)) return {};
  const blocks = Array.isArray(raw.blocks) ? raw.blocks.map(keptBlock).filter((b): b is VttKeptBlock => b !== null) : [];
  return { header: typeof raw.header === 'string' ? raw.header : undefined, blocks };
}
