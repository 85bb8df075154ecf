/**
 * npx tsx scripts/make-sample.ts [--audio] — rebuilds the bundled sample in resources/sample/: the first 8 turns
 * of the podcast transcript, auto-timed on `excerpt.opus` by Duosub's own auto-time into subtitle cues, finished
 * with the QC fixes under the Netflix profiles, with three defects planted (tools/make-sample/defects.ts).
 * `--audio` first re-synthesizes the audio: the English spoken by espeak-ng through tools/test-audio (clean,
 * seed 1), compressed to Opus (MP3 when ffmpeg lacks libopus). Re-running gives the same files (sox, espeak-ng
 * and ffmpeg run in their repeatable modes; the aligner is deterministic).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTestAudio, parseTranscript as parseToolTranscript, type Truth } from '../tools/test-audio/index';
import { autoTime, finishForProfiles, SAMPLE_PROFILES } from '../tools/make-sample/autotime';
import { correctNames, plantDefects } from '../tools/make-sample/defects';
import { serializeDuosub } from '../src/shared/formats/duosub';
import { parseTranscript } from '../src/shared/formats/transcript';
import type { SubtitleDocument } from '../src/shared/model';
import { checkDocument } from '../src/shared/qc/run';
import { documentProfiles } from '../src/shared/qc/profiles';

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

/** The app's own import of the transcript, cut to the excerpt's turns (untimed: auto-time gives the times). */
function excerptTurns(source: string): SubtitleDocument {
  const imported = parseTranscript(source).doc;
  const cues = imported.cues.slice(0, TURNS);
  const used = new Set(cues.map((c) => c.speaker));
  return { ...imported, cues, speakers: imported.speakers.filter((s) => used.has(s.id)) };
}

/** The generator and the app read the transcript separately: make sure they agree on the excerpt's turns. */
function checkSameTurns(source: string, turns: SubtitleDocument, truth: Truth): void {
  const toolTurns = parseToolTranscript(source).slice(0, TURNS);
  if (truth.turns.length !== TURNS) throw new Error(`expected ${TURNS} timed turns, got ${truth.turns.length}`);
  turns.cues.forEach((cue, i) => {
    const en = cue.text.en?.replace(/\s+/g, ' ');
    if (cue.speaker !== `s${toolTurns[i].speaker}` || en !== toolTurns[i].en) {
      throw new Error(`turn ${i + 1}: the app's import and the audio generator disagree`);
    }
  });
}

/** Re-synthesizes the excerpt's audio into resources/sample; returns its file name. */
async function makeAudio(source: string, turns: SubtitleDocument): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'duosub-make-sample-'));
  try {
    const audio = await makeTestAudio({ transcriptPath: TRANSCRIPT, outDir: work, maxTurns: TURNS, voices: 'espeak', seed: 1 });
    checkSameTurns(source, turns, audio.truth);
    console.log(`audio: ${TURNS} turns, ${audio.sentences} sentences, ${(audio.durationMs / 1000).toFixed(1)} s`);
    return await encode(audio.audioPath);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function existingAudio(): string {
  const name = ['excerpt.opus', 'excerpt.mp3'].find((n) => existsSync(join(SAMPLE_DIR, n)));
  if (!name) throw new Error(`${SAMPLE_DIR} has no excerpt.opus or excerpt.mp3: run with --audio to make it`);
  return name;
}

/** The sample project: auto-timed, finished for Netflix, defects planted; media and metadata for the bundled files. */
async function sampleProject(turns: SubtitleDocument, mediaName: string): Promise<SubtitleDocument> {
  const metadata = { ...turns.metadata, qcProfiles: SAMPLE_PROFILES };
  const timed = await autoTime({ ...turns, metadata }, join(SAMPLE_DIR, mediaName));
  if (timed.review.length > 0) console.log(`auto-time flags cues ${timed.review.join(', ')} for review`);
  const finished = finishForProfiles(correctNames(timed.doc));
  const { doc, defects } = plantDefects(finished);
  for (const d of defects) console.log(`planted: cue ${d.cue} ${d.what}`);
  return {
    ...doc,
    chapters: doc.chapters.filter((c) => c.start < timed.audioMs),
    media: { path: mediaName, duration: timed.audioMs },
    metadata: {
      title: turns.metadata.title,
      episode: turns.metadata.episode,
      untimed: false,
      qcProfiles: SAMPLE_PROFILES,
      source: `First ${TURNS} turns of openai-podcast-ep8.zh-en.txt, auto-timed by Duosub with three planted defects ` +
        '(see README.md); the audio is the English text synthesized with espeak-ng by scripts/make-sample.ts, not the original podcast.',
    },
  };
}

async function main(): Promise<void> {
  const source = await readFile(TRANSCRIPT, 'utf8');
  const turns = excerptTurns(source);
  const mediaName = process.argv.includes('--audio') ? await makeAudio(source, turns) : existingAudio();
  const doc = await sampleProject(turns, mediaName);
  await writeFile(join(SAMPLE_DIR, 'excerpt.duosub.json'), serializeDuosub(doc));
  for (const name of [mediaName, 'excerpt.duosub.json']) {
    const { size } = await stat(join(SAMPLE_DIR, name));
    if (size >= MAX_BYTES) throw new Error(`${name} is ${size} bytes; it must stay under 1 MB`);
    console.log(`${name}: ${(size / 1024).toFixed(1)} KiB`);
  }
  const issues = checkDocument(doc, documentProfiles(doc));
  const number = (id: string | null) => doc.cues.findIndex((c) => c.id === id) + 1;
  console.log(`excerpt: ${doc.cues.length} cues, ${(doc.media!.duration! / 1000).toFixed(1)} s; QC (Netflix): ${issues.length} problems`);
  for (const i of issues) console.log(`  cue ${number(i.cueId)}${i.lang ? ` (${i.lang})` : ''}: ${i.rule}: ${i.message}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
