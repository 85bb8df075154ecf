/**
 * Read-only views of the panes' real state for the end-to-end tests: `window.__duosubPanes[lang]`.
 * The `data-testid`/`data-block-count` attributes on each pane's container are the other half.
 */
import type { LanguagePane } from './language-pane';

export interface PaneHost {
  lang: string;
  /** The pane's outer element (carries data-testid and data-block-count). */
  container: HTMLElement;
  /** The element Monaco renders into. */
  editorHost: HTMLElement;
}

export interface PaneTestHook {
  editor: LanguagePane['editor'];
  blockRange(cueId: string): { startLine: number; lineCount: number } | null;
  cueAtLine(line: number): string | null;
}

declare global {
  interface Window {
    __duosubPanes?: Record<string, PaneTestHook>;
  }
}

/** Publishes the hooks; returns the function that withdraws them. */
export function exposePanes(panes: readonly LanguagePane[]): () => void {
  const hooks: Record<string, PaneTestHook> = {};
  for (const pane of panes) {
    hooks[pane.lang] = {
      editor: pane.editor,
      blockRange(cueId) {
        const b = pane.index.indexOfCue(cueId);
        return b < 0 ? null : { startLine: pane.index.startLine(b), lineCount: pane.index.lineCount(b) };
      },
      cueAtLine(line) {
        const b = pane.index.blockAtLine(line);
        return b < 0 ? null : pane.index.cueIds[b];
      },
    };
  }
  window.__duosubPanes = hooks;
  return () => {
    if (window.__duosubPanes === hooks) delete window.__duosubPanes;
  };
}
