/**
 * Find/replace across every cue of one language: a floating, non-modal panel with a live count of
 * matching cues. "Find next" selects the next matching cue; "Replace all" is one `replaceAll` command
 * (one undo step), matched with the planner's own search so the count and the result agree.
 * The user's pattern runs in a Web Worker with a time budget (./cue-search.ts): a runaway regex shows "stopped:
 * pattern too slow" and the page stays responsive. A running Replace all (main gives a regex 5 s) can be cancelled.
 */
import { useEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { SubtitleDocument } from '../../../shared/model';
import { languageName } from '../../../shared/model';
import type { EditCommand } from '../../../shared/commands/schema';
import { buildMatcher, nextMatchIn } from './matcher';
import { CueSearch, type MatchWorker, type SearchResult } from './cue-search';
import MatchWorkerScript from './match.worker?worker';
import './find.css';

export interface FindReplaceProps {
  doc: SubtitleDocument;
  open: boolean;
  onClose(): void;
  onCommand(command: EditCommand): unknown;
  /** Select these cues; `primary` is the one to reveal. */
  onSelectMany(cueIds: string[], primary?: string): void;
  /** Stops a running Replace all (`api['doc.cancelReplace']({ docId })`); without it no Cancel is offered. */
  onCancelReplace?(): unknown;
}

type Found = { kind: 'idle' } | { kind: 'searching'; ids: string[] } | { kind: 'done'; ids: string[] } | { kind: 'stopped' } | { kind: 'failed'; error: string };

/** Matching cue ids of the current search, found in a worker; `stopped` when the pattern ran over its budget. */
function useFound(doc: SubtitleDocument, language: string, re: RegExp | null, open: boolean): Found {
  const search = useRef<CueSearch | null>(null);
  const [found, setFound] = useState<Found>({ kind: 'idle' });
  useEffect(() => () => search.current?.dispose(), []);
  useEffect(() => {
    if (!re || !open) {
      setFound({ kind: 'idle' });
      return;
    }
    search.current ??= new CueSearch(() => new MatchWorkerScript() as unknown as MatchWorker);
    setFound((f) => ({ kind: 'searching', ids: f.kind === 'done' || f.kind === 'searching' ? f.ids : [] }));
    let current = true;
    void search.current.search(doc.cues.map((c) => c.text[language] ?? ''), re).then((result: SearchResult) => {
      if (!current || result.kind === 'superseded') return;
      if (result.kind === 'done') setFound({ kind: 'done', ids: result.hits.map((i) => doc.cues[i].id) });
      else setFound(result);
    });
    return () => {
      current = false;
    };
  }, [doc, language, re, open]);
  return found;
}

function statusOf(find: string, found: Found): string {
  if (find === '') return '';
  if (found.kind === 'stopped') return 'stopped: pattern too slow';
  if (found.kind === 'searching' || found.kind === 'done') return `${found.ids.length} ${found.ids.length === 1 ? 'cue' : 'cues'}`;
  return '';
}

export function FindReplace(props: FindReplaceProps): JSX.Element | null {
  const { doc } = props;
  const [lang, setLang] = useState(doc.languages[0]?.code ?? '');
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const lastFound = useRef<string | null>(null);
  const language = doc.languages.some((l) => l.code === lang) ? lang : (doc.languages[0]?.code ?? '');

  const matcher = useMemo(() => buildMatcher({ lang: language, find, regex, caseSensitive, wholeWord }), [language, find, regex, caseSensitive, wholeWord]);
  const found = useFound(doc, language, matcher.ok ? matcher.re : null, props.open);
  const matches = found.kind === 'done' ? found.ids : [];
  if (!props.open) return null;

  const findNext = (): void => {
    if (!matcher.ok) return;
    const id = nextMatchIn(doc, matches, lastFound.current);
    lastFound.current = id;
    if (id) props.onSelectMany([id], id);
  };
  const replaceAll = (): void => {
    if (!matcher.ok || matches.length === 0 || replacing) return;
    const running = props.onCommand({ kind: 'replaceAll', lang: language, find, replace, regex, caseSensitive, wholeWord });
    if (!(running instanceof Promise)) return;
    setReplacing(true);
    void running.finally(() => setReplacing(false));
  };
  const toggle = (label: string, title: string, on: boolean, set: (v: boolean) => void): JSX.Element => (
    <button type="button" className={`toggle${on ? ' on' : ''}`} aria-pressed={on} title={title} onClick={() => set(!on)}>{label}</button>
  );
  const status = matcher.ok ? statusOf(find, found) : '';
  const none = !matcher.ok || matches.length === 0;

  return (
    <div
      className="duosub-find popup-surface"
      role="dialog"
      aria-label="Find and replace"
      data-testid="find-replace"
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onClose();
        e.stopPropagation();
      }}
    >
      <div className="row">
        <select aria-label="Language" value={language} onChange={(e) => setLang(e.currentTarget.value)}>
          {doc.languages.map((l) => (
            <option key={l.code} value={l.code}>{l.name || languageName(l.code)}</option>
          ))}
        </select>
        <input
          type="text"
          autoFocus
          aria-label="Find"
          placeholder="Find"
          className={!matcher.ok && matcher.error ? 'bad' : undefined}
          value={find}
          onChange={(e) => {
            setFind(e.currentTarget.value);
            lastFound.current = null;
          }}
          onKeyDown={(e) => e.key === 'Enter' && findNext()}
        />
        {toggle('.*', 'Regular expression', regex, setRegex)}
        {toggle('Aa', 'Match case', caseSensitive, setCaseSensitive)}
        {toggle('ab', 'Whole word', wholeWord, setWholeWord)}
        <span className={`count${found.kind === 'stopped' ? ' stopped' : ''}`} data-testid="find-count" title={found.kind === 'stopped' ? 'The pattern took over 2 s to search the cues and was stopped; simplify it' : undefined}>{status}</span>
      </div>
      <div className="row">
        <span className="spacer" />
        <input type="text" aria-label="Replace" placeholder="Replace with" value={replace} onChange={(e) => setReplace(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && replaceAll()} />
        <button type="button" disabled={none} onClick={findNext}>Find next</button>
        <button type="button" disabled={none} onClick={() => props.onSelectMany(matches, matches[0])}>Select all</button>
        {replacing && props.onCancelReplace
          ? <button type="button" onClick={() => void props.onCancelReplace?.()}>Cancel</button>
          : <button type="button" className="primary" disabled={none || replacing} onClick={replaceAll}>Replace all</button>}
        <button type="button" aria-label="Close" title="Close (Esc)" onClick={props.onClose}>✕</button>
      </div>
      {!matcher.ok && matcher.error && <div className="error" role="alert">{matcher.error}</div>}
      {found.kind === 'failed' && <div className="error" role="alert">{found.error}</div>}
    </div>
  );
}
