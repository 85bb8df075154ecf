/**
 * The live readout while a region or one of its edges is dragged: start, end and duration in a small label
 * floating over the region, following the moving edge, gone on release. Times as the region has them now
 * (before the drop's snapping); frames when the document has a frame rate.
 */
import type WaveSurfer from 'wavesurfer.js';
import type { Region } from 'wavesurfer.js/plugins/regions';
import type RegionsPlugin from 'wavesurfer.js/plugins/regions';
import { documentFrameRate } from '../../../shared/frames';
import type { AppSession } from '../session/app-session';
import { formatDragReadout, readoutLeft } from './ruler';
import { DRAFT_REGION_ID } from './wave-input';

type Regions = ReturnType<typeof RegionsPlugin.create>;

/** Installs the readout in `host` (the waveform's positioning box); returns its teardown. */
export function showDragReadout(host: HTMLElement, ws: WaveSurfer, regions: Regions, session: AppSession): () => void {
  const el = document.createElement('div');
  el.className = 'drag-readout';
  el.setAttribute('data-testid', 'drag-readout');
  el.hidden = true;
  host.append(el);
  const hide = () => {
    el.hidden = true;
  };
  const onUpdate = (region: Region, side?: 'start' | 'end') => {
    const duration = ws.getDuration();
    if (region.id === DRAFT_REGION_ID || !duration) return;
    const metadata = session.doc.state()?.doc.metadata;
    const fps = metadata ? documentFrameRate(metadata) : null;
    const startMs = Math.round(region.start * 1000);
    const endMs = Math.round(region.end * 1000);
    el.textContent = formatDragReadout(startMs, endMs, fps, duration * 1000);
    el.setAttribute('data-side', side ?? 'move');
    el.hidden = false;
    const pxPerSec = (ws.getWrapper().scrollWidth || ws.getWidth()) / duration;
    const edgeX = (side === 'end' ? region.end : region.start) * pxPerSec - ws.getScroll();
    el.style.left = `${readoutLeft(edgeX, side, el.offsetWidth, ws.getWidth())}px`;
  };
  const offs = [
    regions.on('region-update', onUpdate),
    regions.on('region-updated', hide),
    regions.on('region-removed', hide),
  ];
  // A drag the plugin ends without an update (a refused resize) must not leave the label behind.
  window.addEventListener('pointerup', hide);
  return () => {
    offs.forEach((off) => off());
    window.removeEventListener('pointerup', hide);
    el.remove();
  };
}
