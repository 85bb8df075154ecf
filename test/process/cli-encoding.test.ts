/** The bin on a legacy-encoded file: `duosub info` names the encoding it read (moved from text-encoding.test.ts: it starts Node). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';

/** One cue per line of text, as a Windows tool would save them. */
function srt(...texts: string[]): string {
  return texts.map((t, i) => `${i + 1}\r\n00:00:0${i},000 --> 00:00:0${i + 1},500\r\n${t}\r\n`).join('\r\n');
}

describe('CLI files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duosub-encoding-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Starts Node and tsx twice; generous so a slow machine does not fail it.
  it('duosub info prints GB18030 for a GBK file', { timeout: 60_000 }, () => {
    const path = join(dir, 'info.srt');
    writeFileSync(path, iconv.encode(srt('萨姆·奥尔特曼谈芯片', '我们需要更多的算力。'), 'gbk'));
    const root = resolve(import.meta.dirname, '../..');
    const duosub = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/duosub.mjs'), ...args], { cwd: root, encoding: 'utf8' });
    const run = duosub('info', path);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/Format: +srt \(GB18030\)/);
    const json = duosub('info', path, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ encoding: 'GB18030', cues: 2 });
  });
});
