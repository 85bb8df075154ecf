/**
 * Everything the window shows for a document's languages, wired once: the "Add a language from a file…" dialog,
 * the report after it, the pane headers' language menu and the "remove?" question. The App places the pieces.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AddLanguageResult } from '../../../shared/api';
import type { AppSession } from '../session/app-session';
import { useDoc } from '../session/context';
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

/** The one command the language UI asks for (actions/commands.ts provides it; typed here so languages/ stays below actions/). */
export interface LanguageCommands {
  addLanguage(file: File | null, lang?: string): Promise<AddLanguageResult | null>;
}

export function useLanguageUi(session: AppSession, commands: LanguageCommands, electron: boolean): LanguageUi {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [result, setResult] = useState<AddLanguageResult | null>(null);
  const docState = useDoc((s) => s);
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
    const current = session.doc.state()?.doc;
    const cueId = current ? cueOfUnpaired(current, item) : null;
    if (cueId) session.ui.select(cueId, { reveal: true });
    else session.ui.setStatus('That cue is no longer in the document.');
  }, [session]);

  const languageMenu = useCallback(
    (code: string): MenuItem[] => doc ? buildLanguageMenu(doc, code, {
      apply: (op) => session.doc.applyLocal(op),
      confirmRemove: setRemoving,
      addFromFile: openAdd,
      refuse: (message) => session.ui.setStatus(message, 'error'),
    }) : [],
    [doc, session, openAdd],
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
          onRemove={() => session.doc.applyLocal({ type: 'removeLanguage', code: removing })}
          onClose={() => setRemoving(null)}
        />
      )}
    </>
  );
  return { openAdd, languageMenu, report, dialogs };
}
