import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The tests never read or write the user's own settings or recovery journal.
const userDirs = mkdtempSync(join(tmpdir(), 'duosub-unit-user-'));

// Three projects, one folder each, so the edit–test loop stays short:
// - fast (test/unit/, `npm run test:unit`): pure, in-process code. Not isolated per file: the files share one module
//   graph per worker, which halves the run (importing the sources again for every file was half of it). A test that
//   changes a global puts it back (vi.unstubAllGlobals, vi.useRealTimers).
// - process (test/process/): starts other programs — ffmpeg, espeak-ng, sox, the duosub bin, browser mode, child Node.
// - slow (test/slow/): pure but long — fuzzing, big files, pathological regex inputs, the Electronegativity scan.
// `npm run test:process` runs the last two. A new test that spawns anything belongs in test/process/.
// Vitest's default is one worker less than the cores: one on a 2-core machine, where two run the fast tests in
// two-thirds of the time (the workers wait on imports as much as they compute).
const FAST_WORKERS = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { DUOSUB_CONFIG_DIR: join(userDirs, 'config'), DUOSUB_DATA_DIR: join(userDirs, 'data') },
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/unit/**/*.test.ts'], isolate: false, maxWorkers: FAST_WORKERS } },
      { extends: true, test: { name: 'process', include: ['test/process/**/*.test.ts'] } },
      { extends: true, test: { name: 'slow', include: ['test/slow/**/*.test.ts'] } },
    ],
  },
});
