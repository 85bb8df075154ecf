/** The shape of a Duosub project file (`.duosub.json`), checked piece by piece so one bad cue is one problem. */
import { z } from 'zod';

export const DUOSUB_VERSION = 1;

/**
 * Times as the model holds them: whole and exact in a double. Readers take a 99999-hour SRT time, and keep (and
 * flag) a negative one from SBV, LRC or JSON; a narrower schema once made projects Duosub saved fail to re-open.
 */
const ms = z
  .number('must be a number of milliseconds')
  .int('must be whole milliseconds')
  .min(Number.MIN_SAFE_INTEGER, 'is too small')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

/** The code is checked by the reader (language-codes.ts): a bad one is read under a stand-in, not dropped. */
export const languageSchema = z.object({
  code: z.string().min(1, 'must not be empty'),
  name: z.string(),
});

export const speakerSchema = z.object({
  id: z.string().min(1, 'must not be empty'),
  name: z.string(),
  color: z.string(),
});

export const chapterSchema = z.object({ start: ms, title: z.string() });

export const mediaSchema = z.object({
  path: z.string().min(1),
  duration: ms.optional(),
  // Optional: projects saved before Duosub recorded them still open.
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  headHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits').optional(),
}).nullable();

export const metadataSchema = z.record(z.string(), z.unknown());

export const cueSchema = z.object({
  id: z.string().min(1, 'must not be empty'),
  start: ms,
  end: ms,
  speaker: z.string().nullable(),
  text: z.record(z.string(), z.string()),
  pinned: z.boolean().optional(),
  // Checked on its own (cueTimingSchema): a bad confidence drops the confidence, never the cue.
  timing: z.unknown().optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
});

/** Auto-time's confidence in the cue's times, with the times it was given for (model.ts CueTiming). */
export const cueTimingSchema = z.object({
  confidence: z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1'),
  // Times auto-time gave, so never negative nor backwards (an undo re-inserting the cue checks them).
  start: ms.min(0, 'must not be negative'),
  end: ms,
}).refine((t) => t.end >= t.start, { message: 'ends before it starts', path: ['end'] });

/** "start: must be whole milliseconds" from the first issue zod found. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
