/**
 * Wires the re-open dialog to the current document: the preview goes to main through the bridge; the re-open is
 * the command's (it asks about unsaved edits first, like every way of replacing the document).
 */
import { useCallback, type JSX } from 'react';
import { getBridge } from '../bridge';
import { useDoc, useSession } from '../session/context';
import { documentName } from '../session/document-name';
import { ReopenEncodingDialog } from './ReopenEncodingDialog';

export function ReopenEncoding({ onReopen: reopen, onClose }: { onReopen(encoding: string): Promise<boolean>; onClose(): void }): JSX.Element | null {
  const session = useSession();
  const docState = useDoc((s) => s);
  const docId = docState?.docId;
  const preview = useCallback((encoding: string) => getBridge().api['doc.encodingPreview']({ docId: docId ?? '', encoding }), [docId]);
  if (!docState || !docId) return null;
  const onReopen = (encoding: string) => {
    void reopen(encoding).then((opened) => {
      const state = session.doc.state();
      if (opened && state && state.problems.length === 0) session.ui.setStatus(`Re-opened ${documentName(state)} as ${state.encoding ?? encoding}`);
    });
  };
  return (
    <ReopenEncodingDialog current={docState.encoding ?? 'UTF-8'} dirty={docState.dirty} preview={preview} onReopen={onReopen} onClose={onClose} />
  );
}
