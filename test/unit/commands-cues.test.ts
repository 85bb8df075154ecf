import { describe, expect, it } from 'vitest';
import { nextId } from '../../src/shared/plan/ids';
import { EN, ZH, makeDoc, run } from './commands-helpers';

const doc = makeDoc([
  [0, 1000, '一', 'one', 's1'],
  [2000, 3000, '二', 'two', 's1'],
  [4000, 5000, '三', 'three', 's2'],
]);

describe('ids', () => {
  it('are one more than the largest numeric suffix in use, never a reuse', () => {
    expect(nextId('c', ['c1', 'c7', 'x'])).toBe('c8');
    expect(nextId('c', ['c010', 'q'])).toBe('c11');
    expect(nextId('s', [])).toBe('s1');
  });
});

describe('insert', () => {
  it('inserts an empty cue where it keeps the cues sorted by start, and selects it', () => {
    const { doc: after, plan } = run(doc, { kind: 'insert', start: 2000, end: 2500, speaker: 's2' });
    expect(after.cues.map((c) => c.id)).toEqual(['c1', 'c4', 'c2', 'c3']);
    expect(after.cues[1]).toEqual({ id: 'c4', start: 2000, end: 2500, speaker: 's2', text: { [ZH]: '', [EN]: '' } });
    expect(plan).toMatchObject({ label: 'Insert cue 2', select: ['c4'] });
    expect(run(doc, { kind: 'insert', start: 9000, end: 9100 }).doc.cues[3]).toMatchObject({ id: 'c4', speaker: null });
  });

  it('refuses an empty span and an unknown speaker', () => {
    expect(() => run(doc, { kind: 'insert', start: 500, end: 500 })).toThrow('A new cue must end after it starts');
    expect(() => run(doc, { kind: 'insert', start: 500, end: 600, speaker: 's9' })).toThrow('No speaker with id s9');
  });
});

describe('delete', () => {
  it('deletes many and selects the cue after, or else the one before', () => {
    const { doc: after, plan } = run(doc, { kind: 'delete', cueIds: ['c2', 'c1'] });
    expect(after.cues.map((c) => c.id)).toEqual(['c3']);
    expect(plan).toMatchObject({ label: 'Delete cues 1–2', select: ['c3'] });
    expect(run(doc, { kind: 'delete', cueIds: ['c3'] }).plan.select).toEqual(['c2']);
    expect(run(doc, { kind: 'delete', cueIds: ['c1', 'c2', 'c3'] }).plan.select).toEqual([]);
  });

  it('refuses an unknown cue', () => {
    expect(() => run(doc, { kind: 'delete', cueIds: ['c1', 'gone'] })).toThrow('No cue with id gone');
  });
});

describe('speakers', () => {
  it('sets the speaker of many cues, touching only those that change', () => {
    const { doc: after, plan } = run(doc, { kind: 'setSpeaker', cueIds: ['c1', 'c2', 'c3'], speakerId: 's2' });
    expect(after.cues.map((c) => c.speaker)).toEqual(['s2', 's2', 's2']);
    expect(plan.op.ops).toHaveLength(2);
    expect(plan.label).toBe('Set speaker of cues 1–3 to Bo');
    expect(() => run(doc, { kind: 'setSpeaker', cueIds: ['c3'], speakerId: 's2' })).toThrow('Cue 3 already has Bo');
    expect(() => run(doc, { kind: 'setSpeaker', cueIds: ['c3'], speakerId: 's7' })).toThrow('No speaker with id s7');
  });

  it('adds a speaker with the next id and colour, and refuses a taken name', () => {
    const after = run(doc, { kind: 'addSpeaker', name: ' Cy ' }).doc;
    expect(after.speakers[2]).toEqual({ id: 's3', name: 'Cy', color: '#59a14f' });
    expect(run(doc, { kind: 'addSpeaker', name: 'Di', color: '#000000' }).doc.speakers[2].color).toBe('#000000');
    expect(() => run(doc, { kind: 'addSpeaker', name: 'Ann' })).toThrow('There is already a speaker named "Ann"');
  });

  it('renames and recolours', () => {
    const renamed = run(doc, { kind: 'renameSpeaker', speakerId: 's1', name: 'Anna' });
    expect(renamed.doc.speakers[0]).toEqual({ id: 's1', name: 'Anna', color: '#4e79a7' });
    expect(renamed.plan.label).toBe('Rename speaker Ann → Anna');
    expect(() => run(doc, { kind: 'renameSpeaker', speakerId: 's1', name: 'Bo' })).toThrow('already a speaker named "Bo"');
    expect(run(doc, { kind: 'recolorSpeaker', speakerId: 's2', color: '#000000' }).doc.speakers[1].color).toBe('#000000');
    expect(() => run(doc, { kind: 'recolorSpeaker', speakerId: 's2', color: '#F28E2B' })).toThrow('Bo already has colour');
  });

  it('merges one speaker into another and removes it', () => {
    const { doc: after, plan } = run(doc, { kind: 'mergeSpeakers', from: 's1', into: 's2' });
    expect(after.cues.map((c) => c.speaker)).toEqual(['s2', 's2', 's2']);
    expect(after.speakers.map((s) => s.id)).toEqual(['s2']);
    expect(plan.label).toBe('Merge speaker Ann into Bo (2 cues)');
    expect(() => run(doc, { kind: 'mergeSpeakers', from: 's1', into: 's1' })).toThrow('Pick two different speakers');
  });
});

describe('pin', () => {
  it('pins and unpins as one undoable step, and the project file keeps it', async () => {
    const { planCommand } = await import('../../src/shared/commands/plan');
    const { applyOperation } = await import('../../src/shared/operations');
    const { DEFAULT_EDIT_SETTINGS } = await import('../../src/shared/commands/schema');
    const { serializeDocument, readSubtitleText } = await import('../../src/shared/formats/registry');
    const doc = {
      languages: [{ code: 'en', name: 'English' }], speakers: [], chapters: [], media: null, metadata: {},
      cues: [
        { id: 'c1', start: 0, end: 1000, speaker: null, text: { en: 'a' } },
        { id: 'c2', start: 1000, end: 2000, speaker: null, text: { en: 'b' } },
      ],
    };
    const plan = planCommand(doc, { kind: 'pin', cueIds: ['c2'], pinned: true }, DEFAULT_EDIT_SETTINGS);
    const { doc: pinned, inverse } = applyOperation(doc, plan.op);
    expect(pinned.cues[1].pinned).toBe(true);
    expect(applyOperation(pinned, inverse).doc).toEqual(doc);
    const reread = readSubtitleText(serializeDocument(pinned, 'duosub'), 'p.duosub.json').doc;
    expect(reread.cues.map((c) => c.pinned)).toEqual([undefined, true]);
    expect(() => planCommand(pinned, { kind: 'pin', cueIds: ['c2'], pinned: true }, DEFAULT_EDIT_SETTINGS)).toThrow(/already pinned/);
  });
});
