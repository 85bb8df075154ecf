/** Consecutive nudges of the same cues merge into one undo step, live and when the journal replays them. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOperation, type Operation } from '../../src/shared/operations';
import { cueNumbers, History, NUDGE_MERGE_MS, stepLabel } from '../../src/shared/history';
import { planNudge, planSetEdge } from '../../src/shared/commands/edges';
import { DEFAULT_EDIT_SETTINGS, type EditCommand } from '../../src/shared/commands/schema';
import type { SubtitleDocument } from '../../src/shared/model';
import { journalled, projectIn, walkHistory } from './journal-helpers';

function sampleDoc(): SubtitleDocument {
  return {
    languages: [{ code: 'en', name: 'English' }],
    cues: [
      { id: 'c1', start: 1000, end: 2000, speaker: null, text: { en: 'One' } },
      { id: 'c2', start: 3000, end: 4000, speaker: null, text: { en: 'Two' } },
    ],
    speakers: [],
    chapters: [],
    media: null,
    metadata: {},
  };
}

/** A document and its history, edited the way main edits: plan, apply, record at a given time. */
function editor() {
  let doc = sampleDoc();
  const history = new History();
  return {
    history,
    get doc() {
      return doc;
    },
    record(op: Operation, time: number) {
      const applied = applyOperation(doc, op);
      doc = applied.doc;
      history.record(op, applied.inverse, time);
    },
    nudge(cueIds: string[], edge: 'start' | 'end' | 'both', delta: number, time: number) {
      this.record(planNudge(doc, cueIds, edge, delta).op, time);
    },
    undo() {
      doc = history.undo(doc)!.doc;
    },
    redo() {
      doc = history.redo(doc)!.doc;
    },
    undoLabel() {
      return stepLabel(history.peek('undo')!, cueNumbers(doc));
    },
  };
}

describe('merging nudges', () => {
  it('five nudges of one cue within a second of each other are one step; one undo restores the original', () => {
    const e = editor();
    for (let i = 0; i < 5; i++) e.nudge(['c1'], 'start', 100, 10_000 + i * 400);
    expect(e.doc.cues[0].start).toBe(1500);
    expect(e.history.undoCount).toBe(1);
    expect(e.undoLabel()).toBe('Nudge start of cue 1 by +0.500 s');
    e.undo();
    expect(e.doc).toEqual(sampleDoc());
    expect(e.history.canUndo).toBe(false);
    // Redo brings back all five at once.
    const redone = e.history.redo(e.doc)!;
    expect(redone.doc.cues[0].start).toBe(1500);
  });

  it('keeps nudges apart for another cue, another edge, or more than a second between them', () => {
    const e = editor();
    e.nudge(['c1'], 'start', 100, 0);
    e.nudge(['c2'], 'start', 100, 100); // another cue
    e.nudge(['c2'], 'end', 100, 200); // another edge
    e.nudge(['c2'], 'end', 100, 200 + NUDGE_MERGE_MS + 1); // too late
    e.nudge(['c1', 'c2'], 'both', -100, 300 + NUDGE_MERGE_MS + 1); // other cues
    expect(e.history.undoCount).toBe(5);
    e.nudge(['c1', 'c2'], 'both', -100, 400 + NUDGE_MERGE_MS + 1); // same cues, same kind: merges
    expect(e.history.undoCount).toBe(5);
    expect(e.undoLabel()).toBe('Nudge cues 1–2 by −0.200 s');
  });

  it('never merges a set time (typed, or at the playhead), nor a nudge into a typing step or a redone step', () => {
    const e = editor();
    e.record(planSetEdge(e.doc, 'c1', 'end', 2500).op, 100);
    e.record(planSetEdge(e.doc, 'c1', 'end', 2600).op, 600);
    expect(e.history.undoCount).toBe(2); // each typed time is one undo step, however quick
    expect(e.undoLabel()).toBe('Set end of cue 1 to 2.600 s');
    e.record({ type: 'setText', cueId: 'c1', lang: 'en', text: 'One!' }, 700);
    e.nudge(['c1'], 'end', 100, 800);
    expect(e.history.undoCount).toBe(4);
    e.undo();
    e.redo();
    e.nudge(['c1'], 'end', 100, 900); // within the second of the redone nudge, yet a step of its own
    expect(e.history.undoCount).toBe(5);
    expect(e.doc.cues[0].end).toBe(2800);
  });

  it('labels a step by its cue number as the document has it, and names edits that have no command', () => {
    const e = editor();
    e.record({ type: 'setText', cueId: 'c2', lang: 'en', text: 'Too' }, 0);
    expect(e.undoLabel()).toBe('Type in cue 2 (en)');
    e.record({ type: 'setTimes', cueId: 'c2', start: 3000, end: 4200 }, 5000);
    expect(e.undoLabel()).toBe('Move the end of cue 2');
    e.record({ type: 'setTimes', cueId: 'c2', start: 3100, end: 4300 }, 10_000);
    expect(e.undoLabel()).toBe('Move cue 2');
  });
});

describe('merged nudges in the recovery journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'duosub-history-nudge-'));
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays into the same merged steps, and the restored document merges the next nudge too', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const dataDir = join(dir, 'recovery');
    const live = journalled(dataDir);
    const { docId, doc } = await live.documents.openFile(projectIn(dir));
    const first = doc.cues[0];
    const nudge = (delta: number): EditCommand => ({ kind: 'nudge', cueIds: [first.id], edge: 'start', delta });
    live.documents.apply(docId, { type: 'setText', cueId: first.id, lang: 'en', text: 'x' });
    await live.documents.flushJournal(); // the snapshot; what follows is replayed from the log
    for (const delta of [100, 100, 100]) {
      vi.setSystemTime(Date.now() + 300);
      live.documents.command(docId, nudge(delta), DEFAULT_EDIT_SETTINGS);
    }
    vi.setSystemTime(Date.now() + 2000);
    live.documents.command(docId, nudge(-10), DEFAULT_EDIT_SETTINGS); // a step of its own
    await live.documents.flushJournal();
    const liveState = live.documents.state(docId);
    expect(liveState.undoLabel).toBe('Nudge start of cue 1 by −0.010 s');

    const next = journalled(dataDir);
    const [entry] = await next.documents.recoverable();
    const restored = await next.documents.restore(entry.id);
    expect(restored.doc).toEqual(liveState.doc);
    expect(next.documents.historyList(restored.docId)).toEqual({ ...live.documents.historyList(docId), docId: restored.docId });
    // Restored within the second: the next nudge joins the last step, as it would have live.
    vi.setSystemTime(Date.now() + 200);
    next.documents.command(restored.docId, nudge(-10), DEFAULT_EDIT_SETTINGS);
    expect(next.documents.state(restored.docId).undoLabel).toBe('Nudge start of cue 1 by −0.020 s');
    live.documents.command(docId, nudge(-10), DEFAULT_EDIT_SETTINGS);
    const walked = walkHistory(next.documents, restored.docId);
    expect(walked).toEqual(walkHistory(live.documents, docId));
    expect(walked.undone).toBe(3); // the typing, the three nudges, the two late ones
    expect(walked.seen[1].cues[0].start).toBe(first.start); // one undo past the nudges: the original start
  });
});
