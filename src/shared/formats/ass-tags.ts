/** Small conversions shared by the ASS/SSA readers and writers: colours and the two alignment numberings. */

/** `&HBBGGRR&` (or `&HAABBGGRR&`, or shorter) → `#rrggbb`; null when it is not a colour. */
export function assColorToHex(value: string): string | null {
  const m = /^&H([0-9A-Fa-f]{1,8})&?$/.exec(value.trim());
  if (!m) return null;
  const bgr = m[1].padStart(8, '0').slice(2);
  return `#${bgr.slice(4, 6)}${bgr.slice(2, 4)}${bgr.slice(0, 2)}`.toLowerCase();
}

const NAMED: Record<string, string> = {
  white: '#ffffff', black: '#000000', red: '#ff0000', lime: '#00ff00', green: '#008000', blue: '#0000ff',
  yellow: '#ffff00', cyan: '#00ffff', aqua: '#00ffff', magenta: '#ff00ff', fuchsia: '#ff00ff', silver: '#c0c0c0',
  gray: '#808080', grey: '#808080', maroon: '#800000', olive: '#808000', purple: '#800080', teal: '#008080',
  navy: '#000080', orange: '#ffa500',
};

/** A markup colour (`#rrggbb`, `#rgb`, a basic CSS name) → `&HBBGGRR&`; null when it is none of those. */
export function hexToAssColor(value: string): string | null {
  const v = value.trim().toLowerCase();
  let hex = NAMED[v] ?? v;
  if (/^#[0-9a-f]{3}$/.test(hex)) hex = `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}`;
  if (!/^#[0-9a-f]{6}$/.test(hex)) return null;
  return `&H${hex.slice(5, 7)}${hex.slice(3, 5)}${hex.slice(1, 3)}&`.toUpperCase();
}

/**
 * SSA's legacy alignment: 1–3 bottom, +4 top (5–7), +8 middle (9–11), left/centre/right within each; ASS uses the
 * numpad (1–3 bottom, 4–6 middle, 7–9 top).
 */
const LEGACY_TO_NUMPAD: Record<number, number> = { 1: 1, 2: 2, 3: 3, 5: 7, 6: 8, 7: 9, 9: 4, 10: 5, 11: 6 };
const NUMPAD_TO_LEGACY: Record<number, number> = { 1: 1, 2: 2, 3: 3, 7: 5, 8: 6, 9: 7, 4: 9, 5: 10, 6: 11 };

export function legacyToNumpad(legacy: number): number | null {
  return LEGACY_TO_NUMPAD[legacy] ?? null;
}

export function numpadToLegacy(numpad: number): number | null {
  return NUMPAD_TO_LEGACY[numpad] ?? null;
}
