/* global process */
// Drives the panes harness in headless Chromium and prints what it checked. Dev tool, not a test:
//   npx vite --config src/renderer/src/panes/dev/harness.vite.config.ts src/renderer/src/panes/dev --port 5199 &
//   node src/renderer/src/panes/dev/verify-harness.mjs [baseUrl]
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://localhost:5199/panes-harness.html';
const ZH = 'zh-Hans';
const results = [];
const check = (name, ok, detail = '') => {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `  — ${detail}` : ''}`);
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('console error', m.text(), m.location().url));

async function open(n, strict = true) {
  await page.goto(`${base}?n=${n}${strict ? '' : '&strict=0'}`);
  await page.waitForFunction(
    (n) => window.__duosubPanes && document.querySelector('[data-testid=pane-en]')?.getAttribute('data-block-count') === String(n),
    n, { timeout: 60000 });
  await page.waitForFunction(() => window.__harness?.firstFrameAt !== undefined);
  await page.waitForTimeout(300);
}

/** Cues whose first lines are not at the same top in both panes (and the first few offenders). */
const misaligned = () => page.evaluate((ZH) => {
  const P = window.__duosubPanes;
  const bad = [];
  for (const cue of window.__harness.doc().cues) {
    const a = P[ZH].blockRange(cue.id), b = P.en.blockRange(cue.id);
    const ta = P[ZH].editor.getTopForLineNumber(a.startLine), tb = P.en.editor.getTopForLineNumber(b.startLine);
    if (Math.abs(ta - tb) > 0.5) bad.push([cue.id, ta, tb]);
  }
  return bad;
}, ZH);

const blockText = (lang, cueId) => page.evaluate(([lang, cueId]) => {
  const p = window.__duosubPanes[lang], r = p.blockRange(cueId), m = p.editor.getModel();
  const end = r.startLine + r.lineCount - 1;
  return m.getValueInRange({ startLineNumber: r.startLine, startColumn: 1, endLineNumber: end, endColumn: m.getLineMaxColumn(end) });
}, [lang, cueId]);

const caret = (lang, cueId, where) => page.evaluate(([lang, cueId, where]) => {
  const p = window.__duosubPanes[lang], r = p.blockRange(cueId), m = p.editor.getModel();
  const line = where === 'end' ? r.startLine + r.lineCount - 1 : r.startLine;
  const column = where === 'end' ? m.getLineMaxColumn(line) : 1;
  p.editor.revealLineInCenter(line);
  p.editor.focus();
  p.editor.setPosition({ lineNumber: line, column });
}, [lang, cueId, where]);

const log = () => page.evaluate(() => JSON.parse(JSON.stringify(window.__harness.log)));

// ---- 100 cues, StrictMode (double mount must leave one working set of editors)
await open(100);
check('two editors rendered once each', (await page.locator('.monaco-editor').count()) === 2);
let bad = await misaligned();
check('blocks aligned on open', bad.length === 0, JSON.stringify(bad.slice(0, 3)));

// Scroll sync
await page.evaluate((ZH) => window.__duosubPanes[ZH].editor.setScrollTop(1500), ZH);
await page.waitForTimeout(50);
let tops = await page.evaluate((ZH) => [window.__duosubPanes[ZH].editor.getScrollTop(), window.__duosubPanes.en.editor.getScrollTop()], ZH);
check('scroll sync (API)', tops[0] === 1500 && tops[1] === 1500, JSON.stringify(tops));
await page.mouse.move(1000, 500);
await page.mouse.wheel(0, 700);
await page.waitForTimeout(300);
tops = await page.evaluate((ZH) => [window.__duosubPanes[ZH].editor.getScrollTop(), window.__duosubPanes.en.editor.getScrollTop()], ZH);
check('scroll sync (wheel in English pane)', tops[0] === tops[1] && tops[1] > 1500, JSON.stringify(tops));

// Typing
const before3 = await blockText('en', 'c3');
await caret('en', 'c3', 'end');
await page.keyboard.type('XYZ');
let L = await log();
let last = L.edits.at(-1);
check('typing calls onEditText with the block text', last?.cueId === 'c3' && last.lang === 'en' && last.text === before3 + 'XYZ', JSON.stringify(last));
check('cursor entering a block selects its cue', L.selects.at(-1) === 'c3', JSON.stringify(L.selects));

// Enter grows the block and realigns
const r3 = await page.evaluate(() => window.__duosubPanes.en.blockRange('c3'));
await page.keyboard.press('Enter');
await page.keyboard.type('new line');
const r3b = await page.evaluate(() => window.__duosubPanes.en.blockRange('c3'));
L = await log();
check('Enter adds a line to the block', r3b.lineCount === r3.lineCount + 1 && L.edits.at(-1).text === before3 + 'XYZ\nnew line', JSON.stringify([r3, r3b, L.edits.at(-1)]));
bad = await misaligned();
check('still aligned after Enter', bad.length === 0, JSON.stringify(bad.slice(0, 3)));
await page.keyboard.press('Enter');
await page.keyboard.press('Enter');
bad = await misaligned();
check('still aligned after Enter at block end twice', bad.length === 0, JSON.stringify(bad.slice(0, 3)));
await page.keyboard.press('Backspace');
await page.keyboard.press('Backspace');

// Backspace at a block's first column / Delete at a block's end are swallowed
const lines0 = await page.evaluate(() => window.__duosubPanes.en.editor.getModel().getLineCount());
let editsBefore = (await log()).edits.length;
await caret('en', 'c5', 'start');
await page.keyboard.press('Backspace');
await caret('en', 'c5', 'end');
await page.keyboard.press('Delete');
await caret(ZH, 'c6', 'start');
await page.keyboard.press('Control+Backspace');
const lines1 = await page.evaluate(() => window.__duosubPanes.en.editor.getModel().getLineCount());
check('Backspace at block start / Delete at block end blocked', lines1 === lines0 && (await log()).edits.length === editsBefore);

// Selection across blocks replaced (typing, paste) is reverted
const en56 = [await blockText('en', 'c5'), await blockText('en', 'c6')];
await page.evaluate(() => {
  const p = window.__duosubPanes.en, a = p.blockRange('c5'), b = p.blockRange('c6');
  p.editor.focus();
  p.editor.setSelection({ startLineNumber: a.startLine, startColumn: 2, endLineNumber: b.startLine, endColumn: 2 });
});
await page.keyboard.type('Q');
let after56 = [await blockText('en', 'c5'), await blockText('en', 'c6')];
check('typing over a selection spanning blocks is reverted', after56[0] === en56[0] && after56[1] === en56[1] && (await log()).edits.length === editsBefore, JSON.stringify(after56));
await page.evaluate(() => {
  const p = window.__duosubPanes.en, a = p.blockRange('c5');
  p.editor.setSelection({ startLineNumber: a.startLine, startColumn: 1, endLineNumber: a.startLine + 2, endColumn: 1 });
  p.editor.trigger('keyboard', 'paste', { text: 'pasted\n\nacross' });
});
after56 = [await blockText('en', 'c5'), await blockText('en', 'c6')];
check('paste over blocks is reverted', after56[0] === en56[0] && after56[1] === en56[1] && (await log()).edits.length === editsBefore, JSON.stringify(after56));
await page.evaluate(() => {
  const p = window.__duosubPanes.en, a = p.blockRange('c5');
  p.editor.setPosition({ lineNumber: a.startLine, column: 1 });
  p.editor.trigger('keyboard', 'paste', { text: 'two\nlines ' });
});
L = await log();
check('paste inside one block is accepted', L.edits.at(-1)?.text === 'two\nlines ' + en56[0] && (await misaligned()).length === 0, JSON.stringify(L.edits.at(-1)));
const lineCountNow = await page.evaluate(() => window.__duosubPanes.en.editor.getModel().getLineCount());
const sumBlocks = await page.evaluate(() => window.__harness.doc().cues.reduce((s, c) => s + window.__duosubPanes.en.blockRange(c.id).lineCount, 0));
check('block index covers the model exactly', lineCountNow === sumBlocks, `${lineCountNow} vs ${sumBlocks}`);

// Ctrl+Z goes to onUndo (the harness history), never Monaco's undo
editsBefore = (await log()).edits.length;
const undos0 = (await log()).undos;
const c5before = await blockText('en', 'c5');
await page.keyboard.press('Control+z');
await page.waitForTimeout(50);
L = await log();
const c5after = await blockText('en', 'c5');
const docText = await page.evaluate(() => window.__harness.doc().cues[5].text.en);
check('Ctrl+Z calls onUndo; the pane shows the history\'s text', L.undos === undos0 + 1 && c5after === en56[0] && docText === en56[0] && L.edits.length === editsBefore, JSON.stringify([c5before, c5after]));
await page.keyboard.press('Control+Shift+z');
await page.waitForTimeout(50);
check('Ctrl+Shift+Z calls onRedo', (await log()).redos === 1 && (await blockText('en', 'c5')) === c5before);
await page.keyboard.press('Control+y');
check('Ctrl+Y calls onRedo', (await log()).redos === 2);
await page.evaluate((ZH) => window.__duosubPanes[ZH].editor.focus(), ZH);
await page.keyboard.press('Control+z');
await page.waitForTimeout(50);
check('Ctrl+Z in the other pane calls onUndo too', (await log()).undos === undos0 + 2 && (await blockText('en', 'c5')) === en56[0]);
bad = await misaligned();
check('aligned after undo/redo', bad.length === 0, JSON.stringify(bad.slice(0, 3)));

// External change updates one block, without onEditText
editsBefore = (await log()).edits.length;
const versions0 = await page.evaluate((ZH) => window.__duosubPanes[ZH].editor.getModel().getVersionId(), ZH);
await page.evaluate((ZH) => window.__harness.externalEdit('c10', ZH, '外部修改\n第二行\n第三行'), ZH);
await page.waitForTimeout(50);
const r10 = await page.evaluate((ZH) => window.__duosubPanes[ZH].blockRange('c10'), ZH);
const versions1 = await page.evaluate((ZH) => window.__duosubPanes[ZH].editor.getModel().getVersionId(), ZH);
check('external change replaces one block', r10.lineCount === 3 && (await blockText(ZH, 'c10')) === '外部修改\n第二行\n第三行' && versions1 === versions0 + 1, JSON.stringify(r10));
check('external change does not call onEditText', (await log()).edits.length === editsBefore);
bad = await misaligned();
check('aligned after external change', bad.length === 0, JSON.stringify(bad.slice(0, 3)));

// Reveal: select a far cue from outside; caret to the first line in the first pane, focus not stolen
await page.evaluate(() => document.activeElement?.blur());
await page.evaluate(() => window.__harness.select('c80'));
await page.waitForTimeout(100);
const rev = await page.evaluate((ZH) => {
  const P = window.__duosubPanes;
  const vis = (p, id) => { const r = p.blockRange(id); return p.editor.getVisibleRanges().some((v) => v.startLineNumber <= r.startLine && r.startLine <= v.endLineNumber); };
  return { zh: vis(P[ZH], 'c80'), en: vis(P.en, 'c80'), pos: P[ZH].editor.getPosition(), start: P[ZH].blockRange('c80').startLine, focus: P[ZH].editor.hasTextFocus() || P.en.editor.hasTextFocus(), sel: document.querySelectorAll('.duosub-selected-block').length };
}, ZH);
check('reveal shows the cue in both panes and moves the caret', rev.zh && rev.en && rev.pos.lineNumber === rev.start && !rev.focus && rev.sel > 0, JSON.stringify(rev));
await page.screenshot({ path: '/tmp/pv/harness-100.png' });

// Speaker and start-time changes refresh the stripe and the gutter label of that cue only
await page.evaluate(() => {
  const d = window.__harness.doc();
  window.__harness.setDoc({ ...d, cues: d.cues.map((c) => (c.id === 'c81' ? { ...c, speaker: 's0', start: 204321 } : c)) });
});
await page.waitForTimeout(100);
const look = await page.evaluate(() => {
  const p = window.__duosubPanes.en, line = p.blockRange('c81').startLine;
  const decos = p.editor.getLineDecorations(line).map((d) => d.options.linesDecorationsClassName).filter(Boolean);
  const labels = [...document.querySelectorAll('[data-testid=pane-en] .line-numbers')].map((e) => e.textContent);
  return { decos, hasLabel: labels.includes('82  3:24.321') };
});
check('speaker / start change updates stripe and label', look.decos.some((c) => c.includes('duosub-spk-4e79a7')) && look.hasLabel, JSON.stringify(look));

// A changed cue list (a cue deleted) rebuilds the models
await page.evaluate(() => {
  const d = window.__harness.doc();
  window.__harness.setDoc({ ...d, cues: d.cues.filter((c) => c.id !== 'c50') });
});
await page.waitForTimeout(100);
const rebuilt = await page.evaluate(() => ({
  count: document.querySelector('[data-testid=pane-en]').getAttribute('data-block-count'),
  gone: window.__duosubPanes.en.blockRange('c50'),
  lines: window.__duosubPanes.en.editor.getModel().getLineCount(),
  sum: window.__harness.doc().cues.reduce((s, c) => s + window.__duosubPanes.en.blockRange(c.id).lineCount, 0),
}));
check('cue list change rebuilds (data-block-count, index)', rebuilt.count === '99' && rebuilt.gone === null && rebuilt.lines === rebuilt.sum, JSON.stringify(rebuilt));
bad = await misaligned();
check('aligned after rebuild', bad.length === 0, JSON.stringify(bad.slice(0, 3)));

// Window resize rewraps: full realign
await page.setViewportSize({ width: 900, height: 900 });
await page.waitForTimeout(400);
bad = await misaligned();
check('aligned after a resize (rewrap)', bad.length === 0, JSON.stringify(bad.slice(0, 3)));
await page.setViewportSize({ width: 1400, height: 900 });
await page.waitForTimeout(200);

// ---- 5,000 cues, no StrictMode: timing
const opens = [];
for (let k = 0; k < 3; k++) {
  await open(5000, false);
  opens.push(await page.evaluate(() => ({ mounted: Math.round(window.__harness.mountedAt), firstFrame: Math.round(window.__harness.firstFrameAt) })));
}
console.log('open 5000 cues (ms from script start: mounted / first frame):', JSON.stringify(opens));
bad = await misaligned();
check('5,000 cues aligned', bad.length === 0, JSON.stringify(bad.slice(0, 3)));
await caret('en', 'c2500', 'end');
const typing = await page.evaluate(async () => {
  const ed = window.__duosubPanes.en.editor;
  const times = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    ed.trigger('keyboard', 'type', { text: i % 15 === 14 ? '\n' : 'a' });
    times.push(performance.now() - t);
    await new Promise((r) => requestAnimationFrame(r));
  }
  times.sort((a, b) => a - b);
  return { p50: times[30].toFixed(2), p95: times[57].toFixed(2), max: times[59].toFixed(2) };
});
console.log('typing in a 5,000-cue document (ms per edit incl. onEditText + realign):', JSON.stringify(typing));
bad = await misaligned();
check('5,000 cues aligned after typing', bad.length === 0, JSON.stringify(bad.slice(0, 3)));
// Real keys through the whole app loop (keydown → pane → onEditText → harness store → doc back → pane)
await caret(ZH, 'c4000', 'end');
await page.evaluate(() => {
  window.__lat = [];
  document.addEventListener('keydown', () => {
    const t = performance.now();
    requestAnimationFrame(() => window.__lat.push(performance.now() - t));
  }, true);
});
for (let i = 0; i < 40; i++) await page.keyboard.press(i % 10 === 9 ? 'Enter' : 'KeyA');
await page.waitForTimeout(200);
const lat = await page.evaluate(() => { const a = window.__lat.sort((x, y) => x - y); return { n: a.length, p50: a[a.length >> 1].toFixed(1), p95: a[Math.floor(a.length * 0.95)].toFixed(1) }; });
console.log('keydown → next frame with 5,000 cues (ms):', JSON.stringify(lat));
bad = await misaligned();
check('5,000 cues aligned after real typing', bad.length === 0, JSON.stringify(bad.slice(0, 3)));
await page.screenshot({ path: '/tmp/pv/harness-5000.png' });

await browser.close();
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed}/${results.length} passed`);
process.exit(failed ? 1 : 0);
