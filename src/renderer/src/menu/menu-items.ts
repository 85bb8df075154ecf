/** The items a context menu shows: plain data, so menus can be built (and tested) without React. */
export type MenuItem =
  | { kind: 'action'; label: string; run(): void; disabled?: boolean; checked?: boolean; hint?: string; color?: string }
  | { kind: 'submenu'; label: string; items: MenuItem[]; disabled?: boolean }
  /** An item that turns into a text field in place ("New speaker…"); Enter submits a non-empty value. */
  | { kind: 'input'; label: string; placeholder?: string; submit(text: string): void }
  | { kind: 'separator' };

/** Indices of the items keyboard navigation can land on. */
export function focusableItems(items: readonly MenuItem[]): number[] {
  const out: number[] = [];
  items.forEach((item, i) => {
    if (item.kind !== 'separator' && !('disabled' in item && item.disabled)) out.push(i);
  });
  return out;
}

/** The next focusable index after `current` in direction `step` (wrapping); -1 when there is none. */
export function stepFocus(items: readonly MenuItem[], current: number, step: 1 | -1): number {
  const list = focusableItems(items);
  if (list.length === 0) return -1;
  const at = list.indexOf(current);
  if (at === -1) return step === 1 ? list[0] : list[list.length - 1];
  return list[(at + step + list.length) % list.length];
}

/**
 * Keeps a menu of `size` inside the viewport: when it would overflow on the right it ends at `flipX`
 * instead (the click point for a menu, the parent menu's left edge for a submenu); shifts up at the bottom.
 */
export function placeMenu(
  x: number,
  y: number,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  flipX = x,
): { left: number; top: number } {
  const left = x + size.width > viewport.width ? Math.max(0, flipX - size.width) : x;
  const top = y + size.height > viewport.height ? Math.max(0, viewport.height - size.height) : y;
  return { left, top };
}
