/**
 * The context menu of a waveform region: the same cue menu as the panes (speaker, split here, split
 * turn, merge with next, pin / unpin, delete), with the click's time as the split point.
 */
import type { JSX } from 'react';
import { ContextMenu } from '../menu/ContextMenu';
import { addedSpeakerId, buildCueMenu, type CueMenuIntent } from '../panes/cue-menu';
import { getStore, useStore } from '../store';
import type { RegionMenuRequest } from './wave-input';

/** Runs a menu choice; "New speaker…" adds the speaker first, then assigns the id main gave it. */
async function runIntent(intent: CueMenuIntent): Promise<void> {
  const store = getStore();
  if (intent.type === 'command') {
    await store.command(intent.command);
    return;
  }
  const added = await store.command({ kind: 'addSpeaker', name: intent.name });
  const speakerId = addedSpeakerId(added?.applied, intent.name);
  if (speakerId) await store.command({ kind: 'setSpeaker', cueIds: intent.cueIds, speakerId });
}

export function RegionMenu({ request, onClose }: { request: RegionMenuRequest; onClose(): void }): JSX.Element | null {
  const doc = useStore((s) => s.docState?.doc ?? null);
  const selectedCueIds = useStore((s) => s.selectedCueIds);
  const lang = useStore((s) => s.cursor?.lang ?? null);
  if (!doc) return null;
  const items = buildCueMenu(
    {
      doc,
      target: { cueId: request.cueId, lang: lang ?? doc.languages[0]?.code ?? '', offset: null },
      selectedCueIds,
      playheadMs: request.timeMs,
    },
    (intent) => void runIntent(intent),
  );
  if (items.length === 0) return null;
  return <ContextMenu x={request.x} y={request.y} items={items} onClose={onClose} testId="region-menu" />;
}
