/**
 * What the Electron shell lets through, as plain functions (no electron import) so that unit tests can check
 * every rule: which links may leave the app, which dev-server URL an unpackaged run may load, which media URLs
 * name a token main handed out, which dropped paths the page may name, and when a crashed window reloads.
 */
import { isAbsolute, normalize } from 'node:path';

/**
 * Hosts a link may open in the user's browser. Only https, only these exact names: a compromised page must not
 * be able to launch `file:` paths, custom URL handlers or any site it likes through `shell.openExternal`.
 */
export const EXTERNAL_HOSTS: readonly string[] = ['ffmpeg.org', 'www.ffmpeg.org'];

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** True for an https URL on a listed host, with no credentials and no port: the only URLs given to the OS. */
export function isAllowedExternalUrl(value: unknown, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  if (typeof value !== 'string' || value.length > 2048) return false;
  const url = parseUrl(value);
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return hosts.includes(url.hostname.toLowerCase());
}

/**
 * `scheme://host[:port]` of a URL with a host, else null. Not `URL.origin`: Node's parser does not know that
 * Chromium treats app: as a standard scheme and gives every app:// URL the opaque origin 'null', which would match
 * nothing (or, compared carelessly, everything opaque).
 */
export function originOf(value: string): string | null {
  const url = parseUrl(value);
  return url && url.host ? `${url.protocol}//${url.host}` : null;
}

/** Whether `url` is on `origin` (our page's: app://duosub, or the dev server's); false for anything unparsable. */
export function isSameOrigin(url: string, origin: string): boolean {
  const own = originOf(url);
  return own !== null && own === originOf(origin);
}

/** The frame an IPC message came from, as Electron describes it (WebFrameMain), reduced to what the check needs. */
export interface SenderFrame {
  contentsId: number;
  frame: { isTopFrame: boolean; processId: number; frameToken: string; url: string } | null;
}

/** Our window: its webContents and the main frame it shows now. */
export interface OwnWindow {
  contentsId: number;
  mainFrame: { processId: number; frameToken: string };
}

/**
 * Only our window's current top frame, showing our own page, is trusted: not a sub-frame, not another window or
 * webContents, not a frame left over from before a navigation, not a page of another origin.
 */
export function isTrustedFrame(sender: SenderFrame, window: OwnWindow | null, pageOrigin: string): boolean {
  const { frame } = sender;
  if (!window || !frame || !frame.isTopFrame || sender.contentsId !== window.contentsId) return false;
  if (frame.processId !== window.mainFrame.processId || frame.frameToken !== window.mainFrame.frameToken) return false;
  return isSameOrigin(frame.url, pageOrigin);
}

/** Hosts electron-vite's dev server listens on: the only pages an unpackaged run loads besides app://. */
const DEV_HOSTS = new Set(['localhost', '127.0.0.1']);

export interface DevRendererChoice {
  /** The dev server's URL to load, or null: load the built renderer from app://. */
  url: string | null;
  /** Why a set ELECTRON_RENDERER_URL was ignored (printed as a warning). */
  warning: string | null;
}

/**
 * `ELECTRON_RENDERER_URL` is honoured only by an unpackaged run and only for plain http on this machine
 * (electron-vite dev's server); a stray value pointing elsewhere would give a remote page the API.
 */
export function devRendererUrl(value: string | undefined, isPackaged: boolean): DevRendererChoice {
  if (!value) return { url: null, warning: null };
  if (isPackaged) return { url: null, warning: null };
  const url = parseUrl(value);
  if (url && url.protocol === 'http:' && DEV_HOSTS.has(url.hostname) && !url.username && !url.password) {
    return { url: url.href, warning: null };
  }
  return {
    url: null,
    warning: `ELECTRON_RENDERER_URL=${value.slice(0, 200)} ignored: only http://localhost or http://127.0.0.1 (electron-vite dev) is loaded; showing the built app instead`,
  };
}

/** Media tokens are 32 lowercase hex digits (MediaService.newToken); anything else is refused before lookup. */
const MEDIA_TOKEN = /^[0-9a-f]{32}$/;

/** The token a `duosub-media://TOKEN` URL names, or null for any other shape (paths, queries, credentials). */
export function mediaTokenOf(value: string, scheme: string): string | null {
  const url = parseUrl(value);
  if (!url || url.protocol !== `${scheme}:` || url.username || url.password || url.port) return null;
  if (url.pathname !== '' && url.pathname !== '/') return null;
  return MEDIA_TOKEN.test(url.hostname) ? url.hostname : null;
}

/** How many dropped paths are remembered; the oldest grant goes first (a session rarely drops more than a few). */
const MAX_GRANTS = 1000;

/**
 * Paths the user dropped on the window, as the preload reported them (Electron resolves a real File to its path;
 * a File the page made has none). Only these may come back from the page as `{ kind: 'dropped', path }`.
 */
export class DroppedPathGrants {
  private readonly paths = new Set<string>();

  constructor(private readonly limit = MAX_GRANTS) {}

  /** Records a path; false (and nothing recorded) for anything but a plain absolute path. */
  grant(path: unknown): boolean {
    const key = grantKey(path);
    if (!key) return false;
    this.paths.delete(key); // re-granting makes it the newest
    this.paths.add(key);
    while (this.paths.size > this.limit) this.paths.delete(this.paths.values().next().value as string);
    return true;
  }

  has(path: unknown): boolean {
    const key = grantKey(path);
    return key !== null && this.paths.has(key);
  }
}

function grantKey(path: unknown): string | null {
  if (typeof path !== 'string' || path.length === 0 || path.length > 4096 || path.includes('\0')) return null;
  if (!isAbsolute(path)) return null;
  return normalize(path);
}

/** A crashed window reloads on its own, but not in a loop: at most once per this many milliseconds. */
export const CRASH_RELOAD_INTERVAL_MS = 10_000;

/**
 * Whether a window whose renderer is gone should reload. Main keeps the document and its history, so a reload
 * loses nothing; a renderer that keeps crashing is left alone rather than reloaded forever.
 */
export function shouldReloadAfterCrash(reason: string, lastReloadAt: number | null, now: number): boolean {
  if (reason === 'clean-exit') return false;
  return lastReloadAt === null || now - lastReloadAt >= CRASH_RELOAD_INTERVAL_MS;
}
