/**
 * Monaco is 2.7 MB of the renderer's 3.3 MB. It lives in a chunk of its own, loaded from here: `main.tsx` starts
 * the load before React renders, so the browser compiles Monaco on a background thread while the main thread
 * connects, receives the document, draws the waveform and runs the checks; the panes mount when it is in.
 */
import type * as PanesControllerModule from './panes-controller';

export type PanesModule = typeof PanesControllerModule;

let loading: Promise<PanesModule> | null = null;

/** The panes' module (Monaco with it); the same promise every call, so the first call starts the only load. */
export function loadPanes(): Promise<PanesModule> {
  loading ??= import('./panes-controller');
  return loading;
}
