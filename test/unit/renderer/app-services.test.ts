/** The window's services: built once, each its own object, released together; the cue menu's "New speaker…". */
import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../../src/shared/model';
import type { EditCommand } from '../../../src/shared/commands/schema';
import { createAppServices } from '../../../src/renderer/src/app-services';
import { runCueMenuIntent } from '../../../src/renderer/src/menu/cue-menu';
import { OpenFlag } from '../../../src/renderer/src/open-flag';

function manualScheduler() {
  const runs: Array<() => void> = [];
  return {
    scheduler: (run: () => void) => {
      runs.push(run);
      return () => runs.splice(runs.indexOf(run), 1);
    },
    runAll: () => runs.splice(0).forEach((run) => run()),
  };
}

const doc: SubtitleDocument = {
  languages: [{ code: 'en' }],
  cues: [{ id: 'c1', start: 0, end: 100, speaker: null, text: { en: 'Far too short to read at this speed, far too short' } }],
  speakers: [],
  chapters: [],
  media: null,
  metadata: {},
} as unknown as SubtitleDocument;

describe('the window services', () => {
  it('gives each panel its own flag: opening the help does not open Go to or History', () => {
    const services = createAppServices({ qcScheduler: manualScheduler().scheduler });
    services.help.toggle();
    expect(services.help.isOpen()).toBe(true);
    expect(services.goTo.isOpen()).toBe(false);
    expect(services.history.isOpen()).toBe(false);
    const other = createAppServices();
    expect(other.player).not.toBe(services.player); // two windows, two players: no module global
    other.dispose();
    services.dispose();
  });

  it('releases everything in one dispose: no listener hears, no question is left waiting', async () => {
    const turns = manualScheduler();
    const services = createAppServices({ qcScheduler: turns.scheduler });
    let heard = 0;
    services.qc.subscribe(() => heard++);
    services.player.onChange(() => heard++);
    services.help.subscribe(() => heard++);
    services.qc.setInputs(doc, {});
    turns.runAll();
    expect(heard).toBe(1); // the first check found issues
    const answer = services.questions.ask({ kind: 'unsaved', name: 'film.srt' });

    services.dispose();
    services.player.setZoom(200);
    services.help.toggle();
    services.qc.setInputs(null, {});
    turns.runAll();
    expect(heard).toBe(1);
    await expect(answer).resolves.toBe('cancel');
  });

  it('a flag notifies only on change, except show(), which asks the panel into view again', () => {
    const flag = new OpenFlag();
    let heard = 0;
    flag.subscribe(() => heard++);
    flag.set(false);
    flag.set(true);
    flag.set(true);
    expect(heard).toBe(1);
    flag.show();
    expect([heard, flag.shows()]).toEqual([2, 1]);
  });
});

describe('running a cue menu choice', () => {
  it('"New speaker…" adds the speaker, then gives the cues the id main chose', async () => {
    const sent: EditCommand[] = [];
    const run = (command: EditCommand) => {
      sent.push(command);
      if (command.kind !== 'addSpeaker') return Promise.resolve(null);
      return Promise.resolve({ applied: { type: 'putSpeaker', speaker: { id: 's7', name: command.name } } });
    };
    await runCueMenuIntent({ type: 'assignNewSpeaker', name: 'Ana', cueIds: ['c1', 'c2'] }, run);
    expect(sent).toEqual([
      { kind: 'addSpeaker', name: 'Ana' },
      { kind: 'setSpeaker', cueIds: ['c1', 'c2'], speakerId: 's7' },
    ]);
  });

  it('assigns nothing when main did not add the speaker, and runs a plain choice as it is', async () => {
    const sent: EditCommand[] = [];
    const refuse = (command: EditCommand) => {
      sent.push(command);
      return null;
    };
    await runCueMenuIntent({ type: 'assignNewSpeaker', name: 'Ana', cueIds: ['c1'] }, refuse);
    await runCueMenuIntent({ type: 'command', command: { kind: 'mergeWithNext', cueId: 'c1' } }, refuse);
    expect(sent).toEqual([{ kind: 'addSpeaker', name: 'Ana' }, { kind: 'mergeWithNext', cueId: 'c1' }]);
  });
});
