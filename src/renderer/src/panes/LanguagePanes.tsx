/**
 * One Monaco editor per language of the document, side by side, one block per cue, blocks aligned
 * across panes. React renders the frame; `PanesController` owns the editors.
 */
import { useEffect, useRef, type JSX } from 'react';
import type { SubtitleDocument } from '../../../shared/model';
import { languageName } from '../../../shared/model';
import { PanesController, type PanesCallbacks } from './panes-controller';
import type { PaneHost } from './test-hooks';
import './pane.css';

export interface LanguagePanesProps {
  doc: SubtitleDocument; // immutable: a changed cue is a new object (compare by identity to find what changed)
  selectedCueId: string | null;
  /** Bumps when the app wants the selected cue revealed (e.g. a region was clicked): reveal it in every pane (centre if not visible) and put the cursor on its first line in the focused/first pane without stealing focus from elsewhere. */
  revealNonce: number;
  onSelectCue(cueId: string): void; // cursor entered a block
  onEditText(cueId: string, lang: string, text: string): void; // user edited a block: the block's full new text
  onUndo(): void; // Ctrl/Cmd+Z inside a pane
  onRedo(): void; // Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y
}

export function LanguagePanes(props: LanguagePanesProps): JSX.Element {
  const propsRef = useRef(props);
  propsRef.current = props;
  const controllerRef = useRef<PanesController | null>(null);
  const containers = useRef(new Map<string, HTMLElement>());
  const editorHosts = useRef(new Map<string, HTMLElement>());
  const languages = props.doc.languages;
  const languageKey = languages.map((l) => l.code).join('\u0000');

  // The editors live as long as the set of languages; everything else is fed to them incrementally.
  useEffect(() => {
    const hosts: PaneHost[] = [];
    for (const lang of languageKey ? languageKey.split('\u0000') : []) {
      const container = containers.current.get(lang);
      const editorHost = editorHosts.current.get(lang);
      if (container && editorHost) hosts.push({ lang, container, editorHost });
    }
    const callbacks = (): PanesCallbacks => propsRef.current;
    const controller = new PanesController(hosts, propsRef.current.doc, callbacks);
    controller.setSelectedCue(propsRef.current.selectedCueId);
    controllerRef.current = controller;
    return () => {
      controllerRef.current = null;
      controller.dispose();
    };
  }, [languageKey]);

  useEffect(() => controllerRef.current?.setDocument(props.doc), [props.doc]);
  useEffect(() => controllerRef.current?.setSelectedCue(props.selectedCueId), [props.selectedCueId]);
  useEffect(() => {
    if (props.revealNonce !== 0) controllerRef.current?.reveal();
  }, [props.revealNonce]);

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
            {lang.name || languageName(lang.code)}
          </header>
          <div
            className="duosub-pane-editor"
            ref={(el) => {
              if (el) editorHosts.current.set(lang.code, el);
            }}
          />
        </section>
      ))}
    </div>
  );
}
