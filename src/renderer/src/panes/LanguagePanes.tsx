/**
 * One Monaco editor per language of the document, side by side, one block per cue, blocks aligned
 * across panes. React renders the frame and the cue context menu; `PanesController` owns the editors.
 */
import { useEffect, useRef, useState, type JSX } from 'react';
import type { SubtitleDocument } from '../../../shared/model';
import { languageName } from '../../../shared/model';
import type { EditCommand } from '../../../shared/commands/schema';
import type { CommandResult } from '../../../shared/api';
import { ContextMenu } from '../menu/ContextMenu';
import type { MenuItem } from '../menu/menu-items';
import { getStore } from '../store';
import type { CueMenuOpen, PanesCallbacks, PanesController, PaneCursor, SelectMode } from './panes-controller';
import { loadPanes, type PanesModule } from './load-panes';
import { LOAD_AT_ONCE_MAX } from './load-parts';
import { addedSpeakerId, buildCueMenu, type CueMenuIntent } from './cue-menu';
import type { PaneHost } from './test-hooks';
import './pane.css';
import '../languages/languages.css';

export type { PaneCursor, SelectMode } from './panes-controller';

export interface LanguagePanesProps {
  doc: SubtitleDocument; // immutable: a changed cue is a new object (compare by identity to find what changed)
  selectedCueId: string | null;
  /** Every selected cue (document order); the primary one is `selectedCueId`. Omitted = just the primary. */
  selectedCueIds?: readonly string[];
  /** Bumps when the app wants the selected cue revealed (e.g. a region was clicked): reveal it in every pane (centre if not visible) and put the cursor on its first line in the focused/first pane without stealing focus from elsewhere. */
  revealNonce: number;
  /** The caret entered a block ('replace'), or a gutter label was Ctrl/Cmd-clicked ('toggle') or Shift-clicked ('range'). */
  onSelectCue(cueId: string, mode?: SelectMode): void;
  onEditText(cueId: string, lang: string, text: string): void; // user edited a block: the block's full new text
  onUndo(): void; // Ctrl/Cmd+Z inside a pane
  onRedo(): void; // Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y
  /** The text caret moved, or another pane got focus (offset in UTF-16 code units into that cue's text). */
  onCursor?(cursor: PaneCursor | null): void;
  /** The pane with text focus changed to this language. */
  onFocusLang?(lang: string): void;
  /** A cue context-menu entry was chosen. May return the store's promise (needed for "New speaker…"). */
  onCommand?(command: EditCommand): unknown;
  /** The playhead in ms, read when the context menu builds a split (the split lands there when inside the cue). */
  getPlayheadMs?(): number | null;
  /** The entries of a pane header's language menu (rename, change code, move, remove); omitted = no menu. */
  languageMenu?(code: string): MenuItem[];
}

export function LanguagePanes(props: LanguagePanesProps): JSX.Element {
  const propsRef = useRef(props);
  propsRef.current = props;
  const controllerRef = useRef<PanesController | null>(null);
  const containers = useRef(new Map<string, HTMLElement>());
  const editorHosts = useRef(new Map<string, HTMLElement>());
  const [menu, setMenu] = useState<CueMenuOpen | null>(null);
  const [languageMenu, setLanguageMenu] = useState<{ code: string; x: number; y: number } | null>(null);
  const languages = props.doc.languages;
  const languageKey = languages.map((l) => l.code).join('\u0000');
  const selectedIds = props.selectedCueIds;

  // The editors live as long as the set of languages; everything else is fed to them incrementally. Monaco comes
  // in its own chunk (see load-panes.ts): the editors are made when it is in, from the props of that moment.
  useEffect(() => {
    let controller: PanesController | null = null;
    let unmounted = false;
    // A long document makes the editors in a task of their own: the one that received it (parsing, the first
    // render, the waveform) is long enough already.
    const large = propsRef.current.doc.cues.length > LOAD_AT_ONCE_MAX;
    const ready = (mod: PanesModule) => (large ? new Promise<PanesModule>((done) => setTimeout(() => done(mod), 0)) : mod);
    void loadPanes().then(ready).then(({ PanesController }) => {
      if (unmounted) return;
      const hosts: PaneHost[] = [];
      for (const lang of languageKey ? languageKey.split('\u0000') : []) {
        const container = containers.current.get(lang);
        const editorHost = editorHosts.current.get(lang);
        if (container && editorHost) hosts.push({ lang, container, editorHost });
      }
      const callbacks = (): PanesCallbacks => ({ ...propsRef.current, onCueMenu: setMenu });
      const p = propsRef.current;
      controller = new PanesController(hosts, p.doc, callbacks);
      controller.setSelection(p.selectedCueIds ?? (p.selectedCueId ? [p.selectedCueId] : []), p.selectedCueId);
      if (p.revealNonce !== 0) controller.reveal();
      controllerRef.current = controller;
    }, (error: unknown) => {
      // The chunk could not be fetched (browser mode: the server went away): say so rather than show empty panes.
      if (!unmounted) getStore().setStatus(`Could not load the text editor (${error instanceof Error ? error.message : String(error)}); reload the window`, 'error');
    });
    return () => {
      unmounted = true;
      controllerRef.current = null;
      controller?.dispose();
    };
  }, [languageKey]);

  useEffect(() => controllerRef.current?.setDocument(props.doc), [props.doc]);
  useEffect(() => {
    const primary = props.selectedCueId;
    controllerRef.current?.setSelection(selectedIds ?? (primary ? [primary] : []), primary);
  }, [props.selectedCueId, selectedIds]);
  useEffect(() => {
    if (props.revealNonce !== 0) controllerRef.current?.reveal();
  }, [props.revealNonce]);

  const runIntent = (intent: CueMenuIntent): void => {
    const run = propsRef.current.onCommand;
    if (!run) return;
    if (intent.type === 'command') {
      run(intent.command);
      return;
    }
    // The new speaker's id is only known once main has added it.
    void Promise.resolve(run({ kind: 'addSpeaker', name: intent.name })).then((result) => {
      const id = addedSpeakerId((result as CommandResult | null | undefined)?.applied, intent.name);
      if (id) run({ kind: 'setSpeaker', cueIds: intent.cueIds, speakerId: id });
    });
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
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          testId="cue-menu"
          onClose={() => setMenu(null)}
          items={buildCueMenu(
            { doc: props.doc, target: menu, selectedCueIds: selectedIds ?? (props.selectedCueId ? [props.selectedCueId] : []), playheadMs: props.getPlayheadMs?.() },
            runIntent,
          )}
        />
      )}
    </div>
  );
}
