/**
 * The document's speakers in a narrow side column: colour (click to change), name (double-click to
 * rename), cue count, and per-speaker actions. Every change is an `EditCommand` (one undo step each).
 */
import { useEffect, useRef, useState, type JSX } from 'react';
import type { Speaker, SubtitleDocument } from '../../../shared/model';
import type { EditCommand } from '../../../shared/commands/schema';
import { cueCountsBySpeaker, cuesOfSpeaker, nextSpeakerName } from './speaker-stats';
import './speakers.css';

export interface SpeakersPanelProps {
  doc: SubtitleDocument;
  selectedCueIds: readonly string[];
  onCommand(command: EditCommand): unknown;
  onSelectMany(cueIds: string[]): void;
}

export function SpeakersPanel(props: SpeakersPanelProps): JSX.Element {
  const { doc } = props;
  const counts = cueCountsBySpeaker(doc);
  const unassigned = counts.get(null) ?? 0;
  return (
    <div className="duosub-speakers" data-testid="speakers-panel">
      <div className="duosub-speakers-head">
        <span>Speakers</span>
        <button type="button" onClick={() => props.onCommand({ kind: 'addSpeaker', name: nextSpeakerName(doc) })} title="Add a speaker">+ Add</button>
      </div>
      {doc.speakers.map((s) => (
        <SpeakerRow key={s.id} speaker={s} count={counts.get(s.id) ?? 0} {...props} />
      ))}
      {unassigned > 0 && (
        <div className="duosub-speaker duosub-speaker-none">
          <div className="duosub-speaker-line">
            <span className="duosub-speaker-swatch" />
            <span className="duosub-speaker-name">No speaker</span>
            <span className="duosub-speaker-count">{unassigned}</span>
          </div>
          <div className="duosub-speaker-actions">
            <button type="button" onClick={() => props.onSelectMany(cuesOfSpeaker(doc, null))}>Select cues</button>
          </div>
        </div>
      )}
    </div>
  );
}

function SpeakerRow(props: SpeakersPanelProps & { speaker: Speaker; count: number }): JSX.Element {
  const { speaker, doc, selectedCueIds, onCommand } = props;
  const [editing, setEditing] = useState(false);
  const others = doc.speakers.filter((s) => s.id !== speaker.id);
  return (
    <div className="duosub-speaker" data-speaker-id={speaker.id}>
      <div className="duosub-speaker-line">
        <ColorSwatch color={speaker.color} onPick={(color) => color !== speaker.color && onCommand({ kind: 'recolorSpeaker', speakerId: speaker.id, color })} />
        {editing ? (
          <NameInput
            value={speaker.name}
            onDone={(name) => {
              setEditing(false);
              if (name && name !== speaker.name) onCommand({ kind: 'renameSpeaker', speakerId: speaker.id, name });
            }}
          />
        ) : (
          <span className="duosub-speaker-name" title="Double-click to rename" onDoubleClick={() => setEditing(true)}>{speaker.name}</span>
        )}
        <span className="duosub-speaker-count" title="Cues">{props.count}</span>
      </div>
      <div className="duosub-speaker-actions">
        <button
          type="button"
          disabled={selectedCueIds.length === 0}
          title="Give the selected cues this speaker"
          onClick={() => onCommand({ kind: 'setSpeaker', cueIds: [...selectedCueIds], speakerId: speaker.id })}
        >
          Assign{selectedCueIds.length > 1 ? ` (${selectedCueIds.length})` : ''}
        </button>
        <button type="button" disabled={props.count === 0} onClick={() => props.onSelectMany(cuesOfSpeaker(doc, speaker.id))}>Select</button>
        <select
          aria-label={`Merge ${speaker.name} into`}
          value=""
          disabled={others.length === 0}
          onChange={(e) => e.currentTarget.value && onCommand({ kind: 'mergeSpeakers', from: speaker.id, into: e.currentTarget.value })}
        >
          <option value="">Merge…</option>
          {others.map((o) => (
            <option key={o.id} value={o.id}>{o.name}</option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A colour input styled as a swatch; reports on the native `change` (picker closed), not every drag step. */
function ColorSwatch(props: { color: string; onPick(color: string): void }): JSX.Element {
  const ref = useRef<HTMLInputElement>(null);
  const pick = useRef(props.onPick);
  pick.current = props.onPick;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onChange = (): void => pick.current(el.value.toLowerCase());
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, []);
  const safe = /^#[0-9a-fA-F]{6}$/.test(props.color) ? props.color : '#9e9e9e';
  return <input ref={ref} type="color" className="duosub-speaker-swatch" title="Change colour" defaultValue={safe} key={safe} />;
}

function NameInput(props: { value: string; onDone(name: string | null): void }): JSX.Element {
  const [value, setValue] = useState(props.value);
  const done = useRef(false);
  const finish = (name: string | null): void => {
    if (done.current) return;
    done.current = true;
    props.onDone(name);
  };
  return (
    <input
      type="text"
      className="duosub-speaker-name-input"
      autoFocus
      value={value}
      aria-label="Speaker name"
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={() => finish(value.trim() || null)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(value.trim() || null);
        else if (e.key === 'Escape') finish(null);
      }}
    />
  );
}
