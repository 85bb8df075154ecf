import { describe, expect, it } from 'vitest';
import { parseFfprobeJson, parseStreams } from '../../src/node/ffmpeg/probe-parse';

const header = (file: string) => `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '${file}':\n  Duration: 00:00:10.00, start: 0.000000, bitrate: 1200 kb/s\n`;

describe("the video's frame rate, for the document's frame rate", () => {
  it('is read from ffmpeg: fps, else tbr; rounded NTSC rates come back exact', () => {
    const line = (rates: string) => `${header('v.mp4')}  Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 1280x720 [SAR 1:1 DAR 16:9], 1205 kb/s, ${rates} (default)\n  Stream #0:1(und): Audio: aac (LC), 48000 Hz, stereo, fltp, 128 kb/s (default)\n`;
    expect(parseStreams(line('23.98 fps, 23.98 tbr, 24k tbn'), 'v.mp4').frameRate).toBe(24000 / 1001);
    expect(parseStreams(line('25 fps, 25 tbr, 12800 tbn'), 'v.mp4').frameRate).toBe(25);
    expect(parseStreams(line('29.97 tbr, 30k tbn'), 'v.mp4').frameRate).toBe(30000 / 1001);
    expect(parseStreams(line('90k tbn'), 'v.mp4')).not.toHaveProperty('frameRate');
  });

  it('is absent for audio, and for cover art', () => {
    const streams = parseStreams(`${header('a.m4a')}  Stream #0:0: Audio: aac, 44100 Hz, stereo, fltp\n  Stream #0:1: Video: mjpeg, yuvj420p, 600x600, 90k tbr, 90k tbn (attached pic)\n`, 'a.m4a');
    expect(streams).not.toHaveProperty('frameRate');
  });

  it('is read from ffprobe: the average rate, else the real base rate; 0/0 is unknown', () => {
    const probe = (video: object) => parseFfprobeJson(JSON.stringify({
      streams: [{ codec_type: 'audio', codec_name: 'aac' }, { codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, ...video }],
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '10.0' },
    }));
    expect(probe({ avg_frame_rate: '24000/1001', r_frame_rate: '24000/1001' })).toMatchObject({ streams: { frameRate: 24000 / 1001 } });
    expect(probe({ avg_frame_rate: '0/0', r_frame_rate: '50/1' })).toMatchObject({ streams: { frameRate: 50 } });
    const unknown = probe({ avg_frame_rate: '0/0', r_frame_rate: '0/0' });
    expect(unknown?.ok && unknown.streams).not.toHaveProperty('frameRate');
  });
});
