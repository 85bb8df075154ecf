/**
 * Custom QC profiles: start from a built-in one, change its limits, save it into the settings (main persists
 * them); documents then choose it per language like a built-in profile.
 */
import { useState, type JSX } from 'react';
import { BUILTIN_PROFILES, qcProfileSchema, type QcProfile } from '../../../shared/qc/profiles';

type NumberField = 'charsPerLine' | 'maxLines' | 'maxCps' | 'minDurationMs' | 'maxDurationMs' | 'minGapMs';

const FIELDS: { key: NumberField; label: string }[] = [
  { key: 'charsPerLine', label: 'Characters per line' },
  { key: 'maxLines', label: 'Lines' },
  { key: 'maxCps', label: 'Reading speed (chars/s, 0 = none)' },
  { key: 'minDurationMs', label: 'Minimum duration (ms)' },
  { key: 'maxDurationMs', label: 'Maximum duration (ms, 0 = none)' },
  { key: 'minGapMs', label: 'Minimum gap (ms)' },
];

/** A profile id from its name, unique among `taken`. Runs of other characters are one dash already: trim one at each end. */
export function profileIdFor(name: string, taken: readonly string[]): string {
  const base = `custom-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'profile'}`;
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

export interface ProfilesEditorProps {
  profiles: readonly QcProfile[];
  onChange(profiles: QcProfile[]): unknown;
}

export function ProfilesEditor({ profiles, onChange }: ProfilesEditorProps): JSX.Element {
  const [draft, setDraft] = useState<QcProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const taken = [...BUILTIN_PROFILES, ...profiles].map((p) => p.id);

  const startFrom = (id: string) => {
    const base = [...BUILTIN_PROFILES, ...profiles].find((p) => p.id === id);
    if (!base) return;
    const isCustom = profiles.some((p) => p.id === id);
    setError(null);
    setDraft(isCustom ? { ...base } : { ...base, name: `${base.name} (custom)`, id: '' });
  };
  const save = () => {
    if (!draft) return;
    const others = profiles.filter((p) => p.id !== draft.id);
    const candidate = { ...draft, id: draft.id || profileIdFor(draft.name, taken) };
    const checked = qcProfileSchema.safeParse(candidate);
    if (!checked.success) return setError(checked.error.issues[0].message);
    onChange([...others, checked.data]);
    setDraft(null);
  };

  return (
    <section data-testid="profiles-editor">
      <h3 style={{ margin: '6px 0', fontSize: 13 }}>QC profiles</h3>
      <div className="row">
        <select aria-label="Edit or copy a profile" value="" onChange={(e) => startFrom(e.currentTarget.value)}>
          <option value="">New from… / edit…</option>
          <optgroup label="Copy a built-in profile">
            {BUILTIN_PROFILES.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </optgroup>
          {profiles.length > 0 && (
            <optgroup label="Edit your profiles">
              {profiles.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </optgroup>
          )}
        </select>
      </div>
      {profiles.length > 0 && !draft && (
        <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
          {profiles.map((p) => (
            <li key={p.id}>
              {p.name}{' '}
              <button type="button" onClick={() => onChange(profiles.filter((q) => q.id !== p.id))} aria-label={`Delete ${p.name}`}>Delete</button>
            </li>
          ))}
        </ul>
      )}
      {draft && (
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 90px', gap: 4, alignItems: 'center' }}>
          <label htmlFor="profile-name">Name</label>
          <input id="profile-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
          {FIELDS.map(({ key, label }) => (
            <label key={key} style={{ display: 'contents' }}>
              <span>{label}</span>
              <input type="number" min={0} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: Number(e.currentTarget.value) })} />
            </label>
          ))}
          {error && <div className="error" role="alert" style={{ gridColumn: '1 / -1' }}>{error}</div>}
          <span />
          <span style={{ display: 'flex', gap: 4 }}>
            <button type="button" onClick={() => setDraft(null)}>Cancel</button>
            <button type="button" className="primary" onClick={save}>Save profile</button>
          </span>
        </div>
      )}
    </section>
  );
}
