/**
 * The minimum gap, read-only in Settings (issue 13): it is the open document's QC profile's, the one figure split,
 * snapping, close gaps, remove overlaps, lengthen and the checks all keep. Changing it means changing the profile.
 */
import type { JSX } from 'react';
import { documentGapSource } from '../../../shared/qc/profiles';
import { useDoc, useUi } from '../session/context';

export interface GapSource {
  gapMs: number;
  profileName: string;
}

export function ProfileGapLine({ source }: { source: GapSource | null }): JSX.Element {
  return (
    <section data-testid="settings-min-gap">
      <div className="row">
        <span style={{ flex: 1 }}>Minimum gap</span>
        <span>{source ? `${source.gapMs} ms` : '—'}</span>
      </div>
      <div style={{ color: '#6a7282', fontSize: 12 }}>
        {source
          ? `From the QC profile ${source.profileName}; change it in the profile. Split, snapping, close gaps, remove overlaps and lengthen all keep it.`
          : 'From the open document\u2019s QC profile (no document is open).'}
      </div>
    </section>
  );
}

/** The line for the document open in the session. */
export function DocumentProfileGap(): JSX.Element {
  const doc = useDoc((s) => s?.doc ?? null);
  const custom = useUi((s) => s.settings.customProfiles);
  return <ProfileGapLine source={doc ? documentGapSource(doc, custom ?? []) : null} />;
}
