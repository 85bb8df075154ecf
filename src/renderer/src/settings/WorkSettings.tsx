/**
 * Settings about keeping work (hot exit, saving the project file on its own) and a read-only line saying which
 * ffmpeg media work uses, with main's warning when it is the old npm build.
 */
import { useEffect, useState, type JSX } from 'react';
import type { FfmpegInfo } from '../../../shared/api';
import '../unsaved/unsaved.css';

export interface WorkChoices {
  hotExit: boolean;
  autosaveProject: boolean;
}

export function WorkSettings({ value, onChange }: { value: WorkChoices; onChange(value: WorkChoices): void }): JSX.Element {
  return (
    <section>
      <h3>Unsaved work</h3>
      <div className="row">
        <label>
          <input type="checkbox" checked={value.hotExit} onChange={(e) => onChange({ ...value, hotExit: e.currentTarget.checked })} />{' '}
          Keep unsaved changes across restarts without asking (hot exit)
        </label>
      </div>
      <div className="row">
        <label>
          <input type="checkbox" checked={value.autosaveProject}
            onChange={(e) => onChange({ ...value, autosaveProject: e.currentTarget.checked })} />{' '}
          Save the project file automatically
        </label>
      </div>
      <div className="settings-note">Unsaved edits are always kept in a recovery journal, whatever these say.</div>
    </section>
  );
}

/** What the ffmpeg line says: the path and version, or why there is none. */
export function ffmpegSummary(info: FfmpegInfo): string {
  if (!info.path) return 'No ffmpeg found: media cannot be opened. Install ffmpeg or set its path above.';
  const from = info.source === 'settings' ? 'set above' : info.source === 'system' ? 'the system’s' : info.source === 'bundled' ? 'installed with Duosub' : null;
  return `In use: ${info.path}${info.version ? ` (version ${info.version})` : ''}${from ? `, ${from}` : ''}`;
}

export function FfmpegInUse({ load }: { load(): Promise<FfmpegInfo> }): JSX.Element {
  const [info, setInfo] = useState<FfmpegInfo | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (result) => live && setInfo(result),
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [load]);
  if (failure) return <div className="settings-note" data-testid="ffmpeg-info">Could not ask which ffmpeg is used: {failure}</div>;
  if (!info) return <div className="settings-note" data-testid="ffmpeg-info">Looking for ffmpeg…</div>;
  return (
    <>
      <div className="settings-note" data-testid="ffmpeg-info">{ffmpegSummary(info)}</div>
      {info.warning && <div className="settings-note warning" role="note" data-testid="ffmpeg-warning">{info.warning}</div>}
    </>
  );
}
