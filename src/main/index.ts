/**
 * Electron wiring, kept thin: the window with its safety settings, the app:// and duosub-media:// schemes,
 * the IPC channels (the API, and dropped-file grants), the close prompt and the menu. Everything else lives in
 * services that do not import electron (browser mode runs the same services); the rules this file applies are
 * plain functions in shell-policy.ts and close-guard.ts, where unit tests check them.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell,
  type IpcMainInvokeEvent, type MenuItemConstructorOptions, type WebContents,
} from 'electron';
import { wireError, type MenuCommand } from '../shared/api';
import { createApi, createServices, type Api, type Services, type StartupFiles } from '../node/api/api';
import { deliversTo } from '../node/events';
import { settleClose, type CloseEffects } from './close-guard';
import { createElectronPlatform, type ElectronPlatform } from './electron-platform';
import {
  devRendererUrl, isAllowedExternalUrl, isSameOrigin, isTrustedFrame, mediaTokenOf, originOf, shouldReloadAfterCrash,
} from './shell-policy';
import { userCacheDir } from '../node/media/media';
import { contentSecurityPolicy, createRangeResponse, resolveStaticFile, type FileResponse } from '../node/web/range';

const APP_ORIGIN = 'app://duosub';
const MEDIA_SCHEME = 'duosub-media';
const mainDir = dirname(fileURLToPath(import.meta.url)); // out/main
const rendererDir = join(mainDir, '../renderer');
// Relative to the bundle, not app.getAppPath(): `electron out/main/index.js` (the e2e test) makes that out/main.
const resourcesDir = join(mainDir, '../../resources');
const devChoice = devRendererUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
if (devChoice.warning) console.warn(devChoice.warning);
const devUrl = devChoice.url;
const pageOrigin = (devUrl && originOf(devUrl)) || APP_ORIGIN;
const CSP = contentSecurityPolicy({ media: [`${MEDIA_SCHEME}:`] });

/** How long quitting waits for the journal to reach the disk before it gives up and quits anyway. */
const DISPOSE_TIMEOUT_MS = 5000;

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
    // Tokens are lowercase hex, so the standard scheme's case-folded host is the token itself; only a token main
    // issued resolves (MediaService keeps them in a Map), and any other URL shape is refused before the lookup.
    const token = mediaTokenOf(request.url, MEDIA_SCHEME);
    const media = token ? resolveMedia(token) : null;
    if (!media) return new Response('Unknown media', { status: 404 });
    return toResponse(createRangeResponse(media.path, media.size, media.mime, request.headers.get('range')));
  });
}

/** Only our window's top frame, showing our own page, may call the API or grant a dropped path. */
function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  const sender = {
    contentsId: event.sender.id,
    frame: frame && { isTopFrame: frame.parent === null, processId: frame.processId, frameToken: frame.frameToken, url: frame.url },
  };
  const own = window && !window.isDestroyed()
    ? { contentsId: window.webContents.id, mainFrame: { processId: window.webContents.mainFrame.processId, frameToken: window.webContents.mainFrame.frameToken } }
    : null;
  return isTrustedFrame(sender, own, pageOrigin);
}

function isOwnUrl(url: string): boolean {
  return isSameOrigin(url, pageOrigin);
}

/**
 * The one way out to the user's browser: https links on EXTERNAL_HOSTS only (shell-policy.ts). Anything else a
 * page asks to open is dropped, so a compromised page cannot launch file: paths or other URL handlers.
 */
function openExternalIfAllowed(url: string): void {
  if (!isAllowedExternalUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => console.error(`could not open ${url}:`, error)); // eng-disable OPEN_EXTERNAL_JS_CHECK -- checked by isAllowedExternalUrl just above: https on listed hosts only
}

/** Every webContents: no new windows, no navigation away from our page (in any frame), no <webview>. */
function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isOwnUrl(event.url)) return;
    event.preventDefault();
    openExternalIfAllowed(event.url);
  });
  // Sub-frames only: the top frame is will-navigate's (which also routes allowlisted links to the browser).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isOwnUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isOwnUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Main asks about unsaved changes itself (guardClose); a page's beforeunload veto would only trap the window.
  contents.on('will-prevent-unload', (event) => event.preventDefault());
  reloadAfterCrash(contents);
}

/** A crashed page reloads (main kept the document and its history, so nothing is lost), but never in a loop. */
function reloadAfterCrash(contents: WebContents): void {
  let lastReloadAt: number | null = null;
  contents.on('render-process-gone', (_event, details) => {
    console.error(`the window's page stopped: ${details.reason} (exit code ${details.exitCode})`);
    if (contents.isDestroyed() || !shouldReloadAfterCrash(details.reason, lastReloadAt, Date.now())) return;
    lastReloadAt = Date.now();
    contents.reload();
  });
}

/** Nothing the page asks for is granted: no camera, microphone, screen, notifications, USB/HID/serial devices. */
function denyPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
}

function buildMenu(send: (command: MenuCommand) => void): Menu {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({ label, accelerator, click: () => send(command) });
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
        // Closes the window; its 'close' handler asks about unsaved changes first (guardClose).
        { role: 'close', label: 'Close Window', accelerator: 'CmdOrCtrl+W' },
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
        // Shown, not registered: the page's keymap handles these keys (also in a pane), the menu only names them.
        { ...item('Go To Cue or Time…', 'goTo', 'CmdOrCtrl+G'), registerAccelerator: false },
        { ...item('Pin / Unpin Selected Cues', 'togglePin', 'CmdOrCtrl+Alt+P'), registerAccelerator: false },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [item('History', 'history'), { type: 'separator' }, { role: 'reload' }, ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const])],
    },
  ];
  return Menu.buildFromTemplate(template);
}

function createWindow(): BrowserWindow {
  // Middle-click (auxclick) opens links as new windows, which setWindowOpenHandler denies like any other.
  const window = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK -- new windows are denied in lockDown whatever opens them
    width: 1400,
    height: 900,
    title: 'Duosub',
    show: false,
    webPreferences: {
      // Our own sandboxed bundle: it exposes only the typed API and the drop grant (src/preload/index.ts).
      preload: join(mainDir, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK -- our sandboxed preload, no Node API reaches the page
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

/** The origin of a window's requests (see node/events.ts): its webContents. */
function windowOrigin(contentsId: number): string {
  return `webContents:${contentsId}`;
}

/** The API channel and the dropped-file grants; both answer only our own window's top frame. */
function registerIpc(api: Api, platform: ElectronPlatform, getWindow: () => BrowserWindow | null): void {
  ipcMain.handle('duosub:invoke', async (event, channel: unknown, args: unknown) => {
    if (!isTrustedSender(event, getWindow())) return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender' } };
    // An envelope instead of a throw: Electron would flatten the error to a string and lose its code.
    try {
      return { ok: true, result: await api.dispatch(channel, args, windowOrigin(event.sender.id)) };
    } catch (error) {
      return { ok: false, error: wireError(error) };
    }
  });
  // The preload reports the path of each real File dropped on the page (src/preload/index.ts pathForFile).
  ipcMain.on('duosub:grant-dropped', (event, path: unknown) => {
    if (isTrustedSender(event, getWindow())) platform.grantDropped(path);
  });
}

/** The close prompt's effects: native message boxes and the save dialog over the document service. */
function closeEffects(window: BrowserWindow, services: Services, platform: ElectronPlatform): CloseEffects {
  const { documents, settings } = services;
  return {
    dirtyDocuments: () => documents.dirtyDocuments(),
    hotExit: () => settings.get().then((s) => s.hotExit === true, () => false),
    ask: async (prompt) => (await dialog.showMessageBox(window, { type: 'warning', title: 'Duosub', noLink: true, ...prompt })).response,
    save: (docId) => documents.save(docId),
    pickSavePath: (docId, name) => platform.pickSavePath(join(documents.saveFolder(docId, app.getPath('documents')), name)),
    saveAs: (docId, path) => documents.saveAs(docId, path),
    discard: (docId) => documents.close(docId, { discard: true }),
    showError: async (message) => {
      await dialog.showMessageBox(window, { type: 'error', title: 'Duosub', message: 'Not saved', detail: message });
    },
  };
}

/**
 * Closing the window with unsaved changes asks first (close-guard.ts). 'close' cannot wait for a dialog, so the
 * first close is always held back, the question settled, and the window closed again once the answer allows it.
 */
function guardClose(window: BrowserWindow, services: Services, platform: ElectronPlatform): void {
  let approved = false;
  let settling = false;
  window.on('close', (event) => {
    if (approved) return;
    event.preventDefault();
    if (settling) return; // a second close (or a quit) while the question is open waits for its answer
    settling = true;
    settleClose(closeEffects(window, services, platform))
      .catch((error: unknown) => {
        console.error('could not settle unsaved changes; the window stays open:', error);
        return false;
      })
      .then((mayClose) => {
        settling = false;
        if (!mayClose || window.isDestroyed()) return;
        approved = true;
        window.close();
      });
  });
}

/**
 * 'will-quit' cannot wait for a promise: the first one is held back while services.dispose() writes the journal's
 * pending changes and stops media work (bounded, so a stuck disk cannot keep the app from quitting), then the quit
 * is asked for again and goes through.
 */
function disposeOnQuit(services: Services): void {
  let disposing = false;
  app.on('will-quit', (event) => {
    if (disposing) return;
    disposing = true;
    event.preventDefault();
    const timeout = new Promise<void>((done) => setTimeout(done, DISPOSE_TIMEOUT_MS).unref());
    const flush = services.dispose().catch((error: unknown) => console.error('Duosub: could not flush the recovery journal:', error));
    void Promise.race([flush, timeout]).finally(() => app.quit());
  });
}

/**
 * The last resort: a bug in one handler must not end main and every unsaved edit with it (Electron would show an
 * error box); one line says what happened, and the journal holds the work if main cannot go on.
 */
function keepRunningOnUnexpectedErrors(): void {
  const report = (kind: string) => (error: unknown) => console.error(`Duosub: ${kind}, still running:`, error);
  process.on('uncaughtException', report('unexpected error'));
  process.on('unhandledRejection', report('unhandled rejection'));
}

async function main(): Promise<void> {
  keepRunningOnUnexpectedErrors();
  await app.whenReady();
  const services = createServices({
    resourcesDir,
    cacheDir: join(userCacheDir(), 'duosub'),
    settingsPath: join(app.getPath('userData'), 'settings.json'),
    // The journal beside the settings (DUOSUB_DATA_DIR, when set, wins, as in browser mode).
    dataDir: process.env.DUOSUB_DATA_DIR ? undefined : join(app.getPath('userData'), 'recovery'),
  });
  let window: BrowserWindow | null = null;
  const platform = createElectronPlatform(() => window);
  const api = createApi(services, platform, startupFiles());

  denyPermissions();
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  registerProtocols((token) => services.media.resolve(token));
  registerIpc(api, platform, () => window);

  const send = (channel: string, ...args: unknown[]) => {
    if (window && !window.isDestroyed()) window.webContents.send(channel, ...args);
  };
  // A change is not sent back to the window whose request made it: that request's reply carries it.
  api.onEvent((name, payload, origin) => {
    if (window && !window.isDestroyed() && deliversTo(origin, windowOrigin(window.webContents.id))) send('duosub:event', name, payload);
  });
  Menu.setApplicationMenu(buildMenu((command: MenuCommand) => send('duosub:command', command)));
  window = createWindow();
  api.prepare(); // the document opens while the window loads
  guardClose(window, services, platform);
  window.on('closed', () => {
    window = null;
  });

  app.on('window-all-closed', () => app.quit());
  disposeOnQuit(services);
}

main().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
