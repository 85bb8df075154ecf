import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findFfmpeg } from '../../src/node/ffmpeg/ffmpeg';

const ffmpeg = findFfmpeg()?.path;

describe.skipIf(!ffmpeg)('the alignment worker', () => {
  // Its message listener kept the thread alive after the result: every auto-time left a thread and its memory behind.
  it('ends its thread once the result is in, so a process that only auto-timed exits by itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duosub-align-exit-'));
    try {
      const audio = join(dir, 'tone.wav');
      const made = spawnSync(ffmpeg!, ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=3', '-ar', '16000', audio]);
      expect(made.status).toBe(0);
      const worker = pathToFileURL(join(import.meta.dirname, '../../src/node/align/worker.ts')).href;
      const script = `const { runAlignInWorker } = await import(${JSON.stringify(worker)});
const r = await runAlignInWorker({ audioPath: process.argv[1], fragments: ['Hello there.', 'A test.'], language: 'en-us' }, { ffmpegPath: process.argv[2] });
console.log('aligned', r.times.length);`;
      // A thread left running would keep the child alive until the timeout kills it.
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, audio, ffmpeg!], { encoding: 'utf8', timeout: 60_000 });
      expect(child.signal).toBeNull();
      expect(child.status).toBe(0);
      expect(child.stdout).toContain('aligned 2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
