import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/duosub.mjs');
const work = mkdtempSync(join(tmpdir(), 'duosub-qc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function duosub(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each case starts Node and tsx; the limit is generous so a slow machine does not fail it.
const SLOW = 60_000;

const clean = join(work, 'clean.srt');
writeFileSync(clean, '1\n00:00:01,000 --> 00:00:03,000\nHello there.\n\n2\n00:00:04,000 --> 00:00:06,000\nGeneral Kenobi.\n');
const dense = join(work, 'dense.srt');
// Cue 2: 26 characters in 1 s (over 25 by default and 20 for Netflix); cue 1: 800 ms, a warning only.
writeFileSync(dense, '1\n00:00:01,000 --> 00:00:01,800\nHi.\n\n2\n00:00:04,000 --> 00:00:05,000\nabcdefghijklmnopqrstuvwxyz\n');

describe('duosub check', () => {
  it('exits 0 on a clean file and prints nothing', { timeout: SLOW }, () => {
    expect(duosub(['check', clean])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 with one line per problem when any is an error', { timeout: SLOW }, () => {
    const r = duosub(['check', dense]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${dense}: cue 1: min-duration 800 < 1000: `));
    expect(lines[1]).toMatch(new RegExp(`^${dense}: cue 2 \\(\\w+\\): cps 26 > 25: `));
  });

  it('--json with a named profile', { timeout: SLOW }, () => {
    const r = duosub(['check', dense, '--profile', 'netflix-en', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.file).toBe(dense);
    expect(out.profile).toBe('netflix-en');
    expect(out.problems).toEqual([
      expect.objectContaining({ cue: 1, lang: null, rule: 'min-duration', severity: 'warning', value: 800, limit: 833 }),
      expect.objectContaining({ cue: 2, rule: 'cps', severity: 'error', value: 26, limit: 20 }),
    ]);
  });

  it('an unknown profile is a usage error (exit 2)', { timeout: SLOW }, () => {
    const r = duosub(['check', clean, '--profile', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown profile "nope"/);
    expect(r.stdout).toBe('');
  });
});
