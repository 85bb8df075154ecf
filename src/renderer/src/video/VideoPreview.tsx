/**
 * The video preview: the document's one media element (the same one wavesurfer plays, held by the window's
 * player in playback/player.ts, so playback and seeking stay in sync) shown in a panel above the waveform, with the
 * current cue in both languages drawn over the picture the way a player would show it. A splitter under
 * the panel resizes it against the waveform; the height is remembered in localStorage.
 * Renders nothing unless the document's media has video.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type JSX, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { Cue } from '../../../shared/model';
import { useDoc, useDocAndUi } from '../session/context';
import { buildCueIndex, cuesInWindow, type CueIndex } from '../timeline/cue-index';
import { useServices } from '../app-services';
import { clampPanelHeight, containRect, subtitleBox, type Rect } from './subtitle-layout';

const HEIGHT_KEY = 'duosub.videoPanelHeight';
const DEFAULT_HEIGHT = 240;

export function VideoPreview(): JSX.Element | null {
  const isVideo = useDoc((s) => s?.media?.kind === 'video');
  if (!isVideo) return null;
  return <VideoPanel />;
}

function VideoPanel(): JSX.Element {
  const hostRef = useRef<HTMLDivElement>(null);
  const { player } = useServices();
  const element = useSyncExternalStore(player.onMediaElementChange, player.getMediaElement);
  const frameWidth = useDoc((s) => s?.media?.width);
  const frameHeight = useDoc((s) => s?.media?.height);
  const [height, setHeight] = useState(() => clampPanelHeight(Number(localStorage.getItem(HEIGHT_KEY) ?? DEFAULT_HEIGHT), window.innerHeight));
  const picture = usePictureRect(hostRef, element, frameWidth, frameHeight);

  // Shows the shared element here; it leaves the panel with it (wavesurfer keeps using it either way).
  useEffect(() => {
    const host = hostRef.current;
    if (!host || !(element instanceof HTMLVideoElement)) return;
    Object.assign(element.style, { width: '100%', height: '100%', objectFit: 'contain', display: 'block', background: '#000' });
    element.setAttribute('data-testid', 'video-preview-element');
    host.prepend(element);
    return () => {
      if (element.parentNode === host) element.remove();
    };
  }, [element]);

  return (
    <div className="video-panel" data-testid="video-preview" style={{ position: 'relative', height, background: '#000', overflow: 'hidden' }}>
      <div ref={hostRef} style={{ position: 'absolute', inset: 0 }} />
      <SubtitleOverlay picture={picture} />
      <Splitter height={height} onHeight={setHeight} />
    </div>
  );
}

/** The picture's rectangle in the panel, following the panel's size and the video's frame size. */
function usePictureRect(
  hostRef: RefObject<HTMLDivElement | null>,
  element: HTMLMediaElement | null,
  width: number | undefined,
  height: number | undefined,
): Rect {
  const [rect, setRect] = useState<Rect>({ left: 0, top: 0, width: 0, height: 0 });
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const video = element instanceof HTMLVideoElement ? element : null;
    const update = () => {
      const w = video?.videoWidth || width || 16;
      const h = video?.videoHeight || height || 9;
      const next = containRect(host.clientWidth, host.clientHeight, w, h);
      setRect((old) => (sameRect(old, next) ? old : next));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(host);
    video?.addEventListener('loadedmetadata', update);
    return () => {
      observer.disconnect();
      video?.removeEventListener('loadedmetadata', update);
    };
  }, [hostRef, element, width, height]);
  return rect;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;
}

/** One index per cue list: the playhead moves every frame, the cues rarely. */
const indexes = new WeakMap<readonly Cue[], CueIndex>();

function cueAt(cues: readonly Cue[] | undefined, ms: number): Cue | null {
  if (!cues?.length) return null;
  let index = indexes.get(cues);
  if (!index) indexes.set(cues, (index = buildCueIndex(cues)));
  // The latest-starting cue that covers the playhead: what a player shows when cues overlap.
  const covering = cuesInWindow(index, ms, ms).filter((c) => c.start <= ms && ms < c.end);
  return covering[covering.length - 1] ?? null;
}

function SubtitleOverlay({ picture }: { picture: Rect }): JSX.Element | null {
  const cue = useDocAndUi((d, ui) => cueAt(d?.doc.cues, ui.currentTime * 1000));
  const languages = useDoc((s) => s?.doc.languages);
  if (!cue || !languages || picture.height <= 0) return null;
  const box = subtitleBox(picture);
  const lines = languages.slice(0, 2).map((l, i) => ({ code: l.code, text: cue.text[l.code]?.trim() ?? '', size: i === 0 ? box.fontSize : box.secondFontSize }));
  return (
    <div
      data-testid="video-subtitles"
      style={{
        position: 'absolute',
        left: picture.left + (picture.width - box.maxWidth) / 2,
        width: box.maxWidth,
        top: picture.top,
        height: picture.height - box.bottom,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'flex-end',
        alignItems: 'center',
        textAlign: 'center',
        pointerEvents: 'none',
        color: '#fff',
        lineHeight: 1.2,
        textShadow: '0 0 3px #000, 0 0 3px #000, 1px 1px 2px #000',
        whiteSpace: 'pre-line',
      }}
    >
      {lines.filter((l) => l.text).map((l) => (
        <div key={l.code} lang={l.code} data-lang={l.code} style={{ fontSize: l.size }}>
          {l.text}
        </div>
      ))}
    </div>
  );
}

/** The bar under the panel: drag to resize the video against the waveform; the height is remembered. */
function Splitter({ height, onHeight }: { height: number; onHeight(height: number): void }): JSX.Element {
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const startY = event.clientY;
    let next = height;
    const move = (e: PointerEvent) => {
      next = clampPanelHeight(height + e.clientY - startY, window.innerHeight);
      onHeight(next);
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
      localStorage.setItem(HEIGHT_KEY, String(next));
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };
  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the video preview"
      data-testid="video-splitter"
      onPointerDown={onPointerDown}
      style={{ position: 'absolute', left: 0, right: 0, bottom: 0, height: 6, cursor: 'row-resize', background: 'rgba(255,255,255,0.12)', zIndex: 2 }}
    />
  );
}
