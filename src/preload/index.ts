/**
 * The preload: exposes exactly the typed API as `window.duosub`, nothing else. Runs sandboxed, bundled into
 * one CommonJS file (electron.vite.config.ts), so it may import only `electron` and our own shared code.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  channelNames, errorFromWire, isMenuCommand, type DuosubApi, type DuosubBridge, type EventMap, type EventName, type MenuCommand,
  type WireError,
} from '../shared/api';

type Envelope = { ok: true; result: unknown } | { ok: false; error: WireError };

/** Main answers with an envelope so the error code survives; here it becomes an Error with a `code`. */
async function invoke(channel: string, args: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke('duosub:invoke', channel, args)) as Envelope;
  if (reply.ok) return reply.result;
  throw errorFromWire(reply.error);
}

const api = Object.fromEntries(channelNames.map((channel) => [channel, (args: unknown) => invoke(channel, args)])) as unknown as DuosubApi;

/** Subscribes to one IPC channel without ever handing the IpcRendererEvent (and its `sender`) to the page. */
function subscribe(ipcChannel: string, handler: (...args: unknown[]) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, ...args: unknown[]) => handler(...args);
  ipcRenderer.on(ipcChannel, wrapped);
  return () => {
    ipcRenderer.removeListener(ipcChannel, wrapped);
  };
}

/**
 * The path of a File the user dropped ('' for a File the page made, which has none). A real path is granted to
 * main first, on its own channel, so the page can later open it as `{ kind: 'dropped', path }` and nothing else:
 * the page cannot invent a path, only pass back one that came from a drop. `send` and the later `invoke` travel
 * in order over the same IPC pipe, so the grant is recorded before the request that uses it arrives.
 */
function pathForFile(file: unknown): string {
  let path: string;
  try {
    path = webUtils.getPathForFile(file as File);
  } catch {
    return ''; // not a File at all: nothing to grant
  }
  if (path) ipcRenderer.send('duosub:grant-dropped', path);
  return path;
}

const bridge: DuosubBridge & { onCommand(listener: (command: MenuCommand) => void): () => void } = {
  api,
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
    return subscribe('duosub:event', (name, payload) => {
      if (name === event) listener(payload as EventMap[E]);
    });
  },
  /** The menu's commands (MENU_COMMANDS); anything else on the channel is dropped. */
  onCommand(listener: (command: MenuCommand) => void) {
    return subscribe('duosub:command', (command) => {
      if (isMenuCommand(command)) listener(command);
    });
  },
  mediaUrl: (token: string) => `duosub-media://${token}`,
  mode: 'electron',
  pathForFile,
};

contextBridge.exposeInMainWorld('duosub', bridge);
