/**
 * Browser mode (`npm run web -- FILE [MEDIA]`): the main-process services behind the local HTTP/WebSocket
 * server, for machines without the Electron binary. Run with tsx.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../../shared/api';
import { createApi, createServices, type Platform, type StartupFiles } from '../api/api';
import { userConfigDir } from '../settings/settings';
import { startServer, UploadStore } from './server';
import { removeStaleUploadDirs } from './uploads';
import { userCacheDir } from '../media/media';
import { MediaStore } from '../media/media-store';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface WebArgs {
  port: number;
  startup: StartupFiles;
}

/** `FILE [MEDIA] [--port N]`; relative paths are relative to where the user ran npm (INIT_CWD). */
export function parseWebArgs(argv: string[], cwd: string): WebArgs | string {
  const files: string[] = [];
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') {
      port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return `Invalid --port: ${argv[i]}`;
    } else if (arg.startsWith('--port=')) {
      port = Number(arg.slice('--port='.length));
      if (!Number.isInteger(port) || port < 0 || port > 65535) return `Invalid ${arg}`;
    } else if (arg.startsWith('-')) {
      return `Unknown option ${arg} (usage: npm run web -- [FILE [MEDIA]] [--port N])`;
    } else {
      files.push(resolve(cwd, arg));
    }
  }
  if (files.length > 2) return 'Too many files (usage: npm run web -- [FILE [MEDIA]] [--port N])';
  const startup: StartupFiles = {};
  if (files[0]) startup.file = files[0];
  if (files[1]) startup.media = files[1];
  return { port, startup };
}

function browserPlatform(uploads: UploadStore): Platform {
  return {
    mode: 'browser',
    pickOpenPath: async () => {
      throw new ApiError('unsupported', 'Use the Open button in browser mode');
    },
    pickSavePath: async () => {
      // The folder is main's choice (documents.saveFolder): the opened file's, else ~/Duosub (uploads, samples).
      throw new ApiError('unsupported', 'Browser mode saves beside the opened file, or in ~/Duosub for an uploaded file or a sample; give a file name');
    },
    uploadPath: (uploadId) => uploads.path(uploadId),
  };
}

async function main(): Promise<void> {
  // DUOSUB_RENDERER_DIR serves a renderer built elsewhere (and lets the process tests run before a build).
  const rendererDir = process.env.DUOSUB_RENDERER_DIR ? resolve(process.env.DUOSUB_RENDERER_DIR) : join(repoDir, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`The renderer is not built (${join(rendererDir, 'index.html')} is missing): run \`npm run build\` first.`);
    process.exit(1);
  }
  const args = parseWebArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  if (typeof args === 'string') {
    console.error(args);
    process.exit(2);
  }
  keepServingOnUnexpectedErrors();
  await removeStaleUploadDirs().catch(() => []);
  const services = createServices({
    resourcesDir: join(repoDir, 'resources'),
    cacheDir: join(userCacheDir(), 'duosub'),
    settingsPath: join(userConfigDir(), 'settings.json'),
  });
  // Uploaded media is kept per user (size-capped) so saved projects find it after a restart.
  const uploads = new UploadStore(undefined, new MediaStore());
  const api = createApi(services, browserPlatform(uploads), args.startup);
  const server = await startServer({ api, media: services.media, rendererDir, port: args.port, host: '127.0.0.1', uploads });

  let stopping = false;
  const stop = async () => {
    if (stopping) return process.exit(130); // a second Ctrl+C: the user will not wait
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref(); // a flush that hangs must not keep the process
    // The journal first: whatever else fails, the last edits are on disk.
    await disposeAll(api, services);
    await server.close().catch(() => undefined);
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
  // Exit without a signal (an error path calling process.exit): only synchronous work is possible here.
  process.on('exit', () => uploads.dispose());
  // Announced only once a signal stops it cleanly: one that came before the handlers would kill it outright (143).
  console.log(`Duosub (browser mode): ${server.url}`);
  api.prepare(); // the document opens while the browser loads the page
}

/**
 * Stops autosave timers, then flushes the recovery journal and stops ffmpeg, alignment and replace work (the
 * services' dispose). Each step runs even when one before it fails.
 */
async function disposeAll(api: { dispose?: () => void }, services: ReturnType<typeof createServices>): Promise<void> {
  const steps: Array<() => unknown> = [() => api.dispose?.(), () => services.dispose()];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      console.error(`Duosub (browser mode): while stopping: ${(error as Error).message ?? error}`);
    }
  }
}

/**
 * The last resort: a bug in one request must not end the process and every unsaved edit with it. One line
 * per error says what happened; the server keeps serving (the journal holds the work if it cannot).
 */
function keepServingOnUnexpectedErrors(): void {
  const report = (kind: string) => (error: unknown) => {
    const message = error instanceof Error ? `${error.message}${error.stack ? ` (${error.stack.split('\n')[1]?.trim() ?? ''})` : ''}` : String(error);
    console.error(`Duosub (browser mode): ${kind}, still serving: ${message}`);
  };
  process.on('uncaughtException', report('unexpected error'));
  process.on('unhandledRejection', report('unhandled rejection'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`Duosub (browser mode) could not start: ${(error as Error).message ?? error}`);
    process.exit(1);
  });
}
