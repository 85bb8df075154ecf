/**
 * One Monaco editor per language of the document, side by side, one block per cue, blocks aligned
 * across panes. React renders the frame and the cue context menu; `PanesController` owns the editors and
 * follows the document session and the selection itself (a keystroke never re-renders this component).
 */
import { useEffect, useRef, useState, type JSX } from 'react';
import { languageName, type Language } from '../../../shared/model';
import type { EditCommand } from '../../../shared/commands/schema';
import { ContextMenu } from '../menu/ContextMenu';
import type { MenuItem } from '../menu/menu-items';
import { useDoc, useSession, useUi } from '../session/context';
import type { CueMenuOpen, PanesCallbacks, PanesController } from './panes-controller';
import { loadPanes, type PanesModule } from './load-panes';
import { LOAD_AT_ONCE_MAX } from './load-parts';
import { buildCueMenu, runCueMenuIntent, type CueMenuIntent } from '../menu/cue-menu';
import type { PaneHost } from './test-hooks';
import './pane.css';
import '../languages/languages.css';

export interface LanguagePanesProps {
  onUndo(): void; // Ctrl/Cmd+Z inside a pane
  onRedo(): void; // Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y
  /** The pane with text focus changed to this language. */
  onFocusLang?(lang: string): void;
  /** A cue context-menu entry was chosen. May return the session's promise (needed for "New speaker…"). */
  onCommand?(command: EditCommand): unknown;
  /** The playhead in ms, read when the context menu builds a split (the split lands there when inside the cue). */
  getPlayheadMs?(): number | null;
  /** The entries of a pane header's language menu (rename, change code, move, remove); omitted = no menu. */
  languageMenu?(code: string): MenuItem[];
}

/** Stable while no document is open (a new array each read would re-render forever). */
const NO_LANGUAGES: readonly Language[] = [];

export function LanguagePanes(props: LanguagePanesProps): JSX.Element {
  const propsRef = useRef(props);
  propsRef.current = props;
  const containers = useRef(new Map<string, HTMLElement>());
  const editorHosts = useRef(new Map<string, HTMLElement>());
  const [menu, setMenu] = useState<CueMenuOpen | null>(null);
  const [languageMenu, setLanguageMenu] = useState<{ code: string; x: number; y: number } | null>(null);
  const session = useSession();
  const languages = useDoc((s) => s?.doc.languages ?? NO_LANGUAGES);
  const languageKey = languages.map((l) => l.code).join('\u0000');
  const selectedIds = useUi((s) => s.selectedCueIds);

  // The editors live as long as the set of languages; everything else is fed to them incrementally. Monaco comes
  // in its own chunk (see load-panes.ts): the editors are made when it is in, from the session of that moment.
  useEffect(() => {
    let controller: PanesController | null = null;
    let unmounted = false;
    // A long document makes the editors in a task of their own: the one that received it (parsing, the first
    // render, the waveform) is long enough already.
    const large = (session.doc.state()?.doc.cues.length ?? 0) > LOAD_AT_ONCE_MAX;
    const ready = (mod: PanesModule) => (large ? new Promise<PanesModule>((done) => setTimeout(() => done(mod), 0)) : mod);
    void loadPanes().then(ready).then(({ PanesController }) => {
      const doc = session.doc.state()?.doc;
      if (unmounted || !doc) return;
      const hosts: PaneHost[] = [];
      for (const lang of languageKey ? languageKey.split('\u0000') : []) {
        const container = containers.current.get(lang);
        const editorHost = editorHosts.current.get(lang);
        if (container && editorHost) hosts.push({ lang, container, editorHost });
      }
      const callbacks = (): PanesCallbacks => ({ ...propsRef.current, onCueMenu: setMenu });
      controller = new PanesController(hosts, doc, session, callbacks);
    }, (error: unknown) => {
      // The chunk could not be fetched (browser mode: the server went away): say so rather than show empty panes.
      if (!unmounted) session.ui.setStatus(`Could not load the text editor (${error instanceof Error ? error.message : String(error)}); reload the window`, 'error');
    });
    return () => {
      unmounted = true;
      controller?.dispose();
    };
  }, [languageKey, session]);

  // Read when the menu renders (it closes on any choice), so typing does not re-render the panes' frame.
  const doc = menu ? session.doc.state()?.doc : undefined;
  const runIntent = (intent: CueMenuIntent): void => {
    const run = propsRef.current.onCommand;
    if (run) void runCueMenuIntent(intent, run);
  };

  return (
    <div className="duosub-panes">
      {languages.map((lang) => (
        <section
          key={lang.code}
          className="duosub-pane"
          data-testid={`pane-${lang.code}`}
          ref={(el) => {
            if (el) containers.current.set(lang.code, el);
          }}
        >
          <header className="duosub-pane-header" lang={lang.code}>
            <span className="pane-title">
              {lang.name || languageName(lang.code)} <span className="pane-code">{lang.code}</span>
            </span>
            {props.languageMenu && (
              <button
                type="button"
                className="duosub-pane-menu-button"
                aria-label={`Language menu: ${lang.name || languageName(lang.code)}`}
                aria-haspopup="menu"
                onClick={(e) => {
                  const box = e.currentTarget.getBoundingClientRect();
                  setLanguageMenu({ code: lang.code, x: box.left, y: box.bottom });
                }}
              >
                ▾
              </button>
            )}
          </header>
          <div
            className="duosub-pane-editor"
            ref={(el) => {
              if (el) editorHosts.current.set(lang.code, el);
            }}
          />
        </section>
      ))}
      {languageMenu && props.languageMenu && (
        <ContextMenu
          x={languageMenu.x}
          y={languageMenu.y}
          testId="language-menu"
          onClose={() => setLanguageMenu(null)}
          items={props.languageMenu(languageMenu.code)}
        />
      )}
      {menu && doc && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          testId="cue-menu"
          onClose={() => setMenu(null)}
          items={buildCueMenu(
            { doc, target: menu, selectedCueIds: selectedIds, playheadMs: props.getPlayheadMs?.() },
            runIntent,
          )}
        />
      )}
    </div>
  );
}
