/**
 * The browser transport: the same DuosubBridge as Electron's preload, carried over a WebSocket to the
 * local server (`npm run web`, end-to-end tests). Requests are id-correlated promises, queued until the
 * socket opens; a closed socket rejects everything pending and reports "connection lost".
 */
import {
  channelNames,
  type ChannelName,
  type DuosubApi,
  type DuosubBridge,
  type EventMap,
  type EventName,
  type WireEvent,
  type WireRequest,
  type WireResponse,
} from '../../../shared/api';

export interface BrowserBridge extends DuosubBridge {
  /** Called once when the socket closes or fails; returns an unsubscribe. */
  onConnectionLost(listener: () => void): () => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The API socket URL for a page at `loc`: same host, `ws` or `wss`, the page's `?token=` passed on. */
export function apiSocketUrl(loc: { protocol: string; host: string; search: string }): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  const token = new URLSearchParams(loc.search).get('token');
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${loc.host}/api${query}`;
}

export function createBrowserBridge(url: string = apiSocketUrl(window.location)): BrowserBridge {
  const socket = new WebSocket(url);
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const lostListeners = new Set<() => void>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const message of queue.splice(0)) socket.send(message);
  });
  socket.addEventListener('message', (event) => handleMessage(String(event.data)));
  const onGone = () => {
    if (closed) return;
    closed = true;
    for (const p of pending.values()) p.reject(new Error('Connection to Duosub lost.'));
    pending.clear();
    for (const listener of lostListeners) listener();
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
    if ('event' in message) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(message.error.message));
  }

  function request(channel: ChannelName, args: unknown): Promise<unknown> {
    if (closed) return Promise.reject(new Error('Connection to Duosub lost.'));
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
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onConnectionLost(listener) {
      if (closed) listener();
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
  };
}
