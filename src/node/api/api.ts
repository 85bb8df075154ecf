/**
 * The main-process side of the API contract: one handler per channel (handlers-*.ts), every payload validated.
 * Both transports (Electron IPC and the browser-mode WebSocket) call `dispatch`, naming the client that asked,
 * and deliver `onEvent` to their windows.
 */
import { ApiError, isChannel, parseArgs, type EventName } from '../../shared/api';
import type { Origin } from '../events';
import { documentHandlers } from './handlers-document';
import { mediaHandlers, recoveryHandlers } from './handlers-media';
import type { Handlers } from './handlers';
import type { Platform, StartupFiles } from './platform';
import type { Services } from './services';
import { ApiSession, type ApiOptions } from './session';

export { createServices, type Services } from './services';
export type { ApiOptions } from './session';
export type { Platform, StartupFiles } from './platform';

/** An event as a transport receives it: the origin says which client's request made it (null: main's own). */
export type EventListener = (event: EventName, payload: unknown, origin: Origin) => void;

export function createApi(services: Services, platform: Platform, startup: StartupFiles, options: ApiOptions = {}) {
  const session = new ApiSession(services, platform, startup, options);
  const handlers: Handlers = { ...documentHandlers(session), ...mediaHandlers(session), ...recoveryHandlers(session) };

  return {
    /** Runs one request; `origin` names the client that sent it (its own `doc.changed` is not sent back to it). */
    async dispatch(channel: unknown, args: unknown, origin: Origin = null): Promise<unknown> {
      if (!isChannel(channel)) throw new ApiError('bad-request', `unknown channel ${String(channel).slice(0, 80)}`);
      const parsed = parseArgs(channel, args);
      return (handlers[channel] as (a: typeof parsed, o: Origin) => unknown)(parsed, origin);
    },
    onEvent(listener: EventListener): () => void {
      return services.events.subscribe((event) => listener(event.name, event.payload, event.origin));
    },
    /**
     * Starts opening the start-up document now, while the window loads its scripts, so that its first
     * `session.initial` finds it ready (a 5,000-cue project takes main a few hundred ms while the page compiles).
     * A failure is reported to that call, which tries again.
     */
    prepare(): void {
      session.openInitial().catch(() => undefined);
    },
    /** Stops autosave timers (the services' dispose flushes the journal). */
    dispose(): void {
      session.dispose();
    },
  };
}

export type Api = ReturnType<typeof createApi>;
