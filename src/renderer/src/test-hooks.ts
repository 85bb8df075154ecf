/**
 * Read-only handles on the renderer's state for the end-to-end tests and the editing bench (`window.__duosubStore`,
 * `__duosubWave`, `__duosubPanes`): they observe state, and edit through the UI. Only the test build has them.
 * electron-vite defines __DUOSUB_TEST_HOOKS__ (true when DUOSUB_TEST_HOOKS=1, as scripts/ensure-build.mjs builds
 * the out/e2e flavour); in a production build the guarded bodies fold away, so no hook code ships.
 */
declare global {
  /** Replaced at build time by electron.vite.config.ts; undefined where nothing defines it (unit tests): off. */
  const __DUOSUB_TEST_HOOKS__: boolean | undefined;
}

export type TestHookName = '__duosubStore' | '__duosubWave' | '__duosubPanes';

/**
 * In the test build, puts what `build` returns on `window[name]`; returns the function that takes it away again.
 * A builder rather than a value: elsewhere it is never called, so what it builds (a facade, views) can be dropped.
 */
export function exposeForTests(name: TestHookName, build: () => unknown): () => void {
  if (typeof __DUOSUB_TEST_HOOKS__ === 'undefined' || !__DUOSUB_TEST_HOOKS__) return () => {};
  const host = window as unknown as Record<string, unknown>;
  const value = build();
  host[name] = value;
  return () => {
    // A newer instance (a re-mounted waveform) may have replaced it: leave that one.
    if (host[name] === value) delete host[name];
  };
}
