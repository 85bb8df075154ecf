/**
 * What pointer and menu-key handling needs of a pane: its editor, its block index and where the caret is.
 * A type of its own so pane-pointer.ts does not import language-pane.ts, which imports it (no file circle).
 */
import type { monaco } from './monaco-setup';
import type { BlockIndex } from './block-index';

export interface PointerPane {
  readonly lang: string;
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  readonly index: BlockIndex;
  /** The caret's block and offset in that block's text, or null when the editor has no caret. */
  caret(): { block: number; offset: number } | null;
  /** Offset of a model position inside a block's text. */
  offsetInBlock(block: number, pos: monaco.IPosition): number;
}
