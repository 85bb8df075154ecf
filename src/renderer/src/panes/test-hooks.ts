/**
 * Read-only views of the panes' real state for the end-to-end tests and the editing bench: `window.__duosubPanes[lang]`,
 * in the test build only (see ../test-hooks.ts). The `data-testid`/`data-block-count` attributes on each pane's
 * container are the other half, and ship in every build.
 */
import type { LanguagePane } from './language-pane';
import { exposeForTests } from '../test-hooks';

export interface PaneHost {
  lang: string;
  /** The pane's outer element (carries data-testid and data-block-count). */
  container: HTMLElement;
  /** The element Monaco renders into. */
  editorHost: HTMLElement;
}

interface PaneTestHook {
  editor: LanguagePane['editor'];
  blockRange(cueId: string): { startLine: number; lineCount: number } | null;
  cueAtLine(line: number): string | null;
}

function paneViews(panes: readonly LanguagePane[]): Record<string, PaneTestHook> {
  const views: Record<string, PaneTestHook> = {};
  for (const pane of panes) {
    views[pane.lang] = {
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
  return views;
}

/** Publishes the views (test build only: the guard lets a production build drop paneViews); returns their withdrawal. */
export function exposePanes(panes: readonly LanguagePane[]): () => void {
  if (typeof __DUOSUB_TEST_HOOKS__ === 'undefined' || !__DUOSUB_TEST_HOOKS__) return () => {};
  return exposeForTests('__duosubPanes', () => paneViews(panes));
}
