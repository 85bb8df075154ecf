import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The tests never read or write the user's own settings or recovery journal.
const userDirs = mkdtempSync(join(tmpdir(), 'duosub-unit-user-'));

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { DUOSUB_CONFIG_DIR: join(userDirs, 'config'), DUOSUB_DATA_DIR: join(userDirs, 'data') },
  },
});
