/**
 * Browser mode (`npm run web -- FILE [MEDIA]`): the main-process services behind the local HTTP/WebSocket
 * server, for machines without the Electron binary. Run with tsx.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../shared/api';
import { createApi, createServices, type Platform, type StartupFiles } from './api';
import { userConfigDir } from './services/settings';
import { startServer, UploadStore } from './server';
import { userCacheDir } from './services/media';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

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
      throw new ApiError('unsupported', 'Browser mode saves beside the opened file; give a file name');
    },
    uploadPath: (uploadId) => uploads.path(uploadId),
  };
}

async function main(): Promise<void> {
  const rendererDir = join(repoDir, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('The renderer is not built (out/renderer/index.html is missing): run `npm run build` first.');
    process.exit(1);
  }
  const args = parseWebArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  if (typeof args === 'string') {
    console.error(args);
    process.exit(2);
  }
  const services = createServices({
    resourcesDir: join(repoDir, 'resources'),
    cacheDir: join(userCacheDir(), 'duosub'),
    settingsPath: join(userConfigDir(), 'settings.json'),
  });
  const uploads = new UploadStore();
  const api = createApi(services, browserPlatform(uploads), args.startup);
  const server = await startServer({ api, media: services.media, rendererDir, port: args.port, host: '127.0.0.1', uploads });
  console.log(`Duosub (browser mode): ${server.url}`);
  api.prepare(); // the document opens while the browser loads the page

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    services.media.dispose();
    services.alignment.dispose();
    server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`Duosub (browser mode) could not start: ${(error as Error).message ?? error}`);
    process.exit(1);
  });
}
