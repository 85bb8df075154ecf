/**
 * "Locate the media": shown (as a bar, not a modal: the document stays editable) when the document names media
 * that main could not find. Locate… picks a file; one with the size and head hash the project recorded is linked
 * at once, another asks first. Linking goes to main as `media.open` (the document's media reference changes
 * there, and the project records the new file on its next save).
 */
import { useRef, useState, type ChangeEvent } from 'react';
import { getBridge } from '../bridge';
import { useDoc, useSession } from '../session/context';
import { sourceForFile } from '../transport/files';
import { compareMedia, describeDifference, fingerprintOf, referencedName, type Fingerprint } from './fingerprint';
import './media-link.css';

type Step = { kind: 'ask' } | { kind: 'differs'; file: File; detail: string } | { kind: 'linking'; file: File };

export function MediaLinkPrompt() {
  const session = useSession();
  const docState = useDoc((s) => s);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'ask' });
  const input = useRef<HTMLInputElement>(null);
  const media = docState?.doc.media ?? null;
  if (!docState || !media || docState.media || dismissed === docState.docId) return null;
  const name = referencedName(media);
  const docId = docState.docId;

  const link = async (file: File) => {
    setStep({ kind: 'linking', file });
    try {
      const source = await sourceForFile(getBridge(), file);
      await session.files.attachMediaWith((api, id) => api['media.open']({ docId: id, source }));
    } catch (error) {
      session.ui.setStatus(error instanceof Error ? error.message : String(error), 'error');
    }
    setStep({ kind: 'ask' });
  };
  const picked = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file may be picked again after "Choose another"
    if (!file) return;
    const print: Fingerprint | null = await fingerprintOf(file).catch(() => null);
    if (compareMedia(media, print) === 'differs' && print) setStep({ kind: 'differs', file, detail: describeDifference(media, print) });
    else await link(file);
  };
  const locate = () => input.current?.click();
  const notNow = () => {
    setDismissed(docId);
    setStep({ kind: 'ask' });
  };

  return (
    <div className="media-link banner" role="region" aria-label="Media not found" data-testid="media-link">
      <input ref={input} type="file" accept="audio/*,video/*" hidden onChange={(e) => void picked(e)} data-testid="media-link-input" />
      {step.kind === 'differs' ? (
        <>
          <span>
            This file differs from the one the project was made with ({step.detail}). Use {step.file.name} anyway?
          </span>
          <button type="button" className="primary" onClick={() => void link(step.file)}>Use it anyway</button>
          <button type="button" onClick={locate}>Choose another…</button>
          <button type="button" onClick={notNow}>Not now</button>
        </>
      ) : (
        <>
          <span>
            The media of this project, <b>{name}</b>, was not found at {media.path}. Locate it to see the waveform and play.
          </span>
          <button type="button" className="primary" onClick={locate} disabled={step.kind === 'linking'}>
            {step.kind === 'linking' ? 'Linking…' : 'Locate…'}
          </button>
          <button type="button" onClick={notNow}>Not now</button>
        </>
      )}
    </div>
  );
}
