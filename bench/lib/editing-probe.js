/*
 * Page side of the editing benchmark, injected before any page script (page.addInitScript({ path })).
 * Plain JS on purpose: Playwright would otherwise serialize tsx-compiled functions, whose esbuild name
 * helpers do not exist in the page. Configured by `window.__benchConfig` (set by an earlier init script):
 *   { mode: 'duosub' | 'monaco', langs: string[], cues: number }
 * Times are performance.now() milliseconds: the time origin is the navigation start of this page.
 */
/* global window, document, requestAnimationFrame, MutationObserver */
(() => {
  const config = window.__benchConfig ?? { mode: 'duosub', langs: [], cues: 0 };

  // A message posted from a requestAnimationFrame callback runs after that frame's style, layout and
  // paint: the usual in-page approximation of "the user can see it now".
  const channel = new MessageChannel();
  const afterPaint = [];
  channel.port1.onmessage = () => afterPaint.shift()?.();

  /** Runs `check` at every frame until it holds, then calls `done(ms)` once that frame is painted. */
  function untilPainted(check, done, deadline, onFrame) {
    requestAnimationFrame((frameTime) => {
      onFrame?.(frameTime);
      if (check()) {
        afterPaint.push(() => done(performance.now()));
        channel.port2.postMessage(0);
      } else if (performance.now() > deadline) {
        done(null);
      } else {
        untilPainted(check, done, deadline, onFrame);
      }
    });
  }

  // "All views updated": checked right after each thing the app does in answer to a key (the pane's content
  // event, the store's notification, the waveform's refresh), so it is the moment the work is done, not the
  // next frame. (Tasks posted from the page wait until after the frame that follows input, so polling can't.)
  function recheck() {
    const last = keys.samples[keys.samples.length - 1];
    const check = last && checks.get(last.index);
    if (last && last.updatedMs === null && check && check()) last.updatedMs = performance.now() - last.t0;
  }
  const checks = new Map();

  // ---- open → interactive -------------------------------------------------------------------------
  const open = { conditionMs: null, readyMs: null };

  function paneReady(lang) {
    const host = document.querySelector(`[data-testid="pane-${lang}"]`);
    if (host?.getAttribute('data-block-count') !== String(config.cues)) return false;
    const editor = window.__duosubPanes?.[lang]?.editor;
    const model = editor?.getModel();
    // A model holding every block and Monaco's input textarea in the DOM: a typed key would be handled.
    return Boolean(model && model.getLineCount() >= config.cues && editor.getDomNode()?.querySelector('textarea'));
  }

  function openReady() {
    if (!config.langs.every(paneReady)) return false;
    const wave = document.querySelector('[data-testid="waveform"]');
    return Number(wave?.getAttribute('data-region-count')) > 0 && Boolean(window.__duosubWave);
  }

  /** The peer: its one editor holds every paragraph (separated by blank lines) and has its input textarea. */
  function monacoOpenReady() {
    const editor = window.__benchMonaco?.editor;
    const model = editor?.getModel();
    return Boolean(model && model.getLineCount() >= config.cues * 2 - 1 && editor.getDomNode()?.querySelector('textarea'));
  }

  function watchOpen(ready) {
    const noticed = () => {
      if (open.conditionMs !== null || !ready()) return;
      open.conditionMs = performance.now();
      untilPainted(() => true, (ms) => (open.readyMs = ms), Infinity);
    };
    new MutationObserver(noticed).observe(document, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-block-count', 'data-region-count'],
    });
    const poll = () => {
      noticed();
      if (open.conditionMs === null) requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }
  watchOpen(config.mode === 'duosub' ? openReady : monacoOpenReady);

  // ---- keystrokes ------------------------------------------------------------------------------
  const keys = { samples: [], waiters: new Map(), target: null };
  let waveRefreshes = 0;

  function blockText(lang, cueId) {
    const pane = window.__duosubPanes[lang];
    const range = pane.blockRange(cueId);
    const model = pane.editor.getModel();
    const end = range.startLine + range.lineCount - 1;
    return model.getValueInRange({ startLineNumber: range.startLine, startColumn: 1, endLineNumber: end, endColumn: model.getLineMaxColumn(end) });
  }

  function caretOffsetInBlock(lang, cueId) {
    const pane = window.__duosubPanes[lang];
    const model = pane.editor.getModel();
    const start = model.getOffsetAt({ lineNumber: pane.blockRange(cueId).startLine, column: 1 });
    return model.getOffsetAt(pane.editor.getPosition()) - start;
  }

  /** Same top in every pane for this cue's block: the zones around an edited block were re-laid out. */
  function aligned(cueId) {
    const tops = config.langs.map((lang) => {
      const pane = window.__duosubPanes[lang];
      const range = pane.blockRange(cueId);
      return range ? pane.editor.getTopForLineNumber(range.startLine) : NaN;
    });
    return tops.every((top) => Math.abs(top - tops[0]) <= 0.5);
  }

  function storeCue(cueId) {
    const doc = window.__duosubStore.getState().docState?.doc;
    const index = doc ? doc.cues.findIndex((c) => c.id === cueId) : -1;
    return index < 0 ? null : { cue: doc.cues[index], number: index + 1 };
  }

  /**
   * The cue's region exists and shows its number. Regions also show the first language's text (since the waveform
   * got cue text on regions, commit 0ebce34), so the number is read from its own element; the keys go into the
   * second language, whose text no region shows.
   */
  function regionShows(cueId, number) {
    const region = window.__duosubWave?.regions.getRegions().find((r) => r.id === cueId);
    const shown = region?.content?.querySelector?.('.region-number') ?? region?.content;
    return Boolean(region) && shown?.textContent === String(number);
  }

  /** Everything a keystroke must have reached in Duosub, for the text expected after it. */
  function duosubDone(target, expected, sample) {
    const { lang, cueId, nextCueId } = target;
    if (blockText(lang, cueId) !== expected) return false;
    const found = storeCue(cueId);
    if (!found || found.cue.text[lang] !== expected) return false;
    if (!aligned(cueId) || (nextCueId && !aligned(nextCueId))) return false;
    return sample.waveRefreshes > 0 && regionShows(cueId, found.number);
  }

  function monacoDone(target, expected) {
    return window.__benchMonaco.editor.getModel().getLineContent(target.line) === expected;
  }

  function expectedAfter(target, count) {
    const { base, offset, typed } = target;
    return base.slice(0, offset) + typed.slice(0, count) + base.slice(offset);
  }

  function onKeyDown(event) {
    const target = keys.target;
    if (!target || event.key.length !== 1) return;
    const now = performance.now();
    // The event's own stamp includes time spent queued behind earlier work; fall back when it is odd.
    const t0 = event.timeStamp > 0 && event.timeStamp <= now ? event.timeStamp : now;
    const sample = {
      index: keys.samples.length + 1, t0, queuedMs: now - t0, handlersMs: null, updatedMs: null, totalMs: null, waveRefreshes: 0, frames: 0, firstFrameMs: null, lastFrameMs: null,
    };
    keys.samples.push(sample);
    const expected = expectedAfter(target, sample.index);
    const check = () =>
      target.mode === 'duosub' ? duosubDone(target, expected, sample) : monacoDone(target, expected);
    checks.set(sample.index, check);
    untilPainted(check, (ms) => {
      sample.totalMs = ms === null ? null : ms - t0;
      keys.waiters.get(sample.index)?.(sample);
    }, now + 5000, (frameTime) => {
      sample.frames++;
      if (sample.firstFrameMs === null) sample.firstFrameMs = frameTime - t0;
      sample.lastFrameMs = frameTime - t0;
    });
  }

  function startKeys(options) {
    const { lang, cueId, nextCueId, typed } = options;
    let editor;
    let target;
    if (config.mode === 'duosub') {
      editor = window.__duosubPanes[lang].editor;
      target = { mode: 'duosub', lang, cueId, nextCueId, typed, base: blockText(lang, cueId), offset: caretOffsetInBlock(lang, cueId) };
      const wave = document.querySelector('[data-testid="waveform"]');
      // RegionSync.refresh() ends by setting data-region-count, even to the same value: one record per refresh.
      new MutationObserver((records) => {
        waveRefreshes += records.length;
        const last = keys.samples[keys.samples.length - 1];
        if (last && last.totalMs === null) last.waveRefreshes += records.length;
        recheck();
      }).observe(wave, { attributes: true, attributeFilter: ['data-region-count'] });
      window.__duosubStore.subscribe(() => queueMicrotask(recheck));
      for (const other of config.langs) window.__duosubPanes[other].editor.onDidChangeModelContent(() => queueMicrotask(recheck));
    } else {
      editor = window.__benchMonaco.editor;
      const position = editor.getPosition();
      const base = editor.getModel().getLineContent(position.lineNumber);
      target = { mode: 'monaco', line: position.lineNumber, typed, base, offset: position.column - 1 };
    }
    // Registered after the app's own listeners, so it runs once the app's synchronous handling is over.
    editor.onDidChangeModelContent(() => {
      const last = keys.samples[keys.samples.length - 1];
      if (last && last.handlersMs === null) last.handlersMs = performance.now() - last.t0;
      queueMicrotask(recheck);
    });
    window.addEventListener('keydown', onKeyDown, true);
    keys.target = target;
    return { base: target.base, offset: target.offset };
  }

  /** Resolves with keystroke `index` (1-based) once it is complete (totalMs null: it never was). */
  function waitKey(index) {
    const sample = keys.samples[index - 1];
    if (sample && (sample.totalMs !== null || performance.now() - sample.t0 > 5000)) return Promise.resolve(sample);
    return new Promise((resolve) => {
      keys.waiters.set(index, resolve);
      setTimeout(() => resolve(keys.samples[index - 1] ?? null), 6000);
    });
  }

  window.__benchProbe = { open, startKeys, waitKey, samples: () => keys.samples, waveRefreshes: () => waveRefreshes };
})();
