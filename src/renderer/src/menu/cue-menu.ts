/**
 * The cue context menu of the panes and the waveform regions, as plain menu data: every entry becomes one
 * `EditCommand` built from the cue, the caret and the selection. "New speaker…" entries need the new speaker's id
 * before they can assign it, so they come out as a separate intent that runCueMenuIntent resolves for both.
 */
import type { CommandResult } from '../../../shared/api';
import type { SubtitleDocument } from '../../../shared/model';
import type { EditCommand } from '../../../shared/commands/schema';
import type { Operation } from '../../../shared/operations';
import type { MenuItem } from './menu-items';

export interface CueMenuTarget {
  cueId: string;
  lang: string;
  /** Caret offset in the cue's text in `lang`, when the caret is in that cue. */
  offset: number | null;
}

export type CueMenuIntent =
  | { type: 'command'; command: EditCommand }
  /** Add a speaker called `name`, then give it `cueIds`. */
  | { type: 'assignNewSpeaker'; name: string; cueIds: string[] };

export interface CueMenuContext {
  doc: SubtitleDocument;
  target: CueMenuTarget;
  /** The cue selection: entries that make sense for many cues act on all of it when the target is in it. */
  selectedCueIds: readonly string[];
  playheadMs?: number | null;
}

export function buildCueMenu(ctx: CueMenuContext, run: (intent: CueMenuIntent) => void): MenuItem[] {
  const { doc, target } = ctx;
  const index = doc.cues.findIndex((c) => c.id === target.cueId);
  if (index < 0) return [];
  const cue = doc.cues[index];
  const isLast = index === doc.cues.length - 1;
  const many = ctx.selectedCueIds.length > 1 && ctx.selectedCueIds.includes(cue.id);
  const scope = many ? doc.cues.filter((c) => ctx.selectedCueIds.includes(c.id)).map((c) => c.id) : [cue.id];
  const command = (c: EditCommand) => () => run({ type: 'command', command: c });
  const at = target.offset === null ? undefined : { lang: target.lang, offset: target.offset };
  const playhead = ctx.playheadMs != null && ctx.playheadMs >= 0 ? { playhead: Math.round(ctx.playheadMs) } : {};
  const split = (speaker?: { speakerId: string } | { newSpeakerName: string }): EditCommand => ({
    kind: 'split', cueId: cue.id, ...(at ? { at } : {}), ...playhead, ...(speaker ? { speaker } : {}),
  });
  const text = cue.text[target.lang] ?? '';
  // Unpin only when every cue in scope is pinned; otherwise pin them all (as the P key does).
  const allPinned = doc.cues.filter((c) => scope.includes(c.id)).every((c) => c.pinned);
  const pinLabel = `${allPinned ? 'Unpin' : 'Pin'} ${many ? `${scope.length} cues` : 'cue'} (auto-time keeps ${many ? 'their' : 'its'} times)`;

  const speakerItems: MenuItem[] = [
    ...doc.speakers.map((s): MenuItem => ({
      kind: 'action', label: s.name, color: s.color, checked: !many && cue.speaker === s.id,
      run: command({ kind: 'setSpeaker', cueIds: scope, speakerId: s.id }),
    })),
    { kind: 'action', label: 'No speaker', checked: !many && cue.speaker === null, run: command({ kind: 'setSpeaker', cueIds: scope, speakerId: null }) },
    { kind: 'separator' },
    { kind: 'input', label: 'New speaker…', placeholder: 'Speaker name', submit: (name) => run({ type: 'assignNewSpeaker', name, cueIds: scope }) },
  ];
  const turnItems: MenuItem[] = [
    ...doc.speakers.filter((s) => s.id !== cue.speaker).map((s): MenuItem => ({
      kind: 'action', label: s.name, color: s.color, run: command(split({ speakerId: s.id })),
    })),
    { kind: 'separator' },
    { kind: 'input', label: 'New speaker…', placeholder: 'Speaker name', submit: (name) => run({ type: 'command', command: split({ newSpeakerName: name }) }) },
  ];
  return [
    { kind: 'submenu', label: many ? `Set speaker (${scope.length} cues)` : 'Set speaker', items: speakerItems },
    { kind: 'separator' },
    { kind: 'action', label: 'Split here', run: command(split()) },
    { kind: 'submenu', label: 'Split turn here', items: turnItems },
    { kind: 'action', label: 'Merge with next', disabled: isLast, run: command({ kind: 'mergeWithNext', cueId: cue.id }) },
    { kind: 'action', label: 'Move last word to next cue', disabled: isLast || text.trim() === '', run: command({ kind: 'moveWord', cueId: cue.id, lang: target.lang, direction: 'toNext' }) },
    { kind: 'separator' },
    { kind: 'action', label: pinLabel, checked: allPinned, hint: 'P', run: command({ kind: 'pin', cueIds: scope, pinned: !allPinned }) },
    { kind: 'separator' },
    { kind: 'action', label: many ? `Delete ${scope.length} cues` : 'Delete cue', run: command({ kind: 'delete', cueIds: scope }) },
  ];
}

/** The id of the speaker called `name` that an applied `addSpeaker` operation put in; null if none. */
export function addedSpeakerId(op: Operation | null | undefined, name: string): string | null {
  if (!op) return null;
  if (op.type === 'putSpeaker') return op.speaker.name === name ? op.speaker.id : null;
  if (op.type !== 'batch') return null;
  for (const inner of op.ops) {
    const id = addedSpeakerId(inner, name);
    if (id) return id;
  }
  return null;
}

/**
 * Runs a menu choice through `run` (the document's command, resolving to main's result): "New speaker…" adds the
 * speaker first, then gives it the cues under the id main chose, which is only known once main has added it.
 */
export async function runCueMenuIntent(intent: CueMenuIntent, run: (command: EditCommand) => unknown): Promise<void> {
  if (intent.type === 'command') {
    await run(intent.command);
    return;
  }
  const added = (await run({ kind: 'addSpeaker', name: intent.name })) as CommandResult | null | undefined;
  const speakerId = addedSpeakerId(added?.applied, intent.name);
  if (speakerId) await run({ kind: 'setSpeaker', cueIds: intent.cueIds, speakerId });
}
