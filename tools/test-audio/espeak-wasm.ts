/**
 * espeak-ng 1.52 as WebAssembly (the `espeak-ng` npm package the aligner speaks its reference with), for the
 * Mandarin test voices. Debian's espeak-ng 1.51 `cmn` reads most Chinese characters as pinyin with the tone
 * number spoken in English ("今 one 天 one …", espeak-ng issues #1028/#1044, fixed by the cmn rules rewrite in
 * 1.52): its "Mandarin" was a third English. Its `cmn-latn-pinyin` reads the characters right but English words
 * as pinyin, which no Mandarin speaker does. The test voices still differ from the reference in variant, rate
 * and pitch, and the audio is degraded after.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import ESpeakNg from 'espeak-ng';

type WasmModule = { readonly compiled: unique symbol };
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: unknown): Promise<unknown>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
let compiled: Promise<WasmModule> | null = null;

/** Runs the espeak-ng program with the CLI's voice arguments on `text` and writes its WAV to `outWav`. */
export async function speakWithWasm(voiceArgs: string[], text: string, outWav: string): Promise<void> {
  compiled ??= readFile(createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm')).then((b) => wasm.compile(b));
  const module = await compiled;
  let stderr = '';
  let status = 0;
  const program = await ESpeakNg({
    arguments: [...voiceArgs, '-w', 'out.wav', '-f', 'in.txt'],
    preRun: [(m) => m.FS.writeFile('in.txt', text)],
    print: () => undefined,
    printErr: (line) => (stderr += `${line}\n`),
    // The default quit sets process.exitCode: an espeak error must not become the generator's exit status.
    quit: (code, toThrow) => {
      status = code;
      throw toThrow;
    },
    instantiateWasm: (imports, done) => {
      wasm.instantiate(module, imports).then(done, (error: unknown) => (stderr += String(error)));
      return {};
    },
  });
  if (status !== 0) throw new Error(`espeak-ng (WebAssembly) failed: ${stderr.trim() || `exit ${status}`}`);
  await writeFile(outWav, program.FS.readFile('out.wav'));
}
