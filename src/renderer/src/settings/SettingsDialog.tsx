/** Edit settings: the minimum half of a split (the gap kept between cues is the QC profile's, shown read-only). */
import { useState, type JSX } from 'react';
import type { FfmpegInfo } from '../../../shared/api';
import type { EditSettings } from '../../../shared/commands/schema';
import { validateSettings, type SettingsForm, type TimingSetting } from './validate-settings';
import { ProfilesEditor } from './ProfilesEditor';
import { DocumentProfileGap, ProfileGapLine, type GapSource } from './ProfileGap';
import { FfmpegInUse, WorkSettings, type WorkChoices } from './WorkSettings';
import { Dialog } from '../dialog/Dialog';

export interface SettingsDialogProps {
  settings: EditSettings;
  onSave(patch: Partial<EditSettings>): unknown;
  onClose(): void;
  /** Which ffmpeg main uses (shown read-only); absent: the line is not shown. */
  ffmpegInfo?: () => Promise<FfmpegInfo>;
  /** The minimum gap and the profile it comes from; absent: read from the document open in the store. */
  gap?: GapSource | null;
}

const FIELDS: { key: TimingSetting; label: string; help: string }[] = [
  { key: 'minSplitMs', label: 'Minimum split duration', help: 'Neither half of a split is shorter than this.' },
];

export function SettingsDialog(props: SettingsDialogProps): JSX.Element {
  const [form, setForm] = useState<SettingsForm>({ minSplitMs: String(props.settings.minSplitMs) });
  const [errors, setErrors] = useState<Partial<Record<TimingSetting, string>>>({});
  const [ffmpegPath, setFfmpegPath] = useState(props.settings.ffmpegPath ?? '');
  const [work, setWork] = useState<WorkChoices>({ hotExit: props.settings.hotExit === true, autosaveProject: props.settings.autosaveProject === true });
  const save = (): void => {
    const check = validateSettings(form, props.settings);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    const path = ffmpegPath.trim();
    const patch: Partial<EditSettings> = path !== (props.settings.ffmpegPath ?? '') ? { ...check.patch, ffmpegPath: path } : { ...check.patch };
    if (work.hotExit !== (props.settings.hotExit === true)) patch.hotExit = work.hotExit;
    if (work.autosaveProject !== (props.settings.autosaveProject === true)) patch.autosaveProject = work.autosaveProject;
    if (Object.keys(patch).length > 0) props.onSave(patch);
    props.onClose();
  };
  return (
    <Dialog title="Settings" onClose={props.onClose} onSubmit={save} testId="settings-dialog" className="sections">
      {FIELDS.map(({ key, label, help }, i) => (
        <section key={key}>
          <div className="row">
            <label style={{ flex: 1 }} htmlFor={`setting-${key}`}>{label}</label>
            <input id={`setting-${key}`} type="number" min={0} max={10000} step={1} autoFocus={i === 0} style={{ width: 90 }}
              className={errors[key] ? 'bad' : undefined} value={form[key]}
              onChange={(e) => { setForm({ ...form, [key]: e.currentTarget.value }); setErrors({ ...errors, [key]: undefined }); }} /> ms
          </div>
          <div style={{ color: '#6a7282', fontSize: 12 }}>{help}</div>
          {errors[key] && <div className="error" role="alert">{errors[key]}</div>}
        </section>
      ))}
      {props.gap !== undefined ? <ProfileGapLine source={props.gap} /> : <DocumentProfileGap />}
      <section>
        <div className="row">
          <label style={{ flex: 1 }} htmlFor="setting-ffmpeg">ffmpeg</label>
          <input id="setting-ffmpeg" type="text" style={{ width: 220 }} placeholder="automatic" value={ffmpegPath}
            onChange={(e) => setFfmpegPath(e.currentTarget.value)} />
        </div>
        <div style={{ color: '#6a7282', fontSize: 12 }}>Full path of the ffmpeg to use; empty: the one on PATH, else the one installed with Duosub.</div>
        {props.ffmpegInfo && <FfmpegInUse load={props.ffmpegInfo} />}
      </section>
      <WorkSettings value={work} onChange={setWork} />
      <ProfilesEditor profiles={props.settings.customProfiles ?? []} onChange={(customProfiles) => props.onSave({ customProfiles })} />
      <footer>
        <button type="button" onClick={props.onClose}>Cancel</button>
        <button type="submit" className="primary">Save</button>
      </footer>
    </Dialog>
  );
}
