#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `duosub` works straight after `npm install` with no build step.
// tsImport scopes the TypeScript loader to this one import; the path resolves from this file, not the cwd.
import { tsImport } from 'tsx/esm/api';

// A closed pipe (`duosub convert … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { main } = await tsImport('../src/cli/index.ts', { parentURL: import.meta.url, tsconfig: false });
// exitCode, not exit(): lets a large stdout write drain before the process ends.
process.exitCode = await main(process.argv.slice(2));
