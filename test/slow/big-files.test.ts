import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index';

// `check` once overflowed the stack at ~500,000 cues (push(...all)) and was quadratic below that. No timing is
// asserted (speed is measured in the README's figures); this only proves a big file goes through.
const work = mkdtempSync(join(tmpdir(), 'duosub-big-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CUES = 200_000;

function bigSrt(): string {
  const parts: string[] = [];
  const time = (ms: number) => {
    const d = new Date(ms);
    return `${String(d.getUTCHours() + 24 * (d.getUTCDate() - 1)).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')},${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  };
  for (let i = 0; i < CUES; i++) {
    const start = i * 2000;
    // Every third cue is too fast to read (a QC error), so check has a problem for many cues to number.
    const text = i % 3 === 0 ? '萨姆·奥尔特曼谈论芯片和“引号”以及更多更多更多更多更多的内容——真的很多很多很多' : `Line ${i}`;
    parts.push(`${i + 1}\n${time(start)} --> ${time(start + 1500)}\n${text}\n`);
  }
  return parts.join('\n');
}

describe('big files', () => {
  it(`check goes through a ${CUES.toLocaleString('en')}-cue SRT without crashing`, { timeout: 300_000 }, () => {
    const path = join(work, 'big.srt');
    writeFileSync(path, bigSrt());
    let lines = 0;
    let stderr = '';
    const code = main(['check', path, '--lang', 'zh-Hans'], {
      out: (text) => void (lines += text.split('\n').length - 1),
      err: (text) => void (stderr += text),
    });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(lines).toBeGreaterThanOrEqual(CUES / 3);
  });
});
