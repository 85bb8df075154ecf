/**
 * The one way the renderer reaches main: Electron's preload bridge when present, else the WebSocket
 * transport of browser mode. Both speak the same typed contract (src/shared/api.ts).
 */
import type { DuosubBridge, MenuCommand } from '../../shared/api';
import { createBrowserBridge, type BrowserBridge } from './transport/browser';

/** Menu commands the Electron main process may send (the preload forwards them when it can). */
export type { MenuCommand } from '../../shared/api';

type PreloadBridge = DuosubBridge;

declare global {
  interface Window {
    duosub?: PreloadBridge;
  }
}

let bridge: PreloadBridge | BrowserBridge | null = null;

export function getBridge(): DuosubBridge {
  if (!bridge) bridge = window.duosub ?? createBrowserBridge();
  return bridge;
}

/** Subscribes to menu commands when the preload offers them; a no-op in the browser. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  const current = getBridge();
  return current.onCommand ? current.onCommand(listener) : () => {};
}

/** Subscribes to "the connection to main is gone" (browser mode only: IPC does not drop). */
export function onConnectionLost(listener: () => void): () => void {
  const current = getBridge() as Partial<BrowserBridge>;
  return current.onConnectionLost ? current.onConnectionLost(listener) : () => {};
}
