/**
 * The one place that loads Monaco: the editor API from the package itself (no CDN, no AMD loader),
 * its web worker through Vite, and only the contributions plain-text panes use.
 * Monaco's own CSS comes in through the CSS imports inside its ESM modules (Vite bundles them).
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
// Find/replace (Ctrl+F) and word-wise cursor moves/deletes are contributions, not part of the core API.
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/wordOperations/register';

if (!self.MonacoEnvironment) {
  self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
}

export { monaco };
export type Monaco = typeof monaco;
