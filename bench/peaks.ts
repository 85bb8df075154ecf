/**
 * Waveform peaks of a 10-minute MP3: ffmpeg decoding alone to 8 kHz mono s16le (into /dev/null) against
 * Duosub's full `MediaService.peaks()` (the same decode piped into Node and reduced to min/max pairs).
 * The MP3 is generated into a temp dir with ffmpeg's lavfi sources and removed afterwards.
 * Last line: `bench peaks: minutes=10 ffmpeg_s=… full_s=… ratio_vs_ffmpeg=…` (ratio = full / ffmpeg).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFfmpeg, FFMPEG_INSTALL_HINT } from '../src/node/ffmpeg/ffmpeg';
import { MediaService } from '../src/node/media/media';
import { fixed, medians, runCount } from './lib/measure';

const MINUTES = 10;
const RUNS = runCount(3);

function ffmpeg(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdout goes to /dev/null: the baseline is the decode alone, with nobody reading the samples.
    const child = spawn(bin, ['-hide_banner', '-nostdin', '-v', 'error', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${stderr.trim()}`))));
  });
}

/**
 * Pink noise band-limited to the voice range, chopped into ~4 Hz syllables and 2–3 s phrases with pauses:
 * close enough to speech for a decoder and a peak reducer, which do not care what is said.
 */
async function makeSpeechLikeMp3(bin: string, path: string): Promise<void> {
  const seconds = MINUTES * 60;
  const envelope = "'0.5*(0.6+0.4*sin(2*PI*4*t))*gt(sin(2*PI*0.37*t)+0.2*sin(2*PI*1.3*t),-0.35)'";
  const graph = `anoisesrc=color=pink:sample_rate=44100:duration=${seconds}:seed=7,` +
    `highpass=f=150,lowpass=f=3800,volume=volume=${envelope}:eval=frame`;
  await ffmpeg(bin, ['-f', 'lavfi', '-i', graph, '-ac', '2', '-c:a', 'libmp3lame', '-b:a', '128k', '-y', path]);
}

async function main(): Promise<void> {
  const found = findFfmpeg();
  if (!found) throw new Error(FFMPEG_INSTALL_HINT);
  const dir = await mkdtemp(join(tmpdir(), 'duosub-bench-peaks-'));
  try {
    const mp3 = join(dir, 'speech-like.mp3');
    await makeSpeechLikeMp3(found.path, mp3);
    const decodeArgs = ['-i', mp3, '-vn', '-sn', '-dn', '-ac', '1', '-ar', '8000', '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'];
    let peakCount = 0;
    const m = await medians(RUNS, {
      ffmpeg: () => ffmpeg(found.path, decodeArgs),
      // A fresh service per run: peaks are memoized per token. Only peaks() is timed, not register's probe.
      full: async () => {
        const media = new MediaService({ ffmpegPath: found.path, cacheDir: join(dir, 'cache') });
        const { token } = await media.register(mp3);
        const started = performance.now();
        const peaks = await media.peaks(token);
        peakCount = peaks.data.length / 2;
        media.dispose();
        return performance.now() - started;
      },
    });
    console.log(`ffmpeg=${found.path} (${found.source}) runs=${RUNS} peaks=${peakCount} (medians; full = peaks() after register)`);
    const ffmpegS = m.ffmpeg / 1000;
    const fullS = m.full / 1000;
    console.log(`bench peaks: minutes=${MINUTES} ffmpeg_s=${fixed(ffmpegS, 2)} full_s=${fixed(fullS, 2)} ratio_vs_ffmpeg=${fixed(fullS / ffmpegS, 2)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench peaks: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
