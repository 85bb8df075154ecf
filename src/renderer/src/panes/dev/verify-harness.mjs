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

/** Every block in both panes shows its cue's text, the index covers each model exactly, counts match the doc. */
const consistent = () => page.evaluate(() => {
  const P = window.__duosubPanes, cues = window.__harness.doc().cues, bad = [];
  for (const lang of Object.keys(P)) {
    const p = P[lang], m = p.editor.getModel();
    let lines = 0;
    for (const cue of cues) {
      const r = p.blockRange(cue.id);
      if (!r) { bad.push([lang, cue.id, 'missing']); continue; }
      lines += r.lineCount;
      const end = r.startLine + r.lineCount - 1;
      const text = m.getValueInRange({ startLineNumber: r.startLine, startColumn: 1, endLineNumber: end, endColumn: m.getLineMaxColumn(end) });
      if (text !== (cue.text[lang] ?? '')) bad.push([lang, cue.id, text, cue.text[lang]]);
    }
    if (lines !== m.getLineCount()) bad.push([lang, 'lines', lines, m.getLineCount()]);
    if (document.querySelector(`[data-testid=pane-${lang}]`).getAttribute('data-block-count') !== String(cues.length)) bad.push([lang, 'count']);
  }
  return bad;
});

/** Runs a structural change and checks: consistent, aligned, no onEditText, the model was edited (not reset). */
async function structural(name, fn) {
  const edits0 = (await log()).edits.length;
  await page.evaluate(() => {
    if (window.__flushes !== undefined) return;
    window.__flushes = 0;
    for (const p of Object.values(window.__duosubPanes)) p.editor.getModel().onDidChangeContent((e) => { if (e.isFlush) window.__flushes++; });
  });
  const f0 = await page.evaluate(() => window.__flushes);
  await page.evaluate(fn);
  await page.waitForTimeout(60);
  const bad = await consistent();
  const mis = await misaligned();
  const f1 = await page.evaluate(() => window.__flushes);
  check(`${name}: blocks consistent and aligned, no onEditText`, bad.length === 0 && mis.length === 0 && (await log()).edits.length === edits0,
    JSON.stringify([bad.slice(0, 3), mis.slice(0, 3)]));
  check(`${name}: incremental (no model reset)`, f1 === f0, `${f0} → ${f1}`);
}

// ---- 100 cues, StrictMode (double mount must leave one working set of editors)
await open(100);
check('two editors rendered once each', (await page.locator('.monaco-editor').count()) === 2);
let bad = await misaligned();
check('blocks aligned on open', bad.length === 0, JSON.stringify(bad.slice(0, 3)));
const look0 = await page.evaluate(() => ({
  zones: document.querySelectorAll('.duosub-block-padding').length,
  hairlines: document.querySelectorAll('[data-testid=pane-en] .duosub-block-top').length,
}));
check('padding zones only where heights differ; separators drawn', look0.zones > 0 && look0.zones < 100 && look0.hairlines > 5, JSON.stringify(look0));

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

// Structural changes: incremental model edits, alignment kept
await structural('split c20', () => window.__harness.split('c20'));
await structural('merge c30 with next', () => window.__harness.merge('c30'));
await structural('insert at 0', () => window.__harness.insert(0));
await structural('insert at end', () => window.__harness.insert(window.__harness.doc().cues.length));
await structural('insert in the middle', () => window.__harness.insert(40));
await structural('delete first', () => window.__harness.remove(window.__harness.doc().cues[0].id));
await structural('delete last', () => window.__harness.remove(window.__harness.doc().cues.at(-1).id));
await structural('split last', () => window.__harness.split(window.__harness.doc().cues.at(-1).id));
await structural('merge last two', () => window.__harness.merge(window.__harness.doc().cues.at(-2).id));
await structural('split + speaker change elsewhere', () => {
  const h = window.__harness, d = h.doc();
  const next = { ...d, cues: d.cues.map((c) => (c.id === 'c60' ? { ...c, speaker: 's2', text: { ...c.text, en: 'changed\ntoo' } } : c)) };
  h.setDoc(next);
  h.split('c61');
});
await page.evaluate(() => { window.__before = window.__harness.doc(); });
await structural('split c45', () => window.__harness.split('c45'));
await structural('undo of the split (back to the old cue list)', () => window.__harness.setDoc(window.__before));
await page.evaluate(() => window.__duosubPanes.en.editor.revealLineInCenter(window.__duosubPanes.en.blockRange('c46').startLine));
await page.waitForTimeout(50);
const labels = await page.evaluate(() => {
  const cues = window.__harness.doc().cues, i = cues.findIndex((c) => c.id === 'c46');
  return [...document.querySelectorAll('[data-testid=pane-en] .line-numbers')].map((e) => e.textContent.trim()).filter((t) => t.startsWith(`${i + 1} `));
});
check('gutter numbers follow the structural edits', labels.length === 1, JSON.stringify(labels));
await page.evaluate(() => window.__duosubPanes.en.editor.focus());
await page.evaluate(() => {
  const p = window.__duosubPanes.en, r = p.blockRange('c47');
  p.editor.setPosition({ lineNumber: r.startLine, column: 3 });
});
await structural('split at the caret keeps the caret in step', () => window.__harness.split('c47'));
const caretAfter = await page.evaluate(() => { const p = window.__duosubPanes.en; return [p.editor.getPosition().lineNumber, p.blockRange('c47').startLine]; });
check('caret stays on its block after a split elsewhere in the block list', caretAfter[0] === caretAfter[1], JSON.stringify(caretAfter));
// Typing still works after structural edits, in a block below them
const before70 = await blockText('en', 'c70');
await caret('en', 'c70', 'end');
await page.keyboard.type('ok');
L = await log();
check('typing after structural edits reports the right block', L.edits.at(-1)?.cueId === 'c70' && L.edits.at(-1).text === before70 + 'ok', JSON.stringify(L.edits.at(-1)));
check('cursor reported with cue, lang and offset', JSON.stringify(L.cursors.at(-1)) === JSON.stringify({ cueId: 'c70', lang: 'en', offset: before70.length + 2 }), JSON.stringify(L.cursors.at(-1)));
await caret(ZH, 'c71', 'start');
L = await log();
check('cursor follows focus to the other pane', L.cursors.at(-1)?.lang === ZH && L.cursors.at(-1).cueId === 'c71' && L.cursors.at(-1).offset === 0, JSON.stringify(L.cursors.at(-1)));

// Multi-selection: gutter Ctrl-click toggles, Shift-click extends; extra blocks are highlighted
const labelBox = async (cueId) => page.evaluate((cueId) => {
  const p = window.__duosubPanes.en, line = p.blockRange(cueId).startLine;
  p.editor.revealLineInCenter(line);
  const top = p.editor.getTopForLineNumber(line) - p.editor.getScrollTop();
  const r = document.querySelector('[data-testid=pane-en] .monaco-editor').getBoundingClientRect();
  return { x: r.left + 40, y: r.top + top + 8 };
}, cueId);
await page.evaluate(() => window.__harness.select('c72'));
await page.waitForTimeout(50);
let box = await labelBox('c74');
await page.keyboard.down('Control');
await page.mouse.click(box.x, box.y);
await page.keyboard.up('Control');
box = await labelBox('c73');
await page.keyboard.down('Shift');
await page.mouse.click(box.x, box.y);
await page.keyboard.up('Shift');
await page.waitForTimeout(50);
L = await log();
const extra = await page.evaluate(() => document.querySelectorAll('[data-testid=pane-en] .duosub-selected-extra').length);
check('gutter Ctrl-click toggles, Shift-click ranges', L.modes.slice(-2).join() === 'toggle,range' && L.selects.slice(-2).join() === 'c74,c73' && extra > 0, JSON.stringify([L.modes.slice(-3), L.selects.slice(-3), extra]));
await page.screenshot({ path: '/tmp/pv/multi-select.png' });

// Context menu: right-click in a block's text opens it; Set speaker ▸ Speaker 2 → onCommand
box = await labelBox('c75');
await page.mouse.click(box.x + 420, box.y, { button: 'right' });
await page.waitForSelector('[data-testid=cue-menu]');
await page.getByText('Set speaker').hover();
await page.waitForTimeout(100);
await page.screenshot({ path: '/tmp/pv/context-menu.png' });
await page.getByRole('menuitem', { name: 'Speaker 2' }).click();
L = await log();
check('context menu Set speaker builds setSpeaker', JSON.stringify(L.commands.at(-1)) === JSON.stringify({ kind: 'setSpeaker', cueIds: ['c75'], speakerId: 's1' }), JSON.stringify(L.commands.at(-1)));
check('menu closed after a choice', (await page.locator('[data-testid=cue-menu]').count()) === 0);
await page.mouse.click(box.x + 420, box.y, { button: 'right' });
await page.getByRole('menuitem', { name: 'Split here' }).click();
L = await log();
const sc = L.commands.at(-1);
check('context menu Split here carries the caret and playhead', sc?.kind === 'split' && sc.cueId === 'c75' && sc.at?.lang === 'en' && sc.playhead === 1000, JSON.stringify(sc));
await page.mouse.click(box.x + 420, box.y, { button: 'right' });
await page.keyboard.press('ArrowDown');
await page.keyboard.press('ArrowRight');
await page.waitForTimeout(50);
const subOpen = await page.locator('.duosub-menu').count();
await page.keyboard.press('Escape');
await page.keyboard.press('Escape');
check('context menu keyboard: ↓ → opens the submenu, Esc closes', subOpen === 2 && (await page.locator('.duosub-menu').count()) === 0, String(subOpen));
await caret('en', 'c76', 'end');
await page.keyboard.press('Shift+F10');
await page.waitForSelector('[data-testid=cue-menu]');
await page.getByRole('menuitem', { name: 'Merge with next' }).click();
L = await log();
check('Shift+F10 opens the menu at the caret; Merge with next', JSON.stringify(L.commands.at(-1)) === JSON.stringify({ kind: 'mergeWithNext', cueId: 'c76' }), JSON.stringify(L.commands.at(-1)));

// A wide change (many cues replaced) still rebuilds
await page.evaluate(() => {
  const d = window.__harness.doc();
  window.__harness.setDoc({ ...d, cues: d.cues.slice().reverse().map((c, i) => ({ ...c, start: i * 2500, end: i * 2500 + 2000 })) });
});
await page.waitForTimeout(100);
bad = await consistent();
check('a reorder of every cue rebuilds consistently', bad.length === 0, JSON.stringify(bad.slice(0, 3)));

// A changed cue list (a cue deleted)
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
const expectCount = String(await page.evaluate(() => window.__harness.doc().cues.length));
check('cue list change (data-block-count, index)', rebuilt.count === expectCount && rebuilt.gone === null && rebuilt.lines === rebuilt.sum, JSON.stringify(rebuilt));
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

// Structural edits at 5,000 cues: time from the document change to the panes updated (block count published)
const structTimes = await page.evaluate(async () => {
  const h = window.__harness, el = document.querySelector('[data-testid=pane-en]');
  const timeOne = (fn) => new Promise((resolve) => {
    const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now() - t); });
    obs.observe(el, { attributes: true, attributeFilter: ['data-block-count'] });
    const t = performance.now();
    fn();
  });
  const out = { split: [], merge: [] };
  for (let k = 0; k < 10; k++) {
    const id = h.doc().cues[1000 + k * 300].id;
    out.split.push(await timeOne(() => h.split(id)));
    await new Promise((r) => requestAnimationFrame(r));
    out.merge.push(await timeOne(() => h.merge(id)));
    await new Promise((r) => requestAnimationFrame(r));
  }
  const stat = (a) => { a.sort((x, y) => x - y); return { p50: a[5].toFixed(1), max: a[9].toFixed(1) }; };
  return { split: stat(out.split), merge: stat(out.merge) };
});
console.log('structural edit at 5,000 cues, doc change → panes updated (ms):', JSON.stringify(structTimes));
bad = await misaligned();
check('5,000 cues aligned after splits and merges', bad.length === 0, JSON.stringify(bad.slice(0, 3)));
check('5,000 cues consistent after splits and merges', (await consistent()).length === 0);

await browser.close();
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed}/${results.length} passed`);
process.exit(failed ? 1 : 0);
