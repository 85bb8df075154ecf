/**
 * QC markers on waveform regions: a band along the top of a region whose cue has an error (red) or a
 * warning (amber). Painted as a background image over the speaker colour, so it leaves the selection
 * outline (box-shadow) and the plugin's own styles alone; only regions in the plugin's window are touched.
 */
export type QcMark = 'error' | 'warning';

const BANDS: Record<QcMark, string> = {
  error: 'linear-gradient(to bottom, #d23c3f 0 4px, transparent 4px)',
  warning: 'linear-gradient(to bottom, rgba(224, 161, 0, 0.85) 0 3px, transparent 3px)',
};

/** Sets or clears the marker; a no-op when it already shows `mark`, so refreshes cost nothing. */
export function markRegion(element: HTMLElement | undefined | null, mark: QcMark | undefined): void {
  if (!element) return;
  const value = mark ?? '';
  if (element.getAttribute('data-qc') === value) return;
  element.setAttribute('data-qc', value);
  element.style.backgroundImage = mark ? BANDS[mark] : '';
}
