/**
 * Playability of a probed file in the page (Chromium/Electron), and the playable proxy ffmpeg makes for what the
 * page cannot play: Opus in WebM for audio, VP9 + Opus in WebM at a modest size for video. Proxies live in the
 * cache dir under the same key as the peaks, so a reopen finds them done.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tempPathFor, touchEntry } from './cache-limit';
import type { MediaStreams } from '../ffmpeg/ffmpeg';
import { describeSpawnError, ffmpegExit, INPUT_PROTOCOLS } from '../ffmpeg/ffmpeg';

const AUDIO_CODECS = new Set(['mp3', 'aac', 'opus', 'vorbis', 'flac', 'pcm_s16le', 'pcm_s24le', 'pcm_u8', 'pcm_f32le']);
const VIDEO_CODECS = new Set(['h264', 'vp8', 'vp9', 'av1']);
/** ffmpeg demuxer names (its `Input #0, NAMES, from` list) whose files the page opens. */
const AUDIO_CONTAINERS = new Set(['mp3', 'mp4', 'ogg', 'webm', 'flac', 'wav', 'aac']);
const VIDEO_CONTAINERS = new Set(['mp4', 'webm']);

/** Whether the page's media element plays the file as it is. */
export function isPlayable(streams: MediaStreams): boolean {
  const containers = streams.container.split(',');
  if (streams.audioCodec && !AUDIO_CODECS.has(streams.audioCodec)) return false;
  if (streams.videoCodec) {
    return VIDEO_CODECS.has(streams.videoCodec) && containers.some((name) => VIDEO_CONTAINERS.has(name));
  }
  return containers.some((name) => AUDIO_CONTAINERS.has(name));
}

export function proxyPath(cacheDir: string, key: string, video: boolean): string {
  // .weba/.webm: the extension gives the MIME type the routes send (audio/webm, video/webm).
  return join(cacheDir, 'proxies', `${key}.${video ? 'webm' : 'weba'}`);
}

function proxyArgs(input: string, output: string, video: boolean): string[] {
  const audio = ['-c:a', 'libopus', '-b:a', video ? '96k' : '64k', '-ac', '2'];
  const picture = video
    ? ['-map', '0:v:0', '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1',
      '-b:v', '800k', '-vf', "scale=-2:'min(480,ih)'"]
    : ['-vn'];
  return ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...INPUT_PROTOCOLS, '-i', input, ...picture, '-map', '0:a:0', ...audio,
    '-sn', '-dn', '-f', 'webm', output];
}

/**
 * Makes the proxy of `input` at `output` (reused when it exists: then only marked used), atomically: ffmpeg writes
 * a temp file beside it, renamed into place when complete and removed when it fails or is killed (a crash leaves
 * it to the cleaning at the next start). `track` sees the child so the service can kill it on dispose. Resolves
 * with whether a new proxy was made.
 */
export async function makeProxy(
  ffmpeg: string, input: string, output: string, video: boolean, track: (child: ChildProcess) => () => void,
): Promise<'made' | 'cached'> {
  if (await fs.stat(output).then((s) => s.isFile() && s.size > 0, () => false)) {
    await touchEntry(output);
    return 'cached';
  }
  await fs.mkdir(join(output, '..'), { recursive: true });
  const temp = tempPathFor(output);
  try {
    await run(ffmpeg, proxyArgs(input, temp, video), track, input);
    await fs.rename(temp, output);
    return 'made';
  } finally {
    await fs.rm(temp, { force: true });
  }
}

function run(ffmpeg: string, args: string[], track: (child: ChildProcess) => () => void, input: string): Promise<void> {
  let child: ChildProcess;
  try {
    child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    return Promise.reject(new Error(`ffmpeg could not run (${describeSpawnError(error as NodeJS.ErrnoException)})`));
  }
  return ffmpegExit(child, input).finally(track(child));
}
