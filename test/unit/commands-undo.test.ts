/**
 * Any sequence of planned commands on a random document, undone in reverse with the inverses applyOperation
 * returned, restores the original document exactly. Commands that cannot apply must say so with CommandError —
 * a plan that applyOperation rejects (OperationError) is a planner bug and fails the property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandError, planCommand } from '../../src/shared/commands/plan';
import { editCommand, type EditCommand } from '../../src/shared/commands/schema';
import type { SubtitleDocument } from '../../src/shared/model';
import { applyOperation, type Operation } from '../../src/shared/operations';
import { EN, ZH, makeDoc, type CueSpec } from './commands-helpers';

const KINDS = [
  'split', 'merge', 'mergeWithNext', 'insert', 'delete', 'setSpeaker', 'addSpeaker', 'renameSpeaker', 'recolorSpeaker',
  'mergeSpeakers', 'shift', 'resync', 'closeGaps', 'removeOverlaps', 'setEdge', 'nudge', 'replaceAll', 'moveWord',
] as const;

interface Seed { kind: (typeof KINDS)[number]; i: number; j: number; delta: number; time: number; flag: boolean; word: string }

const seed: fc.Arbitrary<Seed> = fc.record({
  kind: fc.constantFrom(...KINDS),
  i: fc.nat(),
  j: fc.nat(),
  delta: fc.integer({ min: -3000, max: 3000 }),
  time: fc.integer({ min: 0, max: 40_000 }),
  flag: fc.boolean(),
  word: fc.constantFrom('a', 'drop', '好', '(o+)', 'x', 'Speaker'),
});

const cueSpec: fc.Arbitrary<CueSpec> = fc.record({
  start: fc.integer({ min: 0, max: 30_000 }),
  duration: fc.integer({ min: 1, max: 5000 }),
  zh: fc.constantFrom('', '你好。', '非常感', '虽然很大,但', '好好好'),
  en: fc.constantFrom('', 'Hi.', 'a drop, but', 'so good', 'Mr. X went. Home'),
  speaker: fc.constantFrom(null, 's1', 's2'),
}).map((c) => [c.start, c.start + c.duration, c.zh, c.en, c.speaker]);

/** A command of the seed's kind against the current document (cues and speakers picked by index). */
function toCommand(doc: SubtitleDocument, s: Seed): EditCommand | null {
  const cues = doc.cues;
  const speakers = doc.speakers;
  const cue = cues.length ? cues[s.i % cues.length].id : null;
  const other = cues.length ? cues[s.j % cues.length].id : null;
  const some = cues.filter((_, k) => (k + s.j) % 3 !== 0).map((c) => c.id);
  const speaker = speakers.length ? speakers[s.i % speakers.length].id : null;
  const lang = s.flag ? ZH : EN;
  const many = some.length ? (s.flag ? some : ('all' as const)) : null;
  switch (s.kind) {
    case 'split': return cue ? { kind: 'split', cueId: cue, ...(s.flag ? { at: { lang, offset: s.j % 12 } } : {}), playhead: s.time, ...(s.delta > 0 ? { speaker: { newSpeakerName: s.word } } : {}) } : null;
    case 'merge': return some.length >= 2 ? { kind: 'merge', cueIds: some.slice(0, 2 + (s.j % 2)) } : null;
    case 'mergeWithNext': return cue ? { kind: 'mergeWithNext', cueId: cue } : null;
    case 'insert': return { kind: 'insert', start: s.time, end: s.time + Math.abs(s.delta), speaker: s.flag ? speaker : null };
    case 'delete': return some.length ? { kind: 'delete', cueIds: some } : null;
    case 'setSpeaker': return some.length ? { kind: 'setSpeaker', cueIds: some, speakerId: s.flag ? speaker : null } : null;
    case 'addSpeaker': return { kind: 'addSpeaker', name: `${s.word}${s.j % 4}` };
    case 'renameSpeaker': return speaker ? { kind: 'renameSpeaker', speakerId: speaker, name: `${s.word}${s.j % 4}` } : null;
    case 'recolorSpeaker': return speaker ? { kind: 'recolorSpeaker', speakerId: speaker, color: s.flag ? '#123456' : '#abcdef' } : null;
    case 'mergeSpeakers': return speakers.length ? { kind: 'mergeSpeakers', from: speaker!, into: speakers[s.j % speakers.length].id } : null;
    case 'shift': return many ? { kind: 'shift', cueIds: many, offset: s.delta } : null;
    case 'resync': return cue && other && many ? { kind: 'resync', a: { cueId: cue, time: s.time }, b: { cueId: other, time: s.time + s.delta + 5000 }, cueIds: many } : null;
    case 'closeGaps': return many ? { kind: 'closeGaps', cueIds: many, maxGap: Math.abs(s.delta) } : null;
    case 'removeOverlaps': return many ? { kind: 'removeOverlaps', cueIds: many } : null;
    case 'setEdge': return cue ? { kind: 'setEdge', cueId: cue, edge: s.flag ? 'start' : 'end', time: s.time } : null;
    case 'nudge': return some.length ? { kind: 'nudge', cueIds: some, edge: (['start', 'end', 'both'] as const)[s.j % 3], delta: s.delta } : null;
    case 'replaceAll': return { kind: 'replaceAll', lang, find: s.word, replace: s.flag ? '$1!' : 'z', regex: s.flag, caseSensitive: s.j % 2 === 0, wholeWord: s.i % 2 === 0 };
    case 'moveWord': return cue ? { kind: 'moveWord', cueId: cue, lang, direction: s.flag ? 'toNext' : 'fromNext' } : null;
  }
}

describe('undo of any command sequence (property)', () => {
  it('restores the original document, and every plan applies', () => {
    const settings = { minSplitMs: 200, minGapMs: 24 };
    let applied = 0;
    fc.assert(fc.property(fc.array(cueSpec, { maxLength: 8 }), fc.array(seed, { minLength: 1, maxLength: 12 }), (specs, seeds) => {
      const original = makeDoc(specs.sort((a, b) => a[0] - b[0]));
      let doc = original;
      const inverses: Operation[] = [];
      for (const s of seeds) {
        const command = toCommand(doc, s);
        if (!command) continue;
        editCommand.parse(command); // only commands the API would accept
        let plan;
        try {
          plan = planCommand(doc, command, settings);
        } catch (error) {
          if (error instanceof CommandError) continue;
          throw error;
        }
        const result = applyOperation(doc, plan.op);
        expect(new Set(result.doc.cues.map((c) => c.id)).size).toBe(result.doc.cues.length);
        inverses.push(result.inverse);
        doc = result.doc;
        applied++;
      }
      for (const inverse of inverses.reverse()) doc = applyOperation(doc, inverse).doc;
      expect(doc).toEqual(original);
    }), { numRuns: 400 });
    expect(applied).toBeGreaterThan(400); // the property exercised real plans, not only refusals
  });
});
