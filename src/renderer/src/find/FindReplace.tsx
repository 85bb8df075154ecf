/**
 * Find/replace across every cue of one language: a floating, non-modal panel with a live count of
 * matching cues. "Find next" selects the next matching cue; "Replace all" is one `replaceAll` command
 * (one undo step), matched with the planner's own search so the count and the result agree.
 */
import { useMemo, useRef, useState, type JSX } from 'react';
import type { SubtitleDocument } from '../../../shared/model';
import { languageName } from '../../../shared/model';
import type { EditCommand } from '../../../shared/commands/schema';
import { buildMatcher, matchingCueIds, nextMatchingCue } from './matcher';
import '../settings/dialog.css';
import './find.css';

export interface FindReplaceProps {
  doc: SubtitleDocument;
  open: boolean;
  onClose(): void;
  onCommand(command: EditCommand): unknown;
  /** Select these cues; `primary` is the one to reveal. */
  onSelectMany(cueIds: string[], primary?: string): void;
}

export function FindReplace(props: FindReplaceProps): JSX.Element | null {
  const { doc } = props;
  const [lang, setLang] = useState(doc.languages[0]?.code ?? '');
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const lastFound = useRef<string | null>(null);
  const language = doc.languages.some((l) => l.code === lang) ? lang : (doc.languages[0]?.code ?? '');

  const matcher = useMemo(() => buildMatcher({ lang: language, find, regex, caseSensitive, wholeWord }), [language, find, regex, caseSensitive, wholeWord]);
  const matches = useMemo(() => (matcher.ok && props.open ? matchingCueIds(doc, language, matcher.re) : []), [matcher, doc, language, props.open]);
  if (!props.open) return null;

  const findNext = (): void => {
    if (!matcher.ok) return;
    const id = nextMatchingCue(doc, language, matcher.re, lastFound.current);
    lastFound.current = id;
    if (id) props.onSelectMany([id], id);
  };
  const replaceAll = (): void => {
    if (!matcher.ok || matches.length === 0) return;
    props.onCommand({ kind: 'replaceAll', lang: language, find, replace, regex, caseSensitive, wholeWord });
  };
  const toggle = (label: string, title: string, on: boolean, set: (v: boolean) => void): JSX.Element => (
    <button type="button" className={`toggle${on ? ' on' : ''}`} aria-pressed={on} title={title} onClick={() => set(!on)}>{label}</button>
  );
  const status = find === '' ? '' : !matcher.ok ? '' : `${matches.length} ${matches.length === 1 ? 'cue' : 'cues'}`;

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
        <span className="count" data-testid="find-count">{status}</span>
      </div>
      <div className="row">
        <span className="spacer" />
        <input type="text" aria-label="Replace" placeholder="Replace with" value={replace} onChange={(e) => setReplace(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && replaceAll()} />
        <button type="button" disabled={!matcher.ok || matches.length === 0} onClick={findNext}>Find next</button>
        <button type="button" disabled={!matcher.ok || matches.length === 0} onClick={() => props.onSelectMany(matches, matches[0])}>Select all</button>
        <button type="button" className="primary" disabled={!matcher.ok || matches.length === 0} onClick={replaceAll}>Replace all</button>
        <button type="button" aria-label="Close" title="Close (Esc)" onClick={props.onClose}>✕</button>
      </div>
      {!matcher.ok && matcher.error && <div className="error" role="alert">{matcher.error}</div>}
    </div>
  );
}
