/**
 * Pointer and menu-key handling on one pane: Ctrl/Cmd- or Shift-click on a block's gutter label extends
 * the cue selection (Monaco would otherwise select lines), and a right-click or the context-menu key opens
 * the cue menu. Both listen in the capture phase on the pane's host so Monaco never sees these events.
 */
import { monaco } from './monaco-setup';
import type { PointerPane } from './pointer-pane';

export interface CueMenuRequest {
  block: number;
  /** Caret offset in the block's text, when the caret is (or was put) in that block. */
  offset: number | null;
  /** Client coordinates to open the menu at. */
  x: number;
  y: number;
}

/** `P` is the pane type the events hand back (the language pane itself, for its controller). */
export interface PointerEvents<P extends PointerPane = PointerPane> {
  gutterSelect(pane: P, block: number, mode: 'toggle' | 'range'): void;
  contextMenu(pane: P, request: CueMenuRequest): void;
}

const { MouseTargetType } = monaco.editor;
const GUTTER = new Set<number>([MouseTargetType.GUTTER_GLYPH_MARGIN, MouseTargetType.GUTTER_LINE_NUMBERS, MouseTargetType.GUTTER_LINE_DECORATIONS]);

function blockAt(pane: PointerPane, e: MouseEvent): { block: number; target: monaco.editor.IMouseTarget } | null {
  const target = pane.editor.getTargetAtClientPoint(e.clientX, e.clientY);
  const line = target?.position?.lineNumber;
  if (!target || line === undefined) return null;
  const block = pane.index.blockAtLine(line);
  return block < 0 ? null : { block, target };
}

export function wirePointer<P extends PointerPane>(pane: P, host: HTMLElement, events: PointerEvents<P>): monaco.IDisposable[] {
  const onDown = (e: MouseEvent): void => {
    if (e.button !== 0 || !(e.ctrlKey || e.metaKey || e.shiftKey)) return;
    const hit = blockAt(pane, e);
    if (!hit || !GUTTER.has(hit.target.type)) return;
    e.preventDefault();
    e.stopPropagation();
    // pointerdown and its compatibility mousedown both arrive: act once.
    if (e.type === 'pointerdown' || !('pointerId' in e)) events.gutterSelect(pane, hit.block, e.shiftKey ? 'range' : 'toggle');
  };
  const swallow = (e: MouseEvent): void => {
    if (e.button !== 0 || !(e.ctrlKey || e.metaKey || e.shiftKey)) return;
    const hit = blockAt(pane, e);
    if (hit && GUTTER.has(hit.target.type)) {
      e.preventDefault();
      e.stopPropagation();
    }
  };
  const onMenu = (e: MouseEvent): void => {
    const hit = blockAt(pane, e);
    e.preventDefault();
    e.stopPropagation();
    if (!hit) return;
    events.contextMenu(pane, { block: hit.block, offset: menuOffset(pane, hit.block, hit.target), x: e.clientX, y: e.clientY });
  };
  host.addEventListener('pointerdown', onDown, true);
  host.addEventListener('mousedown', swallow, true);
  host.addEventListener('contextmenu', onMenu, true);
  const keys = pane.editor.onKeyDown((e) => {
    const menuKey = e.keyCode === monaco.KeyCode.ContextMenu || (e.shiftKey && e.keyCode === monaco.KeyCode.F10);
    if (!menuKey) return;
    e.preventDefault();
    e.stopPropagation();
    const caret = pane.caret();
    const pos = pane.editor.getPosition();
    if (!caret || !pos) return;
    const at = pane.editor.getScrolledVisiblePosition(pos);
    const rect = host.getBoundingClientRect();
    events.contextMenu(pane, { ...caret, x: rect.left + (at?.left ?? 0), y: rect.top + (at ? at.top + at.height : 0) });
  });
  return [
    keys,
    {
      dispose: () => {
        host.removeEventListener('pointerdown', onDown, true);
        host.removeEventListener('mousedown', swallow, true);
        host.removeEventListener('contextmenu', onMenu, true);
      },
    },
  ];
}

/**
 * Right-click in the text puts the caret there (unless inside a selection) so "Split here" splits where
 * the user pointed; on the gutter it keeps the caret if it is already in that block.
 */
function menuOffset(pane: PointerPane, block: number, target: monaco.editor.IMouseTarget): number | null {
  const onText = target.type === MouseTargetType.CONTENT_TEXT || target.type === MouseTargetType.CONTENT_EMPTY;
  if (onText && target.position) {
    const inSelection = pane.editor.getSelections()?.some((s) => !s.isEmpty() && s.containsPosition(target.position!));
    if (!inSelection) pane.editor.setPosition(target.position);
    pane.editor.focus();
    return pane.offsetInBlock(block, target.position);
  }
  const caret = pane.caret();
  return caret && caret.block === block ? caret.offset : null;
}
