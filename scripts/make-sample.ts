/**
 * npx tsx scripts/make-sample.ts — rebuilds the bundled sample with audio in resources/sample/:
 * the first 8 turns of the podcast transcript, their English synthesized with espeak-ng by
 * tools/test-audio (clean, seed 1), compressed to Opus (MP3 when ffmpeg lacks libopus), and the timed
 * project `excerpt.duosub.json` whose cues are the turns as measured on that audio.
 * Re-running gives the same files (sox, espeak-ng and ffmpeg run in their repeatable modes).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTestAudio, parseTranscript as parseToolTranscript, type Truth } from '../tools/test-audio/index';
import { serializeDuosub } from '../src/shared/formats/duosub';
import { parseTranscript } from '../src/shared/formats/transcript';
import type { SubtitleDocument } from '../src/shared/model';

const run = promisify(execFile);
const SAMPLE_DIR = join(import.meta.dirname, '..', 'resources', 'sample');
const TRANSCRIPT = join(SAMPLE_DIR, 'openai-podcast-ep8.zh-en.txt');
const TURNS = 8;
const MAX_BYTES = 1024 * 1024;

/** Opus at 24 kb/s is plenty for TTS speech; MP3 at 48 kb/s is the fallback. `bitexact` keeps re-runs identical. */
async function encode(wav: string): Promise<string> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-encoders']);
  const opus = /\blibopus\b/.test(stdout);
  const name = opus ? 'excerpt.opus' : 'excerpt.mp3';
  const codec = opus ? ['-c:a', 'libopus', '-b:a', '24k'] : ['-c:a', 'libmp3lame', '-b:a', '48k'];
  await run('ffmpeg', [
    '-hide_banner', '-nostdin', '-v', 'error', '-y', '-i', wav, '-map_metadata', '-1',
    '-fflags', '+bitexact', '-flags:a', '+bitexact', ...codec, '-ac', '1', join(SAMPLE_DIR, name),
  ]);
  // Leave only the current encoding behind, so the folder never holds two excerpts.
  await unlink(join(SAMPLE_DIR, opus ? 'excerpt.mp3' : 'excerpt.opus')).catch(() => undefined);
  return name;
}

/** The app's own import of the transcript, cut to the excerpt and timed from the synthesized audio. */
function timedProject(source: string, truth: Truth, mediaName: string, durationMs: number): SubtitleDocument {
  const imported = parseTranscript(source).doc;
  const cues = imported.cues.slice(0, TURNS).map((cue, i) => {
    const turn = truth.turns[i];
    return { ...cue, start: Math.round(turn.start * 1000), end: Math.round(turn.end * 1000) };
  });
  const used = new Set(cues.map((c) => c.speaker));
  return {
    languages: imported.languages,
    cues,
    speakers: imported.speakers.filter((s) => used.has(s.id)),
    chapters: imported.chapters.filter((c) => c.start < durationMs),
    media: { path: mediaName, duration: durationMs },
    metadata: {
      title: imported.metadata.title,
      episode: imported.metadata.episode,
      untimed: false,
      source: `First ${TURNS} turns of openai-podcast-ep8.zh-en.txt; the audio is the English text synthesized with ` +
        'espeak-ng by scripts/make-sample.ts, not the original podcast.',
    },
  };
}

/** The generator and the app read the transcript separately: make sure they agree on the excerpt's turns. */
function checkSameTurns(source: string, doc: SubtitleDocument, truth: Truth): void {
  const toolTurns = parseToolTranscript(source).slice(0, TURNS);
  if (truth.turns.length !== TURNS) throw new Error(`expected ${TURNS} timed turns, got ${truth.turns.length}`);
  doc.cues.forEach((cue, i) => {
    const en = cue.text.en?.replace(/\s+/g, ' ');
    if (cue.speaker !== `s${toolTurns[i].speaker}` || en !== toolTurns[i].en) {
      throw new Error(`turn ${i + 1}: the app's import and the audio generator disagree`);
    }
  });
}

async function main(): Promise<void> {
  const source = await readFile(TRANSCRIPT, 'utf8');
  const work = await mkdtemp(join(tmpdir(), 'duosub-make-sample-'));
  try {
    const audio = await makeTestAudio({ transcriptPath: TRANSCRIPT, outDir: work, maxTurns: TURNS, voices: 'espeak', seed: 1 });
    const mediaName = await encode(audio.audioPath);
    const durationMs = Math.round(audio.durationMs);
    const doc = timedProject(source, audio.truth, mediaName, durationMs);
    checkSameTurns(source, doc, audio.truth);
    const projectPath = join(SAMPLE_DIR, 'excerpt.duosub.json');
    await writeFile(projectPath, serializeDuosub(doc));
    for (const name of [mediaName, 'excerpt.duosub.json']) {
      const { size } = await stat(join(SAMPLE_DIR, name));
      if (size >= MAX_BYTES) throw new Error(`${name} is ${size} bytes; it must stay under 1 MB`);
      console.log(`${name}: ${(size / 1024).toFixed(1)} KiB`);
    }
    console.log(`excerpt: ${TURNS} turns, ${audio.sentences} sentences, ${(durationMs / 1000).toFixed(1)} s`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
