import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/duosub.mjs');
const fixtures = join(root, 'test/fixtures/export');
const project = join(fixtures, 'project.duosub.json');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'duosub-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function duosub(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each case starts Node and tsx; the limit is generous so a slow machine does not fail it.
const SLOW = 120_000;

describe('duosub convert / export', () => {
  it('writes every format to standard output, bilingual without --lang', { timeout: SLOW }, () => {
    const cases: [string[], string][] = [
      [['--to', 'srt'], 'bilingual.srt'],
      [['--to', 'vtt'], 'bilingual.vtt'],
      [['--to', 'ass'], 'bilingual.ass'],
      [['--to', 'txt'], 'bilingual.txt'],
      [['--to', 'duosub'], 'project.duosub.json'],
      [['--to', 'chapters-vtt'], 'chapters.vtt'],
      [['--to', 'chapters-json'], 'chapters.json'],
    ];
    for (const [flags, expected] of cases) {
      expect(duosub(['convert', project, ...flags]), expected).toEqual({ code: 0, stdout: fixture(expected), stderr: '' });
    }
  });

  it('takes --lang, --order, --bom and --crlf, and export is the same command', { timeout: SLOW }, () => {
    expect(duosub(['export', project, '--to', 'srt', '--lang', 'zh-Hans']).stdout).toBe(fixture('zh-Hans.srt'));
    expect(duosub(['export', project, '--to=ass', '--order', 'en,zh-Hans']).stdout).toBe(fixture('bilingual.en-first.ass'));
    const out = join(work, 'out.srt');
    expect(duosub(['convert', project, '--to', 'srt', '--bom', '--crlf', '-o', out])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(fixture('bilingual.crlf-bom.srt'));
  });

  it('reads an ASS file back and converts it', { timeout: SLOW }, () => {
    const r = duosub(['convert', join(fixtures, 'bilingual.ass'), '--to', 'vtt', '--lang', 'en']);
    expect(r).toEqual({ code: 0, stdout: fixture('en.vtt'), stderr: '' });
  });

  it('bad options are exit 2 with one line naming the problem', { timeout: SLOW }, () => {
    const lang = duosub(['convert', project, '--to', 'srt', '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toBe(`duosub: ${project}: no language "fr" in this document (it has zh-Hans, en)\n`);
    const to = duosub(['convert', project, '--to', 'pdf']);
    expect(to.code).toBe(2);
    expect(to.stderr).toMatch(/^duosub: convert needs --to srt\|vtt\|ass\|ssa\|/);
    const both = duosub(['export', project, '--to', 'srt', '--lang', 'en', '--order', 'en,zh-Hans']);
    expect(both.code).toBe(2);
    expect(both.stdout).toBe('');
  });
});
