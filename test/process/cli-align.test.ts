import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeTestAudio, missingTools, type TestAudioResult } from '../../tools/test-audio/index';
import { findFfmpeg } from '../../src/node/ffmpeg/ffmpeg';
import { readSubtitleText } from '../../src/shared/formats/registry';

const ROOT = resolve(import.meta.dirname, '../..');
const missing = [...missingTools(['flite', 'sox']), ...(findFfmpeg() ? [] : ['ffmpeg'])];

function duosub(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/duosub.mjs'), ...args], { encoding: 'utf8', timeout: 120_000 });
}

describe.skipIf(missing.length > 0)(`duosub align${missing.length ? ` (skipped: missing ${missing.join(', ')})` : ''}`, () => {
  let dir: string;
  let transcript: string;
  let audio: TestAudioResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duosub-cli-align-'));
    const text = readFileSync(join(ROOT, 'resources/sample/openai-podcast-ep8.zh-en.txt'), 'utf8');
    const start = text.indexOf('Speaker 0');
    transcript = join(dir, 'three.txt');
    writeFileSync(transcript, text.slice(0, start) + text.slice(start).split(/\n(?=Speaker \d+\n)/).slice(0, 3).join('\n') + '\n');
    audio = await makeTestAudio({ transcriptPath: transcript, outDir: dir, voices: 'flite' });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes timed WebVTT in the chosen language, and a project by default', () => {
    const vtt = join(dir, 'out.vtt');
    const run = duosub('align', transcript, audio.audioPath, '-o', vtt, '--lang', 'zh-Hans');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Auto-time 3 turns → \d+ cues/);
    const text = readFileSync(vtt, 'utf8');
    expect(text.startsWith('WEBVTT\n')).toBe(true);
    expect(text).toContain('大家好');
    const firstStart = /(\d\d):(\d\d):(\d\d)\.(\d{3}) -->/.exec(text)!;
    const ms = ((+firstStart[1] * 60 + +firstStart[2]) * 60 + +firstStart[3]) * 1000 + +firstStart[4];
    expect(Math.abs(ms - audio.truth.turns[0].start * 1000)).toBeLessThan(250);

    const project = duosub('align', transcript, audio.audioPath);
    expect(project.status, project.stderr).toBe(0);
    const doc = JSON.parse(project.stdout);
    expect(doc.format).toBe('duosub');
    expect(doc.metadata.untimed).toBe(false);
    // The project keeps both languages, so auto-timed Chinese can be checked from a script.
    expect(doc.languages.map((l: { code: string }) => l.code)).toEqual(['zh-Hans', 'en']);
    const texts = doc.cues.map((c: { text: Record<string, string> }) => c.text);
    expect(texts.some((t: Record<string, string>) => t['zh-Hans']?.includes('大家好'))).toBe(true);
    expect(texts.some((t: Record<string, string>) => /Hello/.test(t.en ?? ''))).toBe(true);
  }, 120_000);

  it('writes both languages in each cue of an SRT with --lang zh-Hans,en, every cue written', () => {
    const srt = join(dir, 'both.srt');
    const run = duosub('align', transcript, audio.audioPath, '-o', srt, '--lang', 'zh-Hans,en');
    expect(run.status, run.stderr).toBe(0);
    const read = readSubtitleText(readFileSync(srt, 'utf8'), srt, { lang: 'zh-Hans,en' }).doc;
    expect(read.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(read.cues[0].text['zh-Hans']).toContain('大家好');
    expect(read.cues[0].text.en).toMatch(/Hello/);
    // Every auto-timed cue is written, none dropped for an empty language.
    const made = /Auto-time 3 turns → (\d+) cues/.exec(run.stderr);
    expect(made, run.stderr).not.toBeNull();
    expect(read.cues.length).toBe(Number(made![1]));
  }, 120_000);

  it('refuses a language the transcript does not have before aligning', () => {
    const run = duosub('align', transcript, audio.audioPath, '-o', join(dir, 'x.srt'), '--lang', 'fr');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/three\.txt: has no language "fr" \(it has zh-Hans, en\)/);
    expect(run.stderr).not.toMatch(/aligning/);
  }, 120_000);

  it('names the file when the audio is not audio', () => {
    const bogus = join(dir, 'not-audio.wav');
    writeFileSync(bogus, 'this is text');
    const run = duosub('align', transcript, bogus);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^duosub: .*not-audio\.wav: /);
  }, 120_000);
});
