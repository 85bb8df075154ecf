import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index';
import { readSubtitleText } from '../../src/shared/formats/registry';
import type { SubtitleDocument } from '../../src/shared/model';
import { encodeText } from '../../src/node/files/text-encoding';

const work = mkdtempSync(join(tmpdir(), 'duosub-cli-fix-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LONG_ZH = '我们今天非常激动地要宣布一则关于博通与OpenAI的重磅消息';
const FAST_ZH = '萨姆·阿尔特曼说这是人类文明的下一代计算平台';
const HUGE_ZH = '从定制芯片到全球规模的基础设施，他们分享了计算创新如何塑造通往通用人工智能的道路，以及这对人类意味着什么。';

/**
 * A bilingual SRT (Chinese over English) with one problem of each kind: cue 1 a long Chinese line read too fast
 * with room to lengthen, cue 2 overlapping cue 3, cue 3 too fast with no room (the next cue follows at once),
 * cue 4 more Chinese than two lines of 16 hold.
 */
const SRT = `1
00:00:01,000 --> 00:00:02,000
${LONG_ZH}
We're excited to share some news today.

2
00:00:06,000 --> 00:00:08,500
芯片
Chips.

3
00:00:08,000 --> 00:00:08,600
${FAST_ZH}
Sam Altman says this is the next platform.

4
00:00:08,700 --> 00:00:15,000
${HUGE_ZH}
From custom chips to global infrastructure.
`;

function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  if (typeof code !== 'number') throw new Error('fix is synchronous');
  return { code, out, err };
}

function input(name: string, text = SRT): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

function read(path: string, lang?: string): SubtitleDocument {
  return readSubtitleText(readFileSync(path, 'utf8'), path, { lang }).doc;
}

const flat = (text: string) => text.replace(/\n/g, '');

describe('duosub fix', () => {
  it('re-breaks long Chinese lines, lengthens for reading speed, separates overlaps, and reports each', () => {
    const file = input('film.srt');
    const out = join(work, 'fixed.duosub.json');
    const r = run('fix', file, '-o', out);
    expect(r.out).toBe('');
    const doc = read(out);
    const [c1, c2, c3, c4] = doc.cues;
    // Cue 1: two Chinese lines within 16, no character lost; long enough to read at 9 characters a second.
    const lines = c1.text['zh-Hans'].split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(16);
    expect(flat(c1.text['zh-Hans'])).toBe(LONG_ZH);
    expect(c1.end - c1.start).toBeGreaterThanOrEqual(Math.ceil((Array.from(LONG_ZH).length / 9) * 1000) - 1);
    // Cue 2 no longer overlaps cue 3.
    expect(c2.end).toBeLessThan(c3.start);
    expect(c3.start).toBe(8000);
    // The English is untouched.
    expect(doc.cues.map((c) => c.text.en)).toEqual([
      "We're excited to share some news today.", 'Chips.', 'Sam Altman says this is the next platform.', 'From custom chips to global infrastructure.',
    ]);
    expect(flat(c4.text['zh-Hans'])).toBe(HUGE_ZH);

    expect(r.err).toMatch(/re-break \(cpl, lines\): \d+ cues? \(zh-Hans \d+\): 1\b/);
    expect(r.err).toMatch(/overlap: 1 cue: 2\n/);
    expect(r.err).toMatch(/cps: \d+ cues?: 1\b/);
  });

  it('reports what it could not fix, with cue numbers and why, and exits 1', () => {
    const r = run('fix', input('film.srt'), '-o', join(work, 'out.srt'));
    expect(r.code).toBe(1);
    const left = r.err.slice(r.err.indexOf('could not fix:'));
    // Lengthening is chained (issue 13): cue 4 gave way from 0:08.700 as far as its own reading speed allows.
    expect(left).toMatch(/cue 3 \(zh-Hans\): cps [\d.]+ > 9: .*still \d+ ms short: next cue 4 starts 83 ms later and is itself at the limit/);
    expect(left).toMatch(/cue 4 \(zh-Hans\): (cpl|lines) .*characters do not fit in 2 lines of 16: split the cue/);
    expect(left).not.toMatch(/cue 1\b/);
  });

  it('writes OUT in the format of its ending, and the output re-reads equal in both languages', () => {
    const file = input('film.srt');
    const project = join(work, 'both.duosub.json');
    const srt = join(work, 'both.srt');
    run('fix', file, '-o', project);
    run('fix', file, '-o', srt);
    expect(readFileSync(srt, 'utf8')).toMatch(/^1\n00:00:01,000 --> /);
    const fromProject = read(project);
    const fromSrt = read(srt, 'zh-Hans,en');
    expect(fromProject.languages.map((l) => l.code)).toEqual(['zh-Hans', 'en']);
    expect(fromSrt.cues.map((c) => [c.start, c.end, c.text['zh-Hans'], c.text.en]))
      .toEqual(fromProject.cues.map((c) => [c.start, c.end, c.text['zh-Hans'], c.text.en]));
  });

  it('exits 0 when every problem was fixed, and -o - writes the input format to stdout', () => {
    const twoCues = SRT.slice(0, SRT.indexOf('\n3\n'));
    const r = run('fix', input('fixable.srt', twoCues), '-o', '-');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/0 problems left/);
    const doc = readSubtitleText(r.out, 'stdout.srt', { lang: 'zh-Hans,en' }).doc;
    expect(doc.cues).toHaveLength(2);
    expect(doc.cues[0].text['zh-Hans'].split('\n')).toHaveLength(2);
  });

  it('keeps a legacy encoding: GB18030 in, GB18030 out', () => {
    const file = join(work, 'gbk.srt');
    writeFileSync(file, encodeText(SRT, 'GB18030'));
    const out = join(work, 'gbk.fixed.srt');
    run('fix', file, '--rules', 'cpl', '-o', out);
    const bytes = readFileSync(out);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = new TextDecoder('gb18030').decode(bytes);
    expect(flat(readSubtitleText(text, out, { lang: 'zh-Hans,en' }).doc.cues[0].text['zh-Hans'])).toBe(LONG_ZH);
  });

  it('--rules picks the fixes: re-breaking alone leaves the times', () => {
    const out = join(work, 'rebreak.duosub.json');
    const r = run('fix', input('film.srt'), '--rules', 'cpl', '-o', out);
    const doc = read(out);
    expect(doc.cues.map((c) => [c.start, c.end])).toEqual([[1000, 2000], [6000, 8500], [8000, 8600], [8700, 15000]]);
    expect(doc.cues[0].text['zh-Hans']).toContain('\n');
    expect(r.err).not.toMatch(/^ {2}cps:/m);
    expect(r.err).not.toMatch(/cue 3: cps/);
  });

  it('--lang with one language of a bilingual file fixes only its text', () => {
    const out = join(work, 'en-only.duosub.json');
    run('fix', input('film.srt'), '--lang', 'en', '--rules', 'cpl,lines', '-o', out);
    expect(read(out).cues[0].text['zh-Hans']).toBe(LONG_ZH);
  });

  it('--profile applies one profile to every language', () => {
    const out = join(work, 'netflix-en.duosub.json');
    // 42 characters a line: the 29-character Chinese line is within it and stays whole.
    run('fix', input('film.srt'), '--profile', 'netflix-en', '--rules', 'cpl', '-o', out);
    expect(read(out).cues[0].text['zh-Hans']).toBe(LONG_ZH);
  });

  it('bad --rules and --profile are usage errors (exit 2) that list the choices', () => {
    const file = input('film.srt');
    const rules = run('fix', file, '--rules', 'cps,max-duration', '-o', join(work, 'x.srt'));
    expect(rules.code).toBe(2);
    expect(rules.err).toMatch(/--rules takes rules that have a fix \(cps, min-gap, overlap, cpl, lines, spaces\), not "max-duration"/);
    const profile = run('fix', file, '--profile', 'nope', '-o', join(work, 'x.srt'));
    expect(profile.code).toBe(2);
    expect(profile.err).toMatch(/unknown profile "nope"/);
    // A project names its languages: --lang must be one of them.
    const project = join(work, 'named.duosub.json');
    run('fix', file, '--rules', 'spaces', '-o', project);
    const lang = run('fix', project, '--lang', 'fr', '-o', join(work, 'x.srt'));
    expect(lang.code).toBe(2);
    expect(lang.err).toMatch(/named\.duosub\.json: has no language "fr" \(it has zh-Hans, en\)/);
  });

  it('re-breaks the sample transcript and says the timing rules need times', () => {
    const out = join(work, 'sample.txt');
    const r = run('fix', 'resources/sample/openai-podcast-ep8.zh-en.txt', '-o', out);
    expect(r.err).toMatch(/timing rules checked nothing: the document has no times yet/);
    const before = readSubtitleText(readFileSync('resources/sample/openai-podcast-ep8.zh-en.txt', 'utf8'), 'in.txt').doc;
    const after = read(out);
    expect(after.cues).toHaveLength(before.cues.length);
    // Re-breaking only moves line ends: the Chinese text, joined, is the same.
    expect(after.cues.map((c) => flat(c.text['zh-Hans'] ?? ''))).toEqual(before.cues.map((c) => flat(c.text['zh-Hans'] ?? '')));
  });
});
