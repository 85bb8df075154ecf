/**
 * The context menu of a waveform region: the same cue menu as the panes (speaker, split here, split
 * turn, merge with next, pin / unpin, delete), with the click's time as the split point.
 */
import type { JSX } from 'react';
import { ContextMenu } from '../menu/ContextMenu';
import { buildCueMenu, runCueMenuIntent } from '../menu/cue-menu';
import { useDoc, useSession, useUi } from '../session/context';
import type { RegionMenuRequest } from './wave-input';

export function RegionMenu({ request, onClose }: { request: RegionMenuRequest; onClose(): void }): JSX.Element | null {
  const session = useSession();
  const doc = useDoc((s) => s?.doc ?? null);
  const selectedCueIds = useUi((s) => s.selectedCueIds);
  const lang = useUi((s) => s.cursor?.lang ?? null);
  if (!doc) return null;
  const items = buildCueMenu(
    {
      doc,
      target: { cueId: request.cueId, lang: lang ?? doc.languages[0]?.code ?? '', offset: null },
      selectedCueIds,
      playheadMs: request.timeMs,
    },
    (intent) => void runCueMenuIntent(intent, (command) => session.doc.command(command)),
  );
  if (items.length === 0) return null;
  return <ContextMenu x={request.x} y={request.y} items={items} onClose={onClose} testId="region-menu" />;
}
