/**
 * Main's event bus: what the Node services announce (document changes and saves, media attached, peak chunks,
 * proxies, alignment progress) and what the transports (the WebSocket server, Electron's IPC) deliver to windows.
 * The services publish here instead of on each other, so the document service is not everyone's messenger.
 */
import type { EventMap, EventName } from '../shared/api';
import { Emitter, type Disposable } from '../shared/lifecycle';

/**
 * Who asked for a change: the transport's id of the client whose request made it (a WebSocket connection, an
 * Electron webContents), or null for what main does on its own (an auto-time result, media spread, autosave).
 */
export type Origin = string | null;

export type AppEvent = { [E in EventName]: { name: E; payload: EventMap[E]; origin: Origin } }[EventName];

export class EventBus implements Disposable {
  private readonly emitter = new Emitter<AppEvent>();

  /** Subscribes to every event; returns the unsubscribe. */
  readonly subscribe = this.emitter.event;

  publish<E extends EventName>(name: E, payload: EventMap[E], origin: Origin = null): void {
    this.emitter.fire({ name, payload, origin } as AppEvent);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/**
 * Whether `client` is sent an event: not the change its own request made, since the request's reply already
 * carries the same result (sending it again only makes the window compare revisions to throw it away).
 */
export function deliversTo(origin: Origin, client: string): boolean {
  return origin === null || origin !== client;
}
