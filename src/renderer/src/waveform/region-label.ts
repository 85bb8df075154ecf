/**
 * What a region shows inside it: a pin mark when the cue is pinned, the cue's number, and the cue's text in
 * the first language on one line, cut with an ellipsis, when the region is wide enough to be worth reading.
 * One element per region, updated in place (the plugin's own label re-layout runs only when it is replaced).
 */
import { stripMarkup } from '../../../shared/text/markup';

/** Narrower than this, a region shows its number only: a few letters and an ellipsis say nothing. */
export const MIN_TEXT_PX = 56;
const PIN_COLOR = '#f2c14e';

export interface RegionLabel {
  number: string;
  /** The cue's text in the first language (markup and line breaks are dropped here). */
  text: string;
  pinned: boolean;
  /** The region's width on screen at the current zoom. */
  widthPx: number;
}

/** The one-line text a region shows: plain, line breaks as spaces; empty when the region is too narrow. */
export function regionText(label: RegionLabel): string {
  if (label.widthPx < MIN_TEXT_PX) return '';
  return stripMarkup(label.text).replace(/\s+/g, ' ').trim();
}

/** A new label element (the plugin marks it `part="region-content"`; styles are inline, it lives in a shadow root). */
export function createRegionLabel(): HTMLElement {
  const el = document.createElement('div');
  Object.assign(el.style, {
    display: 'flex', alignItems: 'center', gap: '4px', maxWidth: '100%', boxSizing: 'border-box',
    padding: '0.2em 0.4em', overflow: 'hidden', whiteSpace: 'nowrap',
  });
  const pin = document.createElement('span');
  pin.className = 'region-pin';
  pin.title = 'Pinned: auto-timing keeps its times';
  Object.assign(pin.style, {
    flex: 'none', width: '7px', height: '7px', borderRadius: '50%', background: PIN_COLOR,
    boxShadow: '0 0 0 1px rgba(0, 0, 0, 0.6)', display: 'none',
  });
  const number = document.createElement('span');
  number.className = 'region-number';
  Object.assign(number.style, { flex: 'none', fontWeight: '600' });
  const text = document.createElement('span');
  text.className = 'region-text';
  Object.assign(text.style, { minWidth: '0', overflow: 'hidden', textOverflow: 'ellipsis', opacity: '0.9' });
  el.append(pin, number, text);
  return el;
}

/** Brings a label element up to date, touching only what changed (refreshes run on every scroll frame). */
export function renderRegionLabel(el: HTMLElement, label: RegionLabel): void {
  const [pin, number, text] = Array.from(el.children) as HTMLElement[];
  if (!pin || !number || !text) return;
  const pinDisplay = label.pinned ? 'inline-block' : 'none';
  if (pin.style.display !== pinDisplay) pin.style.display = pinDisplay;
  if (number.textContent !== label.number) number.textContent = label.number;
  const shown = regionText(label);
  if (text.textContent !== shown) text.textContent = shown;
}

/** A pinned cue's region: a gold band along its bottom (the QC band is along the top, the selection an outline). */
export function markPinned(region: HTMLElement | null | undefined, pinned: boolean): void {
  if (!region) return;
  const value = String(pinned);
  if (region.getAttribute('data-pinned') === value) return;
  region.setAttribute('data-pinned', value);
  region.style.borderBottom = pinned ? `3px solid ${PIN_COLOR}` : '';
}
