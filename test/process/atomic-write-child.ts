/**
 * Child processes for the atomic-write tests (killed with -9, run as another user, run under a file-size limit):
 * the three atomic-write sources transpiled to plain .mjs once, so each child starts in plain Node in a fraction
 * of the time tsx takes.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCES = fileURLToPath(new URL('../../src/node/files', import.meta.url));
const MODULES = ['atomic-write', 'atomic-write-steps', 'atomic-write-error'];

/** Writes the .mjs modules into `dir` (readable by any user) and returns the entry's path. */
export function buildAtomicWrite(dir: string): string {
  chmodSync(dir, 0o755);
  for (const name of MODULES) {
    const source = readFileSync(join(SOURCES, `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(dir, `${name}.mjs`), outputText.replace(/from '(\.\/[\w-]+)'/g, "from '$1.mjs'"));
  }
  return join(dir, 'atomic-write.mjs');
}

/** A child that saves `body` to `target` once and prints the outcome as JSON: {ok} or {code, message}. */
export function saveOnceScript(entry: string): string {
  return `
import { writeFileAtomic } from ${JSON.stringify(entry)};
// Under a file-size limit the kernel would kill the writer; handled, write() fails with EFBIG instead.
process.on('SIGXFSZ', () => {});
const [target, size] = process.argv.slice(2);
try {
  await writeFileAtomic(target, 'n'.repeat(Number(size)));
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(JSON.stringify({ code: error.code, message: error.message }));
}
`;
}

/**
 * A child that saves versions 1, 2, 3 … of a JSON document to `target` as fast as it can, printing "saving"
 * once the first save is done. Each version is big enough (~200 KB) that a torn write would show.
 */
export function saveLoopScript(entry: string): string {
  return `
import { writeFileAtomic } from ${JSON.stringify(entry)};
const target = process.argv[2];
const body = (version) => JSON.stringify({ version, cues: Array.from({ length: 2000 }, (_, i) => ({ i, text: 'v' + version + '-' + 'x'.repeat(80) })) });
for (let version = 1; ; version++) {
  await writeFileAtomic(target, body(version));
  if (version === 1) process.stdout.write('saving\\n');
}
`;
}

export function runScript(dir: string, name: string, script: string, args: string[], options: { uid?: number; fileSizeKb?: number } = {}): SpawnSyncReturns<string> {
  const path = join(dir, name);
  writeFileSync(path, script);
  const command = options.fileSizeKb === undefined ? process.execPath : 'sh';
  const argv = options.fileSizeKb === undefined ? [path, ...args] : ['-c', `ulimit -f ${options.fileSizeKb} && exec "$0" "$@"`, process.execPath, path, ...args];
  return spawnSync(command, argv, { encoding: 'utf8', uid: options.uid, gid: options.uid, timeout: 60_000 });
}

/** Starts the save loop and resolves once it has saved at least once; the caller kills it. */
export function startSaveLoop(scriptPath: string, target: string): Promise<ReturnType<typeof spawn>> {
  const child = spawn(process.execPath, [scriptPath, target], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveStarted, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`save loop exited early (${code})`)));
    child.stdout?.once('data', () => resolveStarted(child));
  });
}
