/** The document's encoding in the status bar; a click offers to re-open the file in another one. */
import type { JSX } from 'react';
import { useDoc } from '../session/context';
import './encoding.css';

/** Below this the detector was guessing (a legacy encoding told from few characters): the label says so. */
const SURE = 0.8;

export function EncodingStatus({ onClick }: { onClick(): void }): JSX.Element | null {
  const encoding = useDoc((s) => s?.encoding);
  const confidence = useDoc((s) => s?.encodingConfidence ?? 1);
  if (!encoding) return null;
  const unsure = confidence < SURE;
  const title = `Read as ${encoding}${unsure ? ' (a guess)' : ''}. Click to re-open with another encoding.`;
  return (
    <button type="button" className={`encoding-status${unsure ? ' unsure' : ''}`} onClick={onClick} title={title} data-testid="status-encoding">
      {encoding}
    </button>
  );
}
