/**
 * Podcast-like degradation of a clean test recording: room reverb (sox), a quiet synthesized music bed under the
 * speech, then a low-bitrate mono MP3 round trip (ffmpeg libmp3lame), back to 16 kHz mono WAV. The truth times do
 * not move: reverb has no pre-delay, and ffmpeg's MP3 decoder drops the encoder delay the LAME header records.
 * Deterministic for a seed: the music is generated here from a seeded chord progression, sox runs with -R.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { run } from './run';
import { SAMPLE_RATE } from './voices';
import { gapGenerator, wavHeader } from './wav';

export interface Degradation {
  /** sox `reverb` reverberance, 0–100. Default 50. */
  reverb?: number;
  /** Level of the music bed against the speech's RMS, in dB. Default -20. */
  musicDb?: number;
  /** MP3 bitrate in kb/s. Default 64. */
  mp3Kbps?: number;
}

/** The preset the benchmark and `--degrade` use: a room, a bed at -20 dB, 64 kb/s. */
export const PODCAST_DEGRADATION: Required<Degradation> = { reverb: 50, musicDb: -20, mp3Kbps: 64 };

/** Triads (semitones above A3) of a few common pop progressions; the seed picks one. */
const PROGRESSIONS = [
  [[3, 7, 10], [10, 14, 17], [0, 3, 7], [8, 12, 15]],
  [[0, 4, 7], [7, 11, 14], [9, 12, 16], [5, 9, 12]],
  [[2, 5, 9], [10, 14, 17], [5, 9, 12], [0, 4, 7]],
];
const BEAT_S = 0.5;
const BEATS_PER_CHORD = 4;
const A3 = 220;

const hz = (semitones: number): number => A3 * 2 ** (semitones / 12);

/** Adds one plucked note (a decaying tone with two overtones) at sample `at`. */
function pluck(out: Float32Array, at: number, freq: number, seconds: number, gain: number): void {
  const n = Math.min(out.length - at, Math.round(seconds * SAMPLE_RATE));
  for (let k = 0; k < n; k++) {
    const t = k / SAMPLE_RATE;
    const env = Math.exp(-t * 6) * Math.min(1, k / 80);
    const w = 2 * Math.PI * freq * t;
    out[at + k] += gain * env * (Math.sin(w) + 0.4 * Math.sin(2 * w) + 0.15 * Math.sin(3 * w));
  }
}

/**
 * A music bed as floats at unit RMS-ish level: per beat a pad chord plus an arpeggiated note an octave up and a
 * soft low thump on the downbeats, so it has rhythm and harmonics in the speech band like a real jingle.
 */
export function musicBed(seconds: number, seed: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  const random = gapGenerator(seed + 7);
  const progression = PROGRESSIONS[random(0, PROGRESSIONS.length - 1)];
  const beat = Math.round(BEAT_S * SAMPLE_RATE);
  for (let b = 0; b * beat < out.length; b++) {
    const chord = progression[Math.floor(b / BEATS_PER_CHORD) % progression.length];
    const at = b * beat;
    if (b % BEATS_PER_CHORD === 0) for (const note of chord) pluck(out, at, hz(note - 12), BEAT_S * BEATS_PER_CHORD, 0.25);
    pluck(out, at, hz(chord[random(0, 2)] + 12), BEAT_S, 0.3);
    if (b % 2 === 0) pluck(out, at, hz(chord[0] - 24), 0.25, 0.5);
  }
  return out;
}

/** RMS of the 16-bit PCM where it is not silent (the speech), in linear units of full scale. */
function speechRms(pcm: Buffer[]): number {
  let sum = 0;
  let used = 0;
  for (const piece of pcm) {
    for (let k = 0; k + 1 < piece.length; k += 2) {
      const x = piece.readInt16LE(k) / 32768;
      if (Math.abs(x) < 0.003) continue;
      sum += x * x;
      used++;
    }
  }
  return used ? Math.sqrt(sum / used) : 0.1;
}

async function writeMusic(path: string, music: Float32Array, gain: number): Promise<void> {
  const out = createWriteStream(path);
  const block = 1 << 16;
  out.write(wavHeader(music.length, SAMPLE_RATE));
  for (let from = 0; from < music.length; from += block) {
    const part = music.subarray(from, from + block);
    const buf = Buffer.alloc(part.length * 2);
    part.forEach((x, k) => buf.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(x * gain * 32768))), 2 * k));
    if (!out.write(buf)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function musicRms(music: Float32Array): number {
  let sum = 0;
  for (const x of music) sum += x * x;
  return Math.sqrt(sum / Math.max(1, music.length)) || 1;
}

/**
 * Degrades `clean` (16 kHz mono WAV of `samples` samples whose speech is `speech`) into `out`. The work files go
 * to `work`. Needs sox and ffmpeg with libmp3lame.
 */
export async function degrade(clean: string, out: string, samples: number, speech: Buffer[], opts: Degradation, seed: number, work: string): Promise<void> {
  const d = { ...PODCAST_DEGRADATION, ...opts };
  const seconds = samples / SAMPLE_RATE;
  const fmt = ['-r', String(SAMPLE_RATE), '-c', '1', '-b', '16'];
  const reverbed = join(work, 'reverb.wav');
  // wet+dry, 20% HF damping, a mid-size room; trimmed back to the clean length (the tail would outlast it).
  await run('sox', ['-R', clean, ...fmt, reverbed, 'reverb', String(d.reverb), '20', '60', 'trim', '0', `${samples}s`]);
  const music = musicBed(seconds, seed);
  const bedPath = join(work, 'music.wav');
  await writeMusic(bedPath, music, (speechRms(speech) * 10 ** (d.musicDb / 20)) / musicRms(music));
  const mixed = join(work, 'mixed.wav');
  // -v 1 on each input: sox -m would halve both; the final gain keeps the peaks under full scale.
  await run('sox', ['-R', '-m', '-v', '1', reverbed, '-v', '1', bedPath, '-b', '16', mixed, 'gain', '-n', '-1']);
  const mp3 = join(work, 'podcast.mp3');
  // Podcasts are 44.1 kHz; the encoder's low-pass and quantization at this rate are what a listener's file has.
  await run('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-i', mixed, '-ar', '44100', '-ac', '1',
    '-c:a', 'libmp3lame', '-b:a', `${d.mp3Kbps}k`, mp3]);
  // Resampled inside the filter graph so the padding and trim count samples at 16 kHz.
  await run('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-i', mp3, '-ac', '1', '-c:a', 'pcm_s16le',
    '-af', `aresample=${SAMPLE_RATE},apad=whole_len=${samples},atrim=end_sample=${samples}`, out]);
}
