/** Per-speaker TTS voices and the synthesis of one sentence into trimmed 16 kHz mono s16 PCM. */
import { readFile, writeFile } from 'node:fs/promises';
import { runEspeak } from '../../src/node/align/tts';
import { run } from './run';

export type Engine = 'espeak' | 'flite';

export interface Voice {
  engine: Engine;
  /** espeak-ng voice (e.g. `en-us+m3`) or flite voice name (e.g. `slt`). */
  name: string;
  /** Words per minute. */
  rate: number;
  /** espeak-ng pitch 0–99, or flite mean F0 in Hz (0 = the voice's own). */
  pitch: number;
}

export const SAMPLE_RATE = 16000;

const v = (engine: Engine, name: string, rate: number, pitch: number): Voice => ({ engine, name, rate, pitch });

/** Distinct voices so speaker changes are audible; speaker N uses entry N mod length. */
export const VOICE_PRESETS: Record<Engine, Voice[]> = {
  espeak: [
    v('espeak', 'en-us+m3', 165, 45), v('espeak', 'en-gb+f3', 150, 62),
    v('espeak', 'en-gb-scotland+m1', 185, 38), v('espeak', 'en-029+f2', 170, 55),
    v('espeak', 'en-gb-x-rp+m5', 140, 50),
  ],
  flite: [
    v('flite', 'slt', 160, 0), v('flite', 'rms', 150, 0), v('flite', 'awb', 185, 0),
    v('flite', 'kal16', 170, 0), v('flite', 'slt', 140, 200),
  ],
};

/**
 * Mandarin speakers for Chinese test audio: espeak-ng's `cmn` with other variants, rates and pitches than the
 * aligner's reference (plain `cmn` at 175 wpm, pitch 50), so the two never match sample for sample. Spoken by
 * the same espeak-ng 1.52 WebAssembly build as the reference (the `espeak-ng` npm package): Debian's espeak-ng
 * 1.51 `cmn` reads most characters as pinyin with the tone number said in English ("今 one 天 one …", espeak-ng
 * issues #1028/#1044, fixed by the cmn rules rewrite in 1.52), and its `cmn-latn-pinyin` reads the characters
 * right but English words as pinyin, which no Mandarin speaker does.
 */
export const CHINESE_VOICES: Voice[] = [
  v('espeak', 'cmn+m3', 150, 35), v('espeak', 'cmn+f2', 190, 70), v('espeak', 'cmn+m1', 165, 42),
  v('espeak', 'cmn+f4', 140, 62), v('espeak', 'cmn+m5', 180, 55),
];

export const ENGINE_TOOL: Record<Engine, string> = { espeak: 'espeak-ng', flite: 'flite' };

function ttsArgs(voice: Voice, text: string, out: string): [string, string[]] {
  if (voice.engine === 'espeak') {
    return ['espeak-ng', ['-v', voice.name, '-s', String(voice.rate), '-p', String(voice.pitch), '-w', out, '--', text]];
  }
  // Debian's flite has no rate flag: duration_stretch scales against its ~175 wpm default.
  const args = ['-voice', voice.name, '--setf', `duration_stretch=${(175 / voice.rate).toFixed(3)}`];
  if (voice.pitch) args.push('--setf', `int_f0_target_mean=${voice.pitch}`);
  return ['flite', [...args, '-t', text, '-o', out]];
}

/** Trims TTS leading/trailing silence so truth times mark the speech itself. */
const TRIM = ['silence', '1', '0.005', '-45d', 'reverse', 'silence', '1', '0.005', '-45d', 'reverse'];

/**
 * Speaks `text` with `voice` into `tmpWav`, then returns the trimmed speech as raw
 * 16 kHz mono signed 16-bit little-endian PCM (written via `tmpRaw`).
 */
export async function synthesize(text: string, voice: Voice, tmpWav: string, tmpRaw: string): Promise<Buffer> {
  if (voice.engine === 'espeak' && voice.name.startsWith('cmn')) {
    // Debian's espeak-ng 1.51 cannot speak Mandarin (see CHINESE_VOICES): the npm build the aligner uses can.
    await writeFile(tmpWav, await runEspeak(['-v', voice.name, '-s', String(voice.rate), '-p', String(voice.pitch)], text));
  } else {
    const [cmd, args] = ttsArgs(voice, text, tmpWav);
    await run(cmd, args);
  }
  await run('sox', [
    '-R', tmpWav, '-t', 'raw', '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-L',
    tmpRaw, 'vol', '0.8', ...TRIM,
  ]);
  return readFile(tmpRaw);
}
