/**
 * The History list (View → History): every undo step by name, newest on top, the current state marked and undone
 * steps greyed. A click undoes or redoes to that step in one request (doc.undoTo), so the document ends exactly
 * as after it. Main keeps the history; the list shows at most LIMIT steps each side (a long history stays fast).
 */
import { useEffect, useRef, useState, useSyncExternalStore, type JSX } from 'react';
import type { HistoryList } from '../../../shared/api';
import { getBridge, onMenuCommand } from '../bridge';
import { useDoc, useSession } from '../session/context';
import { hiddenNote, historyRows, type HistoryRow } from './history-rows';
import { useServices } from '../app-services';
import './history.css';

/** Steps listed on each side of the current state. */
const LIMIT = 200;
/** Typing changes the revision on every key: ask main for the list once the keys pause this long. */
const REFRESH_MS = 120;

export function HistoryPanel(): JSX.Element | null {
  const panel = useServices().history;
  const open = useSyncExternalStore(panel.subscribe, panel.isOpen);
  const shows = useSyncExternalStore(panel.subscribe, panel.shows);
  const docId = useDoc((s) => s?.docId ?? null);
  const revision = useDoc((s) => s?.revision ?? -1);
  const list = useHistoryList(open ? docId : null, revision);
  const root = useRef<HTMLDivElement>(null);

  // View → History in the desktop menu (the browser has the panel's header and the key).
  useEffect(() => onMenuCommand((command) => command === 'history' && panel.show()), [panel]);
  useEffect(() => {
    if (shows > 0) root.current?.scrollIntoView({ block: 'nearest' });
  }, [shows]);

  if (!docId) return null;
  return (
    <div className="duosub-history" data-testid="history-panel" ref={root}>
      <button type="button" className="duosub-history-head" aria-expanded={open} onClick={() => panel.toggle()} data-testid="history-toggle">
        <span>{open ? '▾' : '▸'} History</span>
      </button>
      {open && list && list.docId === docId && <HistorySteps list={list} />}
    </div>
  );
}

/** main's list for the open document, fetched again (after a pause) whenever its revision changes. */
function useHistoryList(docId: string | null, revision: number): HistoryList | null {
  const session = useSession();
  const [list, setList] = useState<HistoryList | null>(null);
  useEffect(() => {
    if (!docId) return;
    let live = true;
    const timer = setTimeout(() => {
      getBridge().api['doc.history']({ docId, limit: LIMIT }).then(
        (fresh) => live && setList(fresh),
        (error: unknown) => live && session.ui.setStatus(`History: ${error instanceof Error ? error.message : String(error)}`, 'error'),
      );
    }, list ? REFRESH_MS : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `list` only decides whether the first fetch waits; a new list must not fetch again.
  }, [docId, revision]);
  return docId ? list : null;
}

function HistorySteps({ list }: { list: HistoryList }): JSX.Element {
  const rows = historyRows(list);
  const note = hiddenNote(list);
  return (
    <ol className="duosub-history-steps" aria-label="Undo history, newest first">
      {rows.map((row) => <StepRow key={row.key} row={row} />)}
      {note && <li className="duosub-history-note">{note}</li>}
    </ol>
  );
}

function StepRow({ row }: { row: HistoryRow }): JSX.Element {
  const session = useSession();
  const current = row.state === 'current';
  const count = Math.abs(row.steps);
  const title = current
    ? `${row.label}: the document is as after this step`
    : `${row.label}: ${row.state === 'redo' ? 'redo' : 'undo'} to here (${count} step${count === 1 ? '' : 's'})`;
  return (
    <li className={`duosub-history-step ${row.state}`} aria-current={current ? 'step' : undefined}>
      <button
        type="button"
        data-testid="history-step"
        data-state={row.state}
        title={title}
        disabled={current}
        onClick={() => void session.doc.undoTo(row.steps)}
      >
        <span className="duosub-history-marker" aria-hidden="true">{current ? '▶' : ''}</span>
        <span className="duosub-history-label">{row.label}</span>
      </button>
    </li>
  );
}
