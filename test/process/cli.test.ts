import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/duosub.mjs');
const sample = 'resources/sample/openai-podcast-ep8.zh-en.txt';
const work = mkdtempSync(join(tmpdir(), 'duosub-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function duosub(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each case starts Node and tsx; the limit is generous so a slow machine does not fail it.
const SLOW = 60_000;

describe('duosub CLI', () => {
  it('info --json prints one JSON object describing the sample', { timeout: SLOW }, () => {
    const r = duosub(['info', sample, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ format: 'transcript', encoding: 'UTF-8', languages: ['zh-Hans', 'en'], cues: 98, untimed: true, problems: [] });
    expect(info.speakers).toEqual(['Speaker 0', 'Speaker 1', 'Speaker 2', 'Speaker 3', 'Speaker 4']);
    expect(info.chapters).toHaveLength(9);
    expect(info.chapters[1]).toEqual({ start: 186_000, title: 'AI基础设施的规模' });
    expect(info.duration).toBeGreaterThan(0);
  });

  it('info prints a readable summary, from any working directory', { timeout: SLOW }, () => {
    const r = duosub(['info', join(root, sample)], work);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Format:\s+transcript/);
    expect(r.stdout).toMatch(/Cues:\s+98/);
    expect(r.stdout).toContain('23:50.000  总结与未来项目');
  });

  it('converts to SRT (bilingual without --lang) and to a project file', { timeout: SLOW }, () => {
    const bilingual = duosub(['convert', sample, '--to', 'srt']);
    expect(bilingual.code).toBe(0);
    // Each cue holds the Chinese line(s), then the English.
    expect(bilingual.stdout).toMatch(/^1\n00:00:00,000 --> .*\n.*[\u4e00-\u9fff].*\n[A-Za-z]/);

    const srt = duosub(['convert', sample, '--to', 'srt', '--lang', 'en']);
    expect(srt.code).toBe(0);
    expect(srt.stdout.startsWith('1\n00:00:00,000 --> ')).toBe(true);
    expect(srt.stdout.trimEnd().endsWith('Thank you.')).toBe(true);

    const out = join(work, 'ep8.duosub.json');
    const project = duosub(['convert', sample, '--to=duosub', '-o', out]);
    expect(project).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'duosub', version: 1 });
    expect(readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // Piped output through /dev/stdout: written in place; replacing the link would break the machine's stdout.
    const piped = duosub(['convert', sample, '--to', 'srt', '--lang', 'en', '-o', '/dev/stdout']);
    expect(piped).toMatchObject({ code: 0, stdout: srt.stdout, stderr: '' });
    expect(lstatSync('/dev/stdout').isSymbolicLink() || lstatSync('/dev/stdout').isCharacterDevice()).toBe(true);

    const back = duosub(['info', out, '--json']);
    expect(JSON.parse(back.stdout)).toMatchObject({ format: 'duosub', cues: 98, untimed: true });
    const zh = join(work, 'zh.srt');
    expect(duosub(['convert', out, '--to', 'srt', '--lang', 'zh-Hans', '-o', zh]).code).toBe(0);
    expect(readFileSync(zh, 'utf8')).toContain('谢这次合作。我们真的很享受这个过程。');
  });

  it('fails with one line naming the file and line on bad input', { timeout: SLOW }, () => {
    const bad = join(work, 'bad.srt');
    writeFileSync(bad, '1\n00:01:xx,000 --> 00:01:02,000\nhello\n');
    const r = duosub(['info', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`duosub: ${bad}:2: bad timecode "00:01:xx,000"\n`);

    const missing = duosub(['info', 'no/such/file.srt']);
    expect(missing).toMatchObject({ code: 2, stderr: 'duosub: no/such/file.srt: no such file\n' });

    const json = join(work, 'broken.duosub.json');
    writeFileSync(json, '{\n  "format": "duosub",\n  "version": 1,,\n}\n');
    const broken = duosub(['convert', json, '--to', 'srt']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^duosub: ${json.replace(/[.]/g, '\\.')}:3: invalid JSON`));
    expect(broken.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('warns about problems it read past and still converts', { timeout: SLOW }, () => {
    const partly = join(work, 'partly.srt');
    writeFileSync(partly, '1\n00:00:0x,000 --> 00:00:02,000\nlost\n\n2\n00:00:03,000 --> 00:00:04,000\nkept\n');
    const r = duosub(['convert', partly, '--to', 'srt']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`duosub: ${partly}:2: error: bad timecode "00:00:0x,000"\n`);
    expect(r.stdout).toBe('1\n00:00:03,000 --> 00:00:04,000\nkept\n');
  });

  it('prints usage on stderr with exit 2 for bad usage, on stdout for --help', () => {
    // In process: the same main() the bin runs, without starting Node for every case.
    const run = (args: string[]) => {
      const io = { stdout: '', stderr: '' };
      const code = main(args, { out: (t) => void (io.stdout += t), err: (t) => void (io.stderr += t) });
      return { code, ...io };
    };
    for (const args of [[], ['frobnicate'], ['info', sample, '--bogus'], ['convert', sample], ['info'], ['info', 'a', 'b', 'c'], ['info', sample, '--fps', 'x'], ['info', sample, '--lang', 'not a code'], ['convert', sample, '--to', 'srt', '--encoding', 'nope']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage: duosub');
      expect(r.stdout).toBe('');
    }
    const help = run(['convert', '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: duosub');
  });

  it('prints --help from the bin', { timeout: SLOW }, () => {
    const help = duosub(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: duosub');
  });
});
