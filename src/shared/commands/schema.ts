/**
 * Edit commands: what the user asked for (split this cue here, merge these, shift by 2 s…). Main plans
 * each into primitive operations (./plan.ts) against its authoritative document, applies them as one
 * undo step, and returns the operation so views can apply the same change.
 */
import { z } from 'zod';
import { MAX_TIME_MS } from '../model';
import { BUILTIN_PROFILE_IDS, qcProfileSchema, type QcProfile } from '../qc/profiles';

const id = z.string().min(1).max(200);
const ms = z.number().int().min(0).max(MAX_TIME_MS);
const signedMs = z.number().int().min(-MAX_TIME_MS).max(MAX_TIME_MS);
const lang = z.string().min(1).max(35);
const cueIds = z.array(id).min(1).max(100_000);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/** Where a text cursor is: a character offset (UTF-16 code units) in one language's text of a cue. */
export const textPosition = z.object({ lang, offset: z.number().int().min(0) }).strict();

/** The speaker the second half of a split turn gets: an existing one, or a new one by name. */
const speakerChoice = z.union([
  z.object({ speakerId: id }).strict(),
  z.object({ newSpeakerName: z.string().min(1).max(200) }).strict(),
]);

export const editCommand = z.discriminatedUnion('kind', [
  /**
   * Split a cue. `at`: the cursor (that language splits there, the others at the matching clause boundary).
   * `playhead`: used as the split time when inside the cue. `speaker`: "split turn" — the second half's speaker.
   */
  z.object({ kind: z.literal('split'), cueId: id, at: textPosition.optional(), playhead: ms.optional(), speaker: speakerChoice.optional() }).strict(),
  /** Merge consecutive cues (two or more, in document order) into the first. */
  z.object({ kind: z.literal('merge'), cueIds: z.array(id).min(2).max(100_000) }).strict(),
  /** Merge a cue with the one after it. */
  z.object({ kind: z.literal('mergeWithNext'), cueId: id }).strict(),
  /** Insert an empty cue from `start` to `end` (at the playhead, or a span dragged on the waveform). */
  z.object({ kind: z.literal('insert'), start: ms, end: ms, speaker: id.nullable().optional() }).strict(),
  z.object({ kind: z.literal('delete'), cueIds }).strict(),
  z.object({ kind: z.literal('setSpeaker'), cueIds, speakerId: id.nullable() }).strict(),
  /** Pin (or unpin) cues: auto-timing keeps a pinned cue's times and aligns between pinned cues. */
  z.object({ kind: z.literal('pin'), cueIds, pinned: z.boolean() }).strict(),
  z.object({ kind: z.literal('addSpeaker'), name: z.string().min(1).max(200), color: color.optional() }).strict(),
  z.object({ kind: z.literal('renameSpeaker'), speakerId: id, name: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('recolorSpeaker'), speakerId: id, color }).strict(),
  /** Every cue of `from` goes to `into`; `from` is removed. */
  z.object({ kind: z.literal('mergeSpeakers'), from: id, into: id }).strict(),
  /** Move cues by an offset (negative = earlier); times never go below 0. */
  z.object({ kind: z.literal('shift'), cueIds: z.union([cueIds, z.literal('all')]), offset: signedMs }).strict(),
  /** Two-point resync: map cue `a`'s start to `a.time` and cue `b`'s start to `b.time`, every other time linearly. */
  z.object({
    kind: z.literal('resync'),
    a: z.object({ cueId: id, time: ms }).strict(),
    b: z.object({ cueId: id, time: ms }).strict(),
    cueIds: z.union([cueIds, z.literal('all')]),
  }).strict(),
  /** Close gaps shorter than `maxGap` between consecutive selected cues by extending ends (keeping the min gap). */
  z.object({ kind: z.literal('closeGaps'), cueIds: z.union([cueIds, z.literal('all')]), maxGap: ms }).strict(),
  /** Remove overlaps between consecutive selected cues (the earlier cue ends min-gap before the next starts). */
  z.object({ kind: z.literal('removeOverlaps'), cueIds: z.union([cueIds, z.literal('all')]) }).strict(),
  /** Set one edge of a cue (set start/end at the playhead), or nudge edges of cues by a delta. */
  z.object({ kind: z.literal('setEdge'), cueId: id, edge: z.enum(['start', 'end']), time: ms }).strict(),
  z.object({ kind: z.literal('nudge'), cueIds, edge: z.enum(['start', 'end', 'both']), delta: signedMs }).strict(),
  /** Find/replace across all cues (or `cueIds`) of one language, as one undo step. */
  z.object({
    kind: z.literal('replaceAll'),
    lang,
    find: z.string().min(1).max(10_000),
    replace: z.string().max(10_000),
    regex: z.boolean(),
    caseSensitive: z.boolean(),
    wholeWord: z.boolean().optional(),
    cueIds: cueIds.optional(),
  }).strict(),
  /** Fix QC problems of one rule on the given cues, or every such problem ('all'); `lang` limits text fixes to one language. */
  z.object({
    kind: z.literal('fix'),
    rule: z.enum(['cps', 'min-gap', 'overlap', 'cpl', 'lines', 'spaces']),
    cueIds: z.union([cueIds, z.literal('all')]),
    lang: lang.optional(),
  }).strict(),
  /** Choose the QC profile of one language of the document (stored in its metadata). */
  z.object({ kind: z.literal('setProfile'), lang, profileId: z.string().min(1).max(100) }).strict(),
  /** Move the last word of a cue's text to the start of the next cue's, or the next cue's first word back. */
  z.object({ kind: z.literal('moveWord'), cueId: id, lang, direction: z.enum(['toNext', 'fromNext']) }).strict(),
]);

export type EditCommand = z.infer<typeof editCommand>;

/** Settings the planners use; the defaults follow QC.md's relaxed profile. */
export interface EditSettings {
  /** Neither half of a split may be shorter than this. */
  minSplitMs: number;
  /**
   * Obsolete: the minimum gap now comes from the document's QC profiles (documentMinGapMs in qc/profiles.ts).
   * Old settings files still carry it; it is read without error and ignored.
   */
  minGapMs?: number;
  /** QC profiles the user made (beside the built-in ones); documents choose among both. */
  customProfiles?: QcProfile[];
  /** The ffmpeg to use; empty or absent = the one on PATH, else the one shipped in npm. */
  ffmpegPath?: string;
  /**
   * Hot exit (VS Code's): closing or quitting with unsaved changes does not ask; the journal keeps them and the
   * next start restores them without asking. Off: closing asks save / don't save / cancel.
   */
  hotExit?: boolean;
  /** Save the project file on its own shortly after each edit (documents that have one). The journal is always on. */
  autosaveProject?: boolean;
}

export const DEFAULT_EDIT_SETTINGS: EditSettings = { minSplitMs: 200 };

export const editSettingsSchema = z.object({
  minSplitMs: z.number().int().min(0).max(10_000),
  /** Obsolete (see EditSettings.minGapMs): accepted so old settings files still load, then dropped. */
  minGapMs: z.number().int().min(0).max(10_000).optional(),
  customProfiles: z
    .array(qcProfileSchema)
    .max(50)
    .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'profile ids must be unique')
    .refine((list) => list.every((p) => !(BUILTIN_PROFILE_IDS as readonly string[]).includes(p.id)), 'a custom profile cannot reuse a built-in id')
    .optional(),
  ffmpegPath: z.string().max(4096).optional(),
  hotExit: z.boolean().optional(),
  autosaveProject: z.boolean().optional(),
}).strict();
