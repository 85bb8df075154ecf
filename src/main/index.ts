/**
 * Electron wiring, kept thin: the window with its safety settings, the app:// and duosub-media:// schemes,
 * the one IPC channel that carries the API, and the menu. Everything else lives in services that do not
 * import electron (browser mode runs the same services).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, session, type IpcMainInvokeEvent, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { ApiError } from '../shared/api';
import { createApi, createServices, type StartupFiles } from './api';
import { createElectronPlatform } from './electron-platform';
import { userCacheDir } from './services/media';
import { contentSecurityPolicy, createRangeResponse, resolveStaticFile, type FileResponse } from './services/range';

const APP_ORIGIN = 'app://duosub';
const MEDIA_SCHEME = 'duosub-media';
const mainDir = dirname(fileURLToPath(import.meta.url)); // out/main
const rendererDir = join(mainDir, '../renderer');
// Relative to the bundle, not app.getAppPath(): `electron out/main/index.js` (the e2e test) makes that out/main.
const resourcesDir = join(mainDir, '../../resources');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const pageOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;
const CSP = contentSecurityPolicy({ media: [`${MEDIA_SCHEME}:`] });

type Command =
  | 'open' | 'openSampleTranscript' | 'openMedia' | 'addLanguage' | 'reopenWithEncoding'
  | 'save' | 'saveAs' | 'exportSrt' | 'undo' | 'redo';

// Must happen before 'ready'. Standard + secure: 'self', storage and fetch behave as on https.
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

/** `electron . FILE [MEDIA]` (dev) or `Duosub FILE [MEDIA]` (packaged); Chromium switches are skipped. */
function startupFiles(): StartupFiles {
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const files = process.argv.slice(app.isPackaged ? 1 : 2).filter((arg) => !arg.startsWith('-')).map((arg) => resolve(cwd, arg));
  return { file: files[0], media: files[1] };
}

function toResponse(file: FileResponse, extra: Record<string, string> = {}): Response {
  const body = file.body ? (Readable.toWeb(file.body) as unknown as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: file.status, headers: { ...file.headers, ...extra } });
}

function registerProtocols(resolveMedia: (token: string) => { path: string; size: number; mime: string } | null): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'duosub') return new Response('Not found', { status: 404 });
    const file = await resolveStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(await readFile(file.path), {
      headers: { 'Content-Type': file.mime, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  });
  protocol.handle(MEDIA_SCHEME, (request) => {
    // Tokens are lowercase hex, so the standard scheme's case-folded host is the token itself.
    const media = resolveMedia(new URL(request.url).host);
    if (!media) return new Response('Unknown media', { status: 404 });
    return toResponse(createRangeResponse(media.path, media.size, media.mime, request.headers.get('range')));
  });
}

/** Only our window's top frame, showing our own page, may call the API. */
function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!window || window.isDestroyed() || !frame || event.sender.id !== window.webContents.id || frame.parent !== null) return false;
  const main = window.webContents.mainFrame;
  if (frame.processId !== main.processId || frame.frameToken !== main.frameToken) return false;
  try {
    return new URL(frame.url).origin === pageOrigin;
  } catch {
    return false;
  }
}

function isOwnUrl(url: string): boolean {
  try {
    return new URL(url).origin === pageOrigin;
  } catch {
    return false;
  }
}

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isOwnUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function buildMenu(send: (command: Command) => void): Menu {
  const item = (label: string, command: Command, accelerator?: string): MenuItemConstructorOptions => ({ label, accelerator, click: () => send(command) });
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        item('Open…', 'open', 'CmdOrCtrl+O'),
        item('Open Sample Transcript', 'openSampleTranscript'),
        item('Open Audio…', 'openMedia', 'CmdOrCtrl+Shift+O'),
        item('Add a Language from a File…', 'addLanguage'),
        item('Re-open with Encoding…', 'reopenWithEncoding'),
        { type: 'separator' },
        item('Save', 'save', 'CmdOrCtrl+S'),
        item('Save As…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        item('Export…', 'exportSrt', 'CmdOrCtrl+E'),
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // Undo is the document's history in main, not the focused text field's.
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', process.platform === 'darwin' ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [{ role: 'reload' }, ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const])],
    },
  ];
  return Menu.buildFromTemplate(template);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Duosub',
    show: false,
    webPreferences: {
      preload: join(mainDir, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

async function main(): Promise<void> {
  await app.whenReady();
  const services = createServices({
    resourcesDir,
    cacheDir: join(userCacheDir(), 'duosub'),
    settingsPath: join(app.getPath('userData'), 'settings.json'),
  });
  let window: BrowserWindow | null = null;
  const api = createApi(services, createElectronPlatform(() => window), startupFiles());

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  registerProtocols((token) => services.media.resolve(token));

  ipcMain.handle('duosub:invoke', async (event, channel: unknown, args: unknown) => {
    if (!isTrustedSender(event, window)) return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender' } };
    // An envelope instead of a throw: Electron would flatten the error to a string and lose its code.
    try {
      return { ok: true, result: await api.dispatch(channel, args) };
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'failed';
      return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
    }
  });
  const send = (channel: string, ...args: unknown[]) => {
    if (window && !window.isDestroyed()) window.webContents.send(channel, ...args);
  };
  api.onEvent((name, payload) => send('duosub:event', name, payload));
  const sendCommand = (command: Command) => send('duosub:command', command);
  Menu.setApplicationMenu(buildMenu(sendCommand));
  window = createWindow();
  api.prepare(); // the document opens while the window loads
  window.on('closed', () => {
    window = null;
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    services.media.dispose();
    services.alignment.dispose();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
