// The espeak-ng package (Emscripten build of the espeak-ng CLI) ships no types; this is the part Duosub uses.
declare module 'espeak-ng' {
  interface ESpeakNgModule {
    FS: {
      readFile(path: string): Uint8Array;
      writeFile(path: string, data: string | Uint8Array): void;
      unlink(path: string): void;
    };
  }
  interface ESpeakNgOptions {
    arguments: string[];
    thisProgram?: string;
    preRun?: ((module: ESpeakNgModule) => void)[];
    print?: (text: string) => void;
    printErr?: (text: string) => void;
    quit?: (status: number, toThrow: unknown) => void;
    /** Emscripten's hook for instantiating an already compiled module (imports and instance are opaque here). */
    instantiateWasm?: (imports: unknown, done: (instance: unknown) => void) => Record<string, never>;
  }
  const ESpeakNg: (options: ESpeakNgOptions) => Promise<ESpeakNgModule>;
  export default ESpeakNg;
}
