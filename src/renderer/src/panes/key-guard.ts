/** The key guard of a pane: Backspace/Delete that would join two blocks is swallowed (merging cues is an explicit command). */
import { monaco } from './monaco-setup';
import type { BlockIndex } from './block-index';
import { isStructuralDelete } from './block-edits';

export function guardStructuralKeys(editor: monaco.editor.ICodeEditor, index: BlockIndex, e: monaco.IKeyboardEvent): void {
  const key = e.keyCode === monaco.KeyCode.Backspace ? 'Backspace' : e.keyCode === monaco.KeyCode.Delete ? 'Delete' : null;
  const model = editor.getModel();
  if (!key || !model) return;
  for (const s of editor.getSelections() ?? []) {
    const caret = {
      startLine: s.startLineNumber,
      startColumn: s.startColumn,
      endLine: s.endLineNumber,
      endColumn: s.endColumn,
      endLineMaxColumn: model.getLineMaxColumn(s.endLineNumber),
    };
    if (isStructuralDelete(index, key, caret)) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
  }
}
