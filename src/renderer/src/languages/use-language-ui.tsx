/**
 * Everything the window shows for a document's languages, wired once: the "Add a language from a file…" dialog,
 * the report after it, the pane headers' language menu and the "remove?" question. The App places the pieces.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AddLanguageResult } from '../../../shared/api';
import type { DocStore } from '../store-core';
import { useStore } from '../store';
import type { Commands } from '../toolbar/commands';
import type { MenuItem } from '../menu/menu-items';
import { AddLanguageDialog, RemoveLanguageDialog } from './AddLanguageDialog';
import { LanguageReport } from './LanguageReport';
import { cueOfUnpaired, type UnpairedCue } from './add-report';
import { buildLanguageMenu, displayName } from './language-menu';

export interface LanguageUi {
  /** Opens "Add a language from a file…". */
  openAdd(): void;
  /** The pane header menu of one language. */
  languageMenu(code: string): MenuItem[];
  /** The report strip under the panes (null when there is none). */
  report: ReactNode;
  /** The dialogs (add, remove), when open. */
  dialogs: ReactNode;
}

export function useLanguageUi(store: DocStore, commands: Commands, electron: boolean): LanguageUi {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [result, setResult] = useState<AddLanguageResult | null>(null);
  const docState = useStore((s) => s.docState);
  const doc = docState?.doc ?? null;
  const docId = docState?.docId ?? null;

  // Another document: the report was about the previous one.
  useEffect(() => setResult((r) => (r && r.docId !== docId ? null : r)), [docId]);

  const openAdd = useCallback(() => setAdding(true), []);
  const add = useCallback(
    (file: File | null, lang: string | undefined) => void commands.addLanguage(file, lang).then((r) => r && setResult(r)),
    [commands],
  );
  const jump = useCallback((item: UnpairedCue) => {
    const current = store.getState().docState?.doc;
    const cueId = current ? cueOfUnpaired(current, item) : null;
    if (cueId) store.select(cueId, { reveal: true });
    else store.setStatus('That cue is no longer in the document.');
  }, [store]);

  const languageMenu = useCallback(
    (code: string): MenuItem[] => doc ? buildLanguageMenu(doc, code, {
      apply: (op) => store.applyLocal(op),
      confirmRemove: setRemoving,
      addFromFile: openAdd,
      refuse: (message) => store.setStatus(message, 'error'),
    }) : [],
    [doc, store, openAdd],
  );

  // Shown while the added language is still there (an undo takes the report away with it).
  const showReport = result && doc && result.docId === docId && doc.languages.some((l) => l.code === result.lang);
  const report = showReport ? <LanguageReport result={result} onJump={jump} onClose={() => setResult(null)} /> : null;
  const dialogs = (
    <>
      {adding && doc && (
        <AddLanguageDialog electron={electron} existing={doc.languages.map((l) => l.code)} onAdd={add} onClose={() => setAdding(false)} />
      )}
      {removing && doc && doc.languages.some((l) => l.code === removing) && (
        <RemoveLanguageDialog
          name={displayName(doc, removing)}
          code={removing}
          cueCount={doc.cues.filter((c) => (c.text[removing] ?? '') !== '').length}
          onRemove={() => store.applyLocal({ type: 'removeLanguage', code: removing })}
          onClose={() => setRemoving(null)}
        />
      )}
    </>
  );
  return { openAdd, languageMenu, report, dialogs };
}
