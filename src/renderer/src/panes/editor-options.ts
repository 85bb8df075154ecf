/** Editor options for a prose pane: wrapped plain text, no code-editor helpers, no Monaco undo UI. */
import type { monaco } from './monaco-setup';

/** Monospace Latin first (Monaco's simple wrapping assumes it), CJK fallbacks that exist on each platform. */
const FONT_FAMILY = [
  'Menlo', 'Consolas', '"DejaVu Sans Mono"', '"Noto Sans Mono CJK SC"', '"Noto Sans CJK SC"',
  '"Microsoft YaHei UI"', '"PingFang SC"', '"Hiragino Sans GB"', 'monospace',
].join(', ');

export const PANE_LINE_HEIGHT = 22;

export function paneEditorOptions(): monaco.editor.IStandaloneEditorConstructionOptions {
  return {
    automaticLayout: true,
    wordWrap: 'on',
    wrappingIndent: 'none',
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    lineHeight: PANE_LINE_HEIGHT,
    lineNumbersMinChars: 17,
    lineDecorationsWidth: 10,
    glyphMargin: false,
    folding: false,
    minimap: { enabled: false },
    // Monaco's context menu offers its own Undo, which would bypass the document history.
    contextmenu: false,
    quickSuggestions: false,
    wordBasedSuggestions: 'off',
    suggestOnTriggerCharacters: false,
    parameterHints: { enabled: false },
    unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
    occurrencesHighlight: 'off',
    selectionHighlight: false,
    matchBrackets: 'never',
    autoClosingBrackets: 'never',
    autoClosingQuotes: 'never',
    autoSurround: 'never',
    links: false,
    // Trimming auto whitespace edits the model behind the user's back (and behind the block index).
    trimAutoWhitespace: false,
    emptySelectionClipboard: false,
    renderLineHighlight: 'none',
    renderWhitespace: 'none',
    guides: { indentation: false, bracketPairs: false },
    // Bracket pairs mean nothing in prose, and colouring them scans the whole text on the first render.
    bracketPairColorization: { enabled: false },
    stickyScroll: { enabled: false },
    overviewRulerLanes: 0,
    hideCursorInOverviewRuler: true,
    // A horizontal scrollbar in one pane only would make the panes' heights differ (wrapping is on anyway).
    scrollbar: { horizontal: 'hidden', useShadows: false },
    scrollBeyondLastLine: true,
    fixedOverflowWidgets: true,
  };
}
