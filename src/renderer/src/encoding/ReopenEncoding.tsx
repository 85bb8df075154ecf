/** Wires the re-open dialog to the current document: the preview and the re-open go to main through the store's API. */
import { useCallback, type JSX } from 'react';
import { getBridge } from '../bridge';
import { getStore, useStore } from '../store';
import { documentName } from '../store-core';
import { ReopenEncodingDialog } from './ReopenEncodingDialog';

export function ReopenEncoding({ onClose }: { onClose(): void }): JSX.Element | null {
  const docState = useStore((s) => s.docState);
  const docId = docState?.docId;
  const preview = useCallback((encoding: string) => getBridge().api['doc.encodingPreview']({ docId: docId ?? '', encoding }), [docId]);
  if (!docState || !docId) return null;
  const onReopen = (encoding: string) => {
    const store = getStore();
    void store.openWith((api) => api['doc.reopenWithEncoding']({ docId, encoding })).then((opened) => {
      const state = store.getState().docState;
      if (opened && state && state.problems.length === 0) store.setStatus(`Re-opened ${documentName(state)} as ${state.encoding ?? encoding}`);
    });
  };
  return (
    <ReopenEncodingDialog current={docState.encoding ?? 'UTF-8'} dirty={docState.dirty} preview={preview} onReopen={onReopen} onClose={onClose} />
  );
}
