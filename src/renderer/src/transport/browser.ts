/**
 * The browser transport: the same DuosubBridge as Electron's preload, carried over a WebSocket to the
 * local server (`npm run web`, end-to-end tests). Requests are id-correlated promises, queued until the
 * socket opens; a closed socket rejects everything pending and reports "connection lost". The socket proves
 * the run's token, which the page takes from its first URL and keeps in this origin's storage (takePageToken).
 */
import {
  channelNames,
  errorFromWire,
  type ChannelName,
  type DuosubApi,
  type DuosubBridge,
  type EventMap,
  type EventName,
  type WireEvent,
  type WireRequest,
  type WireResponse,
} from '../../../shared/api';
import { Emitter } from '../../../shared/lifecycle';

export interface BrowserBridge extends DuosubBridge {
  /** Called once when the socket closes or fails; returns an unsubscribe. */
  onConnectionLost(listener: () => void): () => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Where the page keeps the run's token: localStorage is this origin's (host and port) alone, unlike cookies. */
export const TOKEN_STORAGE_KEY = 'duosub-token';

interface PageLocation {
  protocol: string;
  host: string;
  pathname: string;
  search: string;
  hash: string;
}

/** What the page needs of the window to find its token (a test passes fakes). */
export interface PageContext {
  location: PageLocation;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  history: Pick<History, 'replaceState' | 'state'> | null;
}

/**
 * The run's token for this page, and the address bar without it. The first load comes with `?token=`: the
 * token moves to localStorage (reloads and other tabs of this origin find it there) and leaves the URL, so it is
 * not in screenshots, bookmarks or the history. The server's cookie alone never opens the API socket: every
 * other server on 127.0.0.1 receives that cookie, but none can read this origin's storage.
 */
export function takePageToken(context: PageContext): string | null {
  const { location, storage, history } = context;
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl === null) return readStored(storage);
  try {
    storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
  } catch {
    // Storage refused (private mode, quota): this load still works; a reload will ask for the URL again.
  }
  params.delete('token');
  const rest = params.toString();
  history?.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  return fromUrl;
}

function readStored(storage: PageContext['storage']): string | null {
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The API socket URL for a page at `loc`: same host, `ws` or `wss`, with the run's token. */
export function apiSocketUrl(loc: { protocol: string; host: string }, token: string | null): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${loc.host}/api${query}`;
}

function currentPage(): PageContext {
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null; // storage disabled: reading the property itself throws
  }
  return { location: window.location, storage, history: window.history };
}

/** A rejected request as the Electron preload reports it: the message, and the code dialogs branch on. */
export const requestError = errorFromWire;

let pageToken: string | null = null;

/** The run's token as this page found it: fetch() calls (uploads) may show it in the `X-Duosub-Token` header. */
export function currentPageToken(): string | null {
  return pageToken;
}

export function createBrowserBridge(url?: string): BrowserBridge {
  let lostMessage = 'Connection to Duosub lost.';
  if (url === undefined) {
    pageToken = takePageToken(currentPage());
    url = apiSocketUrl(window.location, pageToken);
    if (!pageToken) lostMessage = 'Duosub refused this page: open the address (with ?token=) that `npm run web` printed.';
  }
  const socket = new WebSocket(url);
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const events = new Map<EventName, Emitter<unknown>>();
  const lost = new Emitter<void>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const message of queue.splice(0)) socket.send(message);
  });
  socket.addEventListener('message', (event) => handleMessage(String(event.data)));
  const onGone = () => {
    if (closed) return;
    closed = true;
    for (const p of pending.values()) p.reject(new Error(lostMessage));
    pending.clear();
    lost.fire();
  };
  socket.addEventListener('close', onGone);
  socket.addEventListener('error', onGone);

  function handleMessage(raw: string): void {
    let message: WireResponse | WireEvent;
    try {
      message = JSON.parse(raw) as WireResponse | WireEvent;
    } catch {
      return; // Not ours to crash on: the server only sends JSON.
    }
    if (typeof message !== 'object' || message === null) return;
    if ('event' in message) {
      events.get(message.event)?.fire(message.payload);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) {
      // id 0: the server could not tell which request it refuses; a bug in this transport if it ever happens.
      if (!message.ok) console.warn(`Duosub server refused a message: ${message.error.code}: ${message.error.message}`);
      return;
    }
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(requestError(message.error));
  }

  function request(channel: ChannelName, args: unknown): Promise<unknown> {
    if (closed) return Promise.reject(new Error(lostMessage));
    const id = nextId++;
    const wire: WireRequest = { id, channel, args };
    const message = JSON.stringify(wire);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
      else queue.push(message);
    });
  }

  const api = Object.fromEntries(
    channelNames.map((name) => [name, (args: unknown) => request(name, args)]),
  ) as unknown as DuosubApi;

  return {
    api,
    mode: 'browser',
    mediaUrl: (token) => '/media/' + encodeURIComponent(token),
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      let emitter = events.get(event);
      if (!emitter) events.set(event, (emitter = new Emitter<unknown>()));
      return emitter.event(listener as (payload: unknown) => void);
    },
    onConnectionLost(listener) {
      if (closed) listener();
      return lost.event(listener);
    },
  };
}
