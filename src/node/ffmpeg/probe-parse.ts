/**
 * Reading what ffprobe or ffmpeg says about an input: its duration, whether it has audio, and its streams. Nothing
 * here may be steered by the file's name: ffprobe's JSON escapes it, and ffmpeg's text is read only after the
 * header that names the input, matched in full (and the caller names the input by a path it chose itself).
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { normalizeFrameRate } from '../../shared/frames';

/** What the streams of an input are (codec names as ffmpeg prints them; ffprobe's `codec_name` is the same). */
export interface MediaStreams {
  /** ffmpeg's demuxer names, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`. */
  container: string;
  audioCodec: string | null;
  /** The first real video stream; cover art (`attached pic`) is not video. */
  videoCodec: string | null;
  width: number | null;
  height: number | null;
  /** Frames per second of that video (exact for NTSC rates: 24000/1001…); absent when there is none or it is unknown. */
  frameRate?: number;
}

export type ProbeResult =
  | { ok: true; duration: number | null; hasAudio: boolean; streams?: MediaStreams }
  /** `tool`: the prober itself failed (missing, crashed, stopped), rather than the file being unreadable. */
  | { ok: false; reason: string; tool?: boolean };

const NO_STREAMS: MediaStreams = { container: '', audioCodec: null, videoCodec: null, width: null, height: null };

/**
 * The part of ffmpeg's stderr that describes the input `file` (what follows `Input #0, FORMAT, from 'FILE':`),
 * and the demuxer names; null when ffmpeg did not describe it. The header is matched with the whole path, so text
 * inside the name (newlines, a fake "Duration:") is never read as a description.
 */
export function describedInput(stderr: string, file: string): { container: string; body: string } | null {
  const header = `, from '${file}':`;
  const at = stderr.indexOf(header);
  if (at < 0) return null;
  const line = stderr.slice(stderr.lastIndexOf('\n', at) + 1, at);
  const prefix = 'Input #0, ';
  if (!line.startsWith(prefix)) return null;
  return { container: line.slice(prefix.length), body: stderr.slice(at + header.length) };
}

/** The lines of a description, trimmed at the start (split and scanned in linear time: it is untrusted text). */
function descriptionLines(body: string): string[] {
  return body.split(/\r?\n/).map((line) => line.trimStart());
}

/** The codec of a `Stream #0:N…: KIND: codec …` line, and what follows it; null for another line or kind. */
function streamOf(line: string, kind: 'Audio' | 'Video'): { codec: string; rest: string } | null {
  if (!line.startsWith('Stream #0:')) return null;
  const at = line.indexOf(`: ${kind}: `);
  if (at < 0) return null;
  const rest = line.slice(at + kind.length + 4);
  const codec = /^\w+/.exec(rest)?.[0];
  return codec ? { codec, rest: rest.slice(codec.length) } : null;
}

/** Exported for tests: turns ffmpeg's description of `file` into a duration or a reason. */
export function parseProbe(stderr: string, file: string): ProbeResult {
  const input = describedInput(stderr, file);
  if (!input) return { ok: false, reason: lastErrorLine(stderr, file) };
  const lines = descriptionLines(input.body);
  const hasAudio = lines.some((line) => streamOf(line, 'Audio'));
  const match = lines.map((line) => /^Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(line)).find(Boolean);
  const duration = match
    ? Math.round((Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000)
    : null;
  return { ok: true, duration, hasAudio };
}

/** Exported for tests: the container, codecs and frame size in ffmpeg's description of `file`. */
export function parseStreams(stderr: string, file: string): MediaStreams {
  const input = describedInput(stderr, file);
  if (!input) return NO_STREAMS;
  const lines = descriptionLines(input.body);
  const audioCodec = lines.map((line) => streamOf(line, 'Audio')).find(Boolean)?.codec ?? null;
  const video = lines.map((line) => streamOf(line, 'Video')).find((stream) => stream && !stream.rest.includes('(attached pic)'));
  const size = video ? /\b([1-9]\d{0,4})x([1-9]\d{0,4})\b/.exec(video.rest) : null;
  const frameRate = video ? videoFrameRate(video.rest) : null;
  return {
    container: input.container,
    audioCodec,
    videoCodec: video?.codec ?? null,
    width: size ? Number(size[1]) : null,
    height: size ? Number(size[2]) : null,
    ...(frameRate ? { frameRate } : {}),
  };
}

/** The rate in a video stream line (`…, 23.98 fps, 23.98 tbr, …`): `fps`, else `tbr`; rounded NTSC rates come back exact. */
function videoFrameRate(rest: string): number | null {
  const match = /, (\d{1,4}(?:\.\d{1,6})?) fps\b/.exec(rest) ?? /, (\d{1,4}(?:\.\d{1,6})?) tbr\b/.exec(rest);
  return match ? normalizeFrameRate(Number(match[1])) : null;
}

/** The part of `ffprobe -of json -show_format -show_streams` we read; everything else may be anything. */
const ffprobeOutput = z.object({
  format: z.object({ format_name: z.string().optional(), duration: z.string().optional() }).optional(),
  streams: z.array(z.object({
    codec_type: z.string().optional(),
    codec_name: z.string().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
    avg_frame_rate: z.string().optional(),
    r_frame_rate: z.string().optional(),
    disposition: z.object({ attached_pic: z.number().optional() }).optional(),
  })).optional(),
});

/** Exported for tests: ffprobe's JSON as a probe result (null when it is not ffprobe's JSON at all). */
export function parseFfprobeJson(json: string): ProbeResult | null {
  let parsed: z.infer<typeof ffprobeOutput>;
  try {
    const result = ffprobeOutput.safeParse(JSON.parse(json));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  if (!parsed.format) return null;
  const streams = parsed.streams ?? [];
  const audio = streams.find((stream) => stream.codec_type === 'audio');
  const video = streams.find((stream) => stream.codec_type === 'video' && stream.disposition?.attached_pic !== 1);
  const seconds = Number(parsed.format.duration);
  const size = (value: number | undefined) => (value && Number.isInteger(value) && value > 0 ? value : null);
  // `0/0` when unknown (normalizeFrameRate gives null); the average rate first, as ffmpeg's own `fps` is.
  const frameRate = video ? (normalizeFrameRate(video.avg_frame_rate) ?? normalizeFrameRate(video.r_frame_rate)) : null;
  return {
    ok: true,
    duration: parsed.format.duration !== undefined && Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : null,
    hasAudio: !!audio,
    streams: {
      container: parsed.format.format_name ?? '',
      audioCodec: audio?.codec_name ?? null,
      videoCodec: video?.codec_name ?? null,
      width: video ? size(video.width) : null,
      height: video ? size(video.height) : null,
      ...(frameRate ? { frameRate } : {}),
    },
  };
}

/** ffmpeg's last message, without the file path it starts with (the caller names the file itself). */
export function lastErrorLine(stderr: string, file: string): string {
  // Cut the path out first: a name with newlines would otherwise split into lines of its own.
  const text = stderr.split(file + ': ').join('\n');
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const last = lines.at(-1) ?? 'ffmpeg could not read it';
  const prefix = basename(file) + ': ';
  return last.startsWith(prefix) ? last.slice(prefix.length) : last;
}
