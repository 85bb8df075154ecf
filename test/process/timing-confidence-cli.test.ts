/** `duosub check` reports the cues whose times auto-time is unsure of (issue 15), from the confidence a project keeps. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestAudio, missingTools, type TestAudioResult } from '../../tools/test-audio/index';
import { findFfmpeg } from '../../src/node/ffmpeg/ffmpeg';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/duosub.mjs');
const work = mkdtempSync(join(tmpdir(), 'duosub-timing-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function duosub(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each case starts Node and tsx; the limit is generous so a slow machine does not fail it.
const SLOW = 60_000;

/** Cue 1 unsure, cue 2 sure, cue 3 unsure once but its start has since moved (resolved). Reading speeds are fine. */
const project = join(work, 'episode.duosub.json');
const cue = (id: string, start: number, end: number, zh: string, en: string, timing: object) =>
  ({ id, start, end, speaker: null, text: { 'zh-Hans': zh, en }, timing });
writeFileSync(project, JSON.stringify({
  format: 'duosub', version: 1,
  languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
  speakers: [], chapters: [], media: null, metadata: {},
  cues: [
    cue('c1', 1000, 4000, '我们今天聊聊算力。', 'Today: compute.', { confidence: 0.62, start: 1000, end: 4000 }),
    cue('c2', 5000, 8000, '好的，开始吧。', 'Fine, let us start.', { confidence: 0.91, start: 5000, end: 8000 }),
    cue('c3', 9000, 12000, '谢谢收听。', 'Thanks for listening.', { confidence: 0.3, start: 8900, end: 12000 }),
  ],
}));

describe('duosub check: timing unsure', () => {
  it('lists the unsure cue as a warning (exit 0), the sure and the resolved ones not', { timeout: SLOW }, () => {
    const r = duosub(['check', project]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${project}: cue 1: timing-unsure 0\\.62 < 0\\.8: Timing unsure \\(confidence 0\\.62`)),
    ]);
  });

  it('--json gives the rule, the confidence and the threshold', { timeout: SLOW }, () => {
    const out = JSON.parse(duosub(['check', project, '--json']).stdout);
    expect(out.problems).toEqual([
      expect.objectContaining({ cue: 1, lang: null, rule: 'timing-unsure', severity: 'warning', value: 0.62, limit: 0.8 }),
    ]);
  });
});

const missing = [...missingTools(['flite', 'sox']), ...(findFfmpeg() ? [] : ['ffmpeg'])];

describe.skipIf(missing.length > 0)(`duosub align, then check${missing.length ? ` (skipped: missing ${missing.join(', ')})` : ''}`, () => {
  let transcript: string;
  let audio: TestAudioResult;
  beforeAll(async () => {
    const text = readFileSync(join(root, 'resources/sample/openai-podcast-ep8.zh-en.txt'), 'utf8');
    const start = text.indexOf('Speaker 0');
    transcript = join(work, 'three.txt');
    writeFileSync(transcript, text.slice(0, start) + text.slice(start).split(/\n(?=Speaker \d+\n)/).slice(0, 3).join('\n') + '\n');
    audio = await makeTestAudio({ transcriptPath: transcript, outDir: work, voices: 'flite' });
  }, 120_000);

  it('the project keeps each cue\'s confidence for its times, and check reports exactly the cues align called unsure', { timeout: 240_000 }, () => {
    const out = join(work, 'aligned.duosub.json');
    const align = duosub(['align', transcript, audio.audioPath, '-o', out]);
    expect(align.code, align.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { cues: { start: number; end: number; timing?: { confidence: number; start: number; end: number } }[] };
    for (const cue of doc.cues) {
      expect(cue.timing).toMatchObject({ start: cue.start, end: cue.end });
      expect(cue.timing!.confidence).toBeGreaterThanOrEqual(0);
      expect(cue.timing!.confidence).toBeLessThanOrEqual(1);
    }
    const saidUnsure = [...align.stderr.matchAll(/review cue (\d+): .*timing unsure \(confidence/g)].map((m) => Number(m[1]));
    const checked = JSON.parse(duosub(['check', out, '--json']).stdout) as { problems: { cue: number; rule: string }[] };
    expect(checked.problems.filter((p) => p.rule === 'timing-unsure').map((p) => p.cue)).toEqual(saidUnsure);
    expect(saidUnsure).toEqual(doc.cues.flatMap((c, i) => (c.timing!.confidence < 0.8 ? [i + 1] : [])));
  });
});
