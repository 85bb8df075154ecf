/**
 * Dev harness for <LanguagePanes>: a generated bilingual document (`?n=5000` for a big one) in a tiny
 * in-memory store with a snapshot history, so typing, undo/redo and external changes can be exercised
 * by hand or from Playwright through `window.__harness`.
 */
import { StrictMode, useEffect, useRef, useState, type JSX } from 'react';
import { createRoot } from 'react-dom/client';
import type { Cue, SubtitleDocument } from '../../../../shared/model';
import { speakerColor } from '../../../../shared/model';
import { LanguagePanes, type PaneCursor } from '../LanguagePanes';
import type { EditCommand } from '../../../../shared/commands/schema';
import { SpeakersPanel } from '../../speakers/SpeakersPanel';
import { FindReplace } from '../../find/FindReplace';
import { TimingDialog } from '../../timing/TimingDialog';
import { SettingsDialog } from '../../settings/SettingsDialog';
import { splitDoc, mergeDoc, insertDoc, removeDoc } from './harness-structure';

const ZH = ['你好。', '我们明天早上八点在火车站见面，别迟到了。', '这件事情说来话长，我慢慢告诉你吧，其实一开始谁也没想到会变成今天这个样子。', '好的。', ''];
const EN = ['Hello.', "We'll meet at the train station at eight tomorrow morning, don't be late.", "It's a long story, let me tell you slowly; honestly, at first nobody expected it to end up the way it is today, not even me.", 'OK.', 'Right.\nSecond line here.'];

function makeDoc(n: number): SubtitleDocument {
  const cues: Cue[] = [];
  for (let i = 0; i < n; i++) {
    const start = i * 2500 + 250;
    cues.push({ id: `c${i}`, start, end: start + 2000, speaker: `s${i % 3}`, text: { 'zh-Hans': ZH[i % ZH.length], en: EN[(i * 7) % EN.length] } });
  }
  const speakers = [0, 1, 2].map((k) => ({ id: `s${k}`, name: `Speaker ${k + 1}`, color: speakerColor(k) }));
  return { languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }], cues, speakers, chapters: [], media: null, metadata: {} };
}

function setText(doc: SubtitleDocument, cueId: string, lang: string, text: string): SubtitleDocument {
  return { ...doc, cues: doc.cues.map((c) => (c.id === cueId ? { ...c, text: { ...c.text, [lang]: text } } : c)) };
}

interface HarnessLog {
  edits: { cueId: string; lang: string; text: string }[];
  selects: string[];
  modes: string[];
  cursors: (PaneCursor | null)[];
  commands: EditCommand[];
  undos: number;
  redos: number;
}

declare global {
  interface Window {
    __harness?: {
      log: HarnessLog;
      doc(): SubtitleDocument;
      setDoc(doc: SubtitleDocument): void;
      externalEdit(cueId: string, lang: string, text: string): void;
      select(cueId: string): void;
      selectMany(cueIds: string[]): void;
      split(cueId: string): void;
      merge(cueId: string): void;
      insert(index: number): void;
      remove(cueId: string): void;
      /** Which extra UI to show: 'find' | 'timing' | 'settings' | null. */
      show(dialog: string | null): void;
      /** ms from script start to the panes' first mount (editors created, blocks aligned). */
      mountedAt: number;
      /** ms from script start to the first frame painted after mount. */
      firstFrameAt?: number;
    };
  }
}

const n = Number(new URLSearchParams(location.search).get('n') ?? 100);
const t0 = performance.now();
const log: HarnessLog = { edits: [], selects: [], modes: [], cursors: [], commands: [], undos: 0, redos: 0 };
const side = new URLSearchParams(location.search).get('side') === '1';

/** Snapshot history: enough to drive undo/redo as external document changes. */
interface Store {
  doc: SubtitleDocument;
  past: SubtitleDocument[];
  future: SubtitleDocument[];
}

function Harness(): JSX.Element {
  const store = useRef<Store>({ doc: makeDoc(n), past: [], future: [] });
  const [doc, setDoc] = useState(store.current.doc);
  const [selected, setSelected] = useState<string | null>(null);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [dialog, setDialog] = useState<string | null>(null);
  const selectOne = (id: string | null): void => {
    setSelected(id);
    setSelectedIds(id ? [id] : []);
  };
  const [nonce, setNonce] = useState(0);
  const s = store.current;
  const show = (next: SubtitleDocument): void => {
    s.doc = next;
    setDoc(next);
  };
  const commit = (next: SubtitleDocument): void => {
    s.past.push(s.doc);
    s.future = [];
    show(next);
  };

  useEffect(() => {
    window.__harness = {
      log,
      doc: () => s.doc,
      setDoc: (d) => commit(d),
      externalEdit: (cueId, lang, text) => commit(setText(s.doc, cueId, lang, text)),
      select: (cueId) => {
        selectOne(cueId);
        setNonce((k) => k + 1);
      },
      selectMany: (ids) => {
        setSelected(ids[0] ?? null);
        setSelectedIds(ids);
      },
      split: (cueId) => commit(splitDoc(s.doc, cueId)),
      merge: (cueId) => commit(mergeDoc(s.doc, cueId)),
      insert: (index) => commit(insertDoc(s.doc, index)),
      remove: (cueId) => commit(removeDoc(s.doc, cueId)),
      show: (d) => setDialog(d),
      mountedAt: window.__harness?.mountedAt ?? performance.now() - t0,
      firstFrameAt: window.__harness?.firstFrameAt,
    };
    const h = window.__harness;
    if (h.firstFrameAt === undefined) requestAnimationFrame(() => (h.firstFrameAt = performance.now() - t0));
  });

  return (
    <>
      <div id="bar">
        {n} cues · selected {selected ?? '—'} · history {s.past.length}/{s.future.length}
      </div>
      <div id="panes" style={{ display: 'flex', position: 'relative' }}>
        {side && (
          <div style={{ width: 220, flex: 'none', borderRight: '1px solid #d0d4da' }}>
            <SpeakersPanel doc={doc} selectedCueIds={selectedIds} onCommand={(c) => log.commands.push(c)} onSelectMany={(ids) => { setSelected(ids[0] ?? null); setSelectedIds(ids); }} />
          </div>
        )}
        <div style={{ flex: '1 1 auto', minWidth: 0 }}>
        <LanguagePanes
          doc={doc}
          selectedCueId={selected}
          selectedCueIds={selectedIds}
          revealNonce={nonce}
          onCursor={(c) => log.cursors.push(c)}
          onCommand={(c) => log.commands.push(c)}
          getPlayheadMs={() => 1000}
          onSelectCue={(id, mode) => {
            log.selects.push(id);
            log.modes.push(mode ?? 'none');
            if (mode === 'toggle') {
              const next = selectedIds.includes(id) ? selectedIds.filter((x) => x !== id) : [...selectedIds, id];
              setSelectedIds(next);
              setSelected(next.includes(id) ? id : (next[0] ?? null));
            } else if (mode === 'range' && selected) {
              const ids = s.doc.cues.map((c) => c.id);
              const [a, b] = [ids.indexOf(selected), ids.indexOf(id)].sort((x, y) => x - y);
              setSelectedIds(ids.slice(a, b + 1));
              setSelected(id);
            } else selectOne(id);
          }}
          onEditText={(cueId, lang, text) => {
            log.edits.push({ cueId, lang, text });
            commit(setText(s.doc, cueId, lang, text));
          }}
          onUndo={() => {
            log.undos++;
            const prev = s.past.pop();
            if (!prev) return;
            s.future.unshift(s.doc);
            show(prev);
          }}
          onRedo={() => {
            log.redos++;
            const next = s.future.shift();
            if (!next) return;
            s.past.push(s.doc);
            show(next);
          }}
        />
        </div>
        <FindReplace doc={doc} open={dialog === 'find'} onClose={() => setDialog(null)} onCommand={(c) => log.commands.push(c)}
          onSelectMany={(ids, primary) => { setSelectedIds(ids); setSelected(primary ?? ids[0] ?? null); setNonce((k) => k + 1); }} />
      </div>
      {dialog === 'timing' && (
        <TimingDialog doc={doc} selectedCueIds={selectedIds} playheadMs={123456} onCommand={(c) => log.commands.push(c)} onClose={() => setDialog(null)} />
      )}
      {dialog === 'settings' && (
        <SettingsDialog settings={{ minSplitMs: 200, minGapMs: 24 }} onSave={(p) => log.commands.push(p as never)} onClose={() => setDialog(null)} />
      )}
    </>
  );
}

// `?strict=0` skips StrictMode's double mount (for timing); by default it checks that disposal is clean.
const strict = new URLSearchParams(location.search).get('strict') !== '0';
createRoot(document.getElementById('root')!).render(
  strict ? (
    <StrictMode>
      <Harness />
    </StrictMode>
  ) : (
    <Harness />
  ),
);
