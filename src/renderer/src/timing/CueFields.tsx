/**
 * The current-cue bar under the waveform: start, end and duration of the selected cue, editable by typing
 * (Enter or leaving the field commits one `setEdge` command: one undo step), its reading speed per language,
 * a pin toggle, and the document's frame rate (stored in its metadata; times show as frames when set).
 */
import { useEffect, useMemo, useState, type JSX, type KeyboardEvent } from 'react';
import type { Cue } from '../../../shared/model';
import { documentFrameRate, FRAME_RATES, frameRateLabel, normalizeFrameRate, storedFrameRate } from '../../../shared/frames';
import { documentProfiles } from '../../../shared/qc/profiles';
import { SPEED_COLORS } from '../qc/reading-speed';
import { useDoc, useDocAndUi, useSession, useUi } from '../session/context';
import { formatFieldDuration, formatFieldTime, planFieldEdit, readingSpeeds, type CueField } from './cue-fields';
import './cue-fields.css';

const FIELD_LABELS: Record<CueField, string> = { start: 'Start', end: 'End', duration: 'Duration' };

function shownValue(cue: Cue, field: CueField, fps: number | null): string {
  if (field === 'duration') return formatFieldDuration(cue.end - cue.start, fps);
  return formatFieldTime(cue[field], fps);
}

interface FieldProps {
  cue: Cue;
  field: CueField;
  fps: number | null;
  onError(message: string | null): void;
}

/** One time field: shows the cue's value until the user types; Enter or blur commits, Escape puts it back. */
function TimeField({ cue, field, fps, onError }: FieldProps): JSX.Element {
  const session = useSession();
  const [draft, setDraft] = useState<string | null>(null);
  const value = shownValue(cue, field, fps);
  const commit = () => {
    if (draft === null || draft === value) return setDraft(null);
    const edit = planFieldEdit(cue, field, draft, fps);
    if (edit.kind === 'error') return onError(`${FIELD_LABELS[field]}: ${edit.message}`);
    onError(null);
    setDraft(null);
    if (edit.kind === 'set') void session.doc.command({ kind: 'setEdge', cueId: cue.id, edge: edit.edge, time: edit.time });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(null);
      onError(null);
      event.currentTarget.blur();
    }
  };
  return (
    <label className={`cue-field cue-field-${field}`}>
      {FIELD_LABELS[field]}
      <input
        value={draft ?? value}
        onChange={(e) => setDraft(e.target.value)}
        onFocus={(e) => e.currentTarget.select()}
        onBlur={commit}
        onKeyDown={onKeyDown}
        spellCheck={false}
        aria-label={`${FIELD_LABELS[field]} of the current cue`}
        data-testid={`cue-field-${field}`}
      />
    </label>
  );
}

function ReadingSpeeds({ cue }: { cue: Cue }): JSX.Element {
  const languages = useDoc((s) => s?.doc.languages);
  const chosen = useDoc((s) => s?.doc.metadata.qcProfiles);
  const custom = useUi((s) => s.settings.customProfiles);
  const profiles = useMemo(
    () => (languages ? documentProfiles({ languages, metadata: { qcProfiles: chosen } }, custom) : {}),
    [languages, chosen, custom],
  );
  const speeds = readingSpeeds(cue, languages?.map((l) => l.code) ?? [], profiles);
  return (
    <span className="cue-speeds" data-testid="cue-speeds">
      {speeds.map((s) => (
        <span key={s.lang} className="cue-speed" title={`Reading speed in ${s.lang} (${s.limit})`} style={s.level ? { color: SPEED_COLORS[s.level] } : undefined}>
          {s.lang} {s.text}
        </span>
      ))}
    </span>
  );
}

function PinToggle({ cue }: { cue: Cue }): JSX.Element {
  const session = useSession();
  const pinned = Boolean(cue.pinned);
  return (
    <button
      type="button"
      className={`cue-pin${pinned ? ' pinned' : ''}`}
      aria-pressed={pinned}
      title={pinned ? 'Pinned: auto-time keeps its times. Click to unpin (P)' : 'Pin: auto-time keeps its times (P)'}
      onClick={() => void session.doc.command({ kind: 'pin', cueIds: [cue.id], pinned: !pinned })}
      data-testid="cue-pin"
    >
      ◆ {pinned ? 'Pinned' : 'Pin'}
    </button>
  );
}

/** The document's frame rate: none, one of the usual rates, or the video's own rate when the media has one. */
function FrameRateSelect(): JSX.Element | null {
  const session = useSession();
  const stored = useDoc((s) => s?.doc.metadata.frameRate);
  const videoRate = useDoc((s) => normalizeFrameRate(s?.media?.frameRate));
  const fps = documentFrameRate({ frameRate: stored });
  const known = fps !== null && FRAME_RATES.some((r) => Math.abs(r.fps - fps) < 1e-6);
  const choose = (value: string) => {
    const next = value === '' ? null : value === 'video' ? videoRate : normalizeFrameRate(Number(value));
    if (next === fps) return;
    session.doc.applyLocal(next === null ? { type: 'setMetadata', key: 'frameRate' } : { type: 'setMetadata', key: 'frameRate', value: storedFrameRate(next) });
    session.ui.setStatus(next === null ? 'No frame rate: times in milliseconds' : `Frame rate ${frameRateLabel(next)} fps: times shown as frames`);
  };
  return (
    <label className="cue-fps" title="The document's frame rate: times show as HH:MM:SS:FF and typed times snap to frames">
      Frame rate
      <select value={fps === null ? '' : String(storedFrameRate(fps))} onChange={(e) => choose(e.target.value)} data-testid="frame-rate">
        <option value="">None (ms)</option>
        {FRAME_RATES.map((r) => <option key={r.label} value={r.label}>{r.label}</option>)}
        {fps !== null && !known && <option value={String(storedFrameRate(fps))}>{frameRateLabel(fps)}</option>}
        {videoRate !== null && <option value="video">From the video ({frameRateLabel(videoRate)})</option>}
      </select>
    </label>
  );
}

export function CueFields(): JSX.Element | null {
  const hasDoc = useDoc((s) => s !== null);
  const cue = useDocAndUi((d, ui) => d?.doc.cues.find((c) => c.id === ui.selectedCueId) ?? null);
  const number = useDoc((s) => (cue ? (s?.doc.cues.indexOf(cue) ?? -1) + 1 : 0));
  const frameRate = useDoc((s) => s?.doc.metadata.frameRate);
  const fps = documentFrameRate({ frameRate });
  const [error, setError] = useState<string | null>(null);
  const cueId = cue?.id;
  useEffect(() => setError(null), [cueId]);
  if (!hasDoc) return null;
  return (
    <div className="cue-fields" data-testid="cue-fields" aria-label="Current cue">
      <span className="cue-number" data-testid="cue-fields-number">{cue ? `Cue ${number}` : 'No cue selected'}</span>
      {cue && (
        // Keyed by cue: a half-typed value never carries over to the next cue.
        <span className="cue-times" key={cue.id}>
          <TimeField cue={cue} field="start" fps={fps} onError={setError} />
          <TimeField cue={cue} field="end" fps={fps} onError={setError} />
          <TimeField cue={cue} field="duration" fps={fps} onError={setError} />
        </span>
      )}
      {cue && <ReadingSpeeds cue={cue} />}
      {cue && <PinToggle cue={cue} />}
      <FrameRateSelect />
      {error && <span className="cue-fields-error" role="alert" data-testid="cue-fields-error">{error}</span>}
    </div>
  );
}
