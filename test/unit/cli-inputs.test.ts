import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index';

// In process: the same main() the bin runs, without starting Node and tsx for every case (cli.test.ts runs the bin).
const work = mkdtempSync(join(tmpdir(), 'duosub-cli-inputs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[]) {
  const io = { stdout: '', stderr: '', bytes: null as Uint8Array | null };
  const code = main(args, {
    out: (t) => void (io.stdout += t),
    err: (t) => void (io.stderr += t),
    bytes: (b) => void (io.bytes = b),
  });
  if (typeof code !== 'number') throw new Error('expected a synchronous command');
  return { code, ...io };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

const zh = file('film.zh.srt', '1\n00:00:01,000 --> 00:00:03,000\n萨姆·奥尔特曼谈芯片\n\n2\n00:00:04,000 --> 00:00:06,000\n“引号”——破折号\n');
const en = file('film.en.srt', '1\n00:00:01,100 --> 00:00:02,900\nSam Altman on chips\n\n2\n00:00:04,000 --> 00:00:06,000\nQuotes and dashes\n\n3\n00:00:20,000 --> 00:00:21,000\nOnly in English\n');

describe('exit codes', () => {
  it('is 2 for unreadable input in info, convert and check, with one line naming the file', () => {
    const prose = file('letter.srt', 'Dear reader,\nthis is not a subtitle file.\n');
    for (const args of [['info', prose], ['convert', prose, '--to', 'vtt'], ['check', prose]]) {
      const r = run(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^duosub: ${prose.replace(/[.]/g, '\\.')}: .*not an SRT file\\n$`));
    }
    for (const command of ['info', 'check']) expect(run([command, join(work, 'missing.srt')]).code).toBe(2);
  });

  it('keeps a reversed cue, converts with exit 0 and reports it; check reports it too and exits 1', () => {
    const reversed = file('reversed.srt', '1\n00:00:05,000 --> 00:00:04,000\n倒过来\n\n2\n00:00:06,000 --> 00:00:07,000\nfine\n');
    const converted = run(['convert', reversed, '--to', 'srt', '--lang', 'zh-Hans']);
    expect(converted.code).toBe(0);
    expect(converted.stderr).toContain(`${reversed}:2: error: cue ends before it starts`);
    expect(converted.stdout).toContain('00:00:05,000 --> 00:00:04,000\n倒过来');

    const checked = run(['check', reversed, '--lang', 'zh-Hans']);
    expect(checked.code).toBe(1);
    expect(checked.stdout.split('\n')[0]).toBe(`${reversed}:2: error: cue ends before it starts: 00:00:05,000 --> 00:00:04,000; kept as it is`);
    const json = JSON.parse(run(['check', reversed, '--lang', 'zh-Hans', '--json']).stdout);
    expect(json.read).toEqual([{ line: 2, severity: 'error', message: expect.stringContaining('ends before it starts') }]);
  });

  it('check exits 0 when reading only repaired lines (warnings) and the cues pass', () => {
    const repaired = file('repaired.srt', 'junk\n\n1\n00:00:01,000 --> 00:00:03,000\nHello there.\n');
    const r = run(['check', repaired, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${repaired}:1: warning: text outside any cue is ignored: "junk"\n`);
  });

  it('check --lang names the language of a one-language file, and its profile follows', () => {
    const json = JSON.parse(run(['check', zh, '--lang', 'zh-Hans', '--json']).stdout);
    expect(json.profile).toEqual({ 'zh-Hans': 'netflix-zh-hans' });
    const asEnglish = JSON.parse(run(['check', zh, '--lang', 'en', '--json']).stdout);
    expect(asEnglish.profile).toEqual({ en: 'default' });
  });
});

describe('two inputs, one document', () => {
  it('convert pairs the second file by time, writes it bilingual and reports what did not pair', () => {
    const r = run(['convert', zh, en, '--to', 'srt', '--lang', 'zh-Hans,en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '1\n00:00:01,000 --> 00:00:03,000\n萨姆·奥尔特曼谈芯片\nSam Altman on chips\n\n' +
        '2\n00:00:04,000 --> 00:00:06,000\n“引号”——破折号\nQuotes and dashes\n\n' +
        '3\n00:00:20,000 --> 00:00:21,000\nOnly in English\n',
    );
    expect(r.stderr).toContain(`duosub: ${en}: paired 2 cues, joined 0, 1 with no partner`);
    expect(r.stderr).toContain('0:20.000 --> 0:21.000 (en): Only in English');
  });

  it('info describes the paired document and the pairing, in text and JSON', () => {
    const text = run(['info', zh, en, '--lang', 'zh-Hans,en']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Languages:\s+zh-Hans, en/);
    expect(text.stdout).toMatch(/Cues:\s+3/);
    expect(text.stdout).toContain('Pairing:');
    const json = JSON.parse(run(['info', zh, en, '--lang', 'zh-Hans,en', '--json']).stdout);
    expect(json).toMatchObject({ files: [zh, en], languages: ['zh-Hans', 'en'], cues: 3 });
    expect(json.pairing).toMatchObject({ paired: 2, joined: 0, unpaired: [{ lang: 'en', start: 20_000, end: 21_000, text: 'Only in English' }] });
  });

  it('with two inputs --lang takes one code per input', () => {
    expect(run(['info', zh, en, '--lang', 'zh-Hans']).code).toBe(2);
  });
});

describe('output encoding', () => {
  const gbkText = '1\n00:00:01,000 --> 00:00:02,000\n芯片和“引号”\n';
  const gbk = file('gbk.srt', iconv.encode(gbkText, 'gbk'));

  it('writes the input file’s own encoding by default, and UTF-8 on request', () => {
    const out = join(work, 'out-gbk.srt');
    expect(run(['convert', gbk, '--to', 'srt', '-o', out]).code).toBe(0);
    expect(iconv.decode(readFileSync(out), 'gb18030')).toBe(gbkText);
    expect(readFileSync(out).includes(Buffer.from('芯片'))).toBe(false); // not UTF-8 bytes

    const toStdout = run(['convert', gbk, '--to', 'srt']);
    expect(toStdout.bytes && iconv.decode(Buffer.from(toStdout.bytes), 'gb18030')).toBe(gbkText);

    const utf8 = join(work, 'out-utf8.srt');
    expect(run(['convert', gbk, '--to', 'srt', '--encoding', 'utf-8', '-o', utf8]).code).toBe(0);
    expect(readFileSync(utf8, 'utf8')).toBe(gbkText);
  });

  it('WebVTT is UTF-8 whatever the input', () => {
    const out = join(work, 'out.vtt');
    expect(run(['convert', gbk, '--to', 'vtt', '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('芯片和“引号”');
    expect(run(['convert', gbk, '--to', 'vtt', '--encoding', 'big5']).code).toBe(2);
  });

  it('a character the encoding cannot hold is exit 2 naming the cue, never a "?"', () => {
    const emoji = file('emoji.srt', '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 --> 00:00:04,000\n芯片 😀\n');
    const out = join(work, 'emoji-big5.srt');
    const r = run(['convert', emoji, '--to', 'srt', '--encoding', 'big5', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cue 2 \(0:03\.000\): “😀” \(U\+1F600\) cannot be written in Big5; use --encoding utf-8/);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('output files', () => {
  const srt = file('out-src.srt', '1\n00:00:01,000 --> 00:00:02,000\nHello\n');
  const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n';

  it('-o - writes to standard output, never to a file named "-"', () => {
    const existed = existsSync('-');
    const r = run(['convert', srt, '--to', 'vtt', '-o', '-']);
    expect(r).toMatchObject({ code: 0, stdout: vtt, stderr: '' });
    expect(existsSync('-')).toBe(existed);
    const gbk = file('out-gbk.srt', iconv.encode('1\n00:00:01,000 --> 00:00:02,000\n芯片\n', 'gbk'));
    const bytes = run(['convert', gbk, '--to', 'srt', '-o', '-']).bytes;
    expect(bytes && iconv.decode(Buffer.from(bytes), 'gb18030')).toBe('1\n00:00:01,000 --> 00:00:02,000\n芯片\n');
  });

  it('writes through a symbolic link, keeping the link and the file’s 0600 mode', () => {
    const real = file('private.vtt', 'old');
    chmodSync(real, 0o600);
    const link = join(work, 'private-link.vtt');
    symlinkSync('private.vtt', link);
    expect(run(['convert', srt, '--to', 'vtt', '-o', link]).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(vtt);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a read-only output and a missing folder with exit 2 naming the file', () => {
    const locked = file('locked.vtt', 'old');
    chmodSync(locked, 0o444);
    expect(run(['convert', srt, '--to', 'vtt', '-o', locked])).toMatchObject({ code: 2, stderr: `duosub: ${locked}: cannot write: the file is read-only\n` });
    expect(readFileSync(locked, 'utf8')).toBe('old');
    const lost = join(work, 'no-such-folder', 'out.vtt');
    expect(run(['convert', srt, '--to', 'vtt', '-o', lost])).toMatchObject({
      code: 2,
      stderr: `duosub: ${lost}: cannot write: the folder ${join(work, 'no-such-folder')} no longer exists\n`,
    });
  });
});

describe('frame rate', () => {
  it('--fps sets the frame rate of MicroDVD output and input', () => {
    const srt = file('fps.srt', '1\n00:00:01,000 --> 00:00:02,000\nHello\n');
    const r = run(['convert', srt, '--to', 'microdvd', '--fps', '25']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('{25}{50}Hello');
    const sub = file('fps.sub', '{50}{100}Hello\n');
    const back = run(['convert', sub, '--to', 'srt', '--fps', '25', '--lang', 'en']);
    expect(back.stdout).toContain('00:00:02,000 --> 00:00:04,000');
  });
});

describe('help', () => {
  it('lists every export format and the new options', () => {
    const help = run(['--help']).stdout;
    for (const id of ['srt', 'vtt', 'ass', 'ssa', 'sbv', 'lrc', 'ttml', 'microdvd', 'json', 'txt', 'duosub', 'chapters-vtt', 'chapters-json']) {
      expect(help).toContain(id);
    }
    for (const option of ['--encoding', '--fps', '--lang CODE[,CODE]', 'INPUT2', 'FILE2']) expect(help).toContain(option);
  });
});

describe('--lang with one bilingual input', () => {
  const both = file('film.srt', '1\n00:00:01,000 --> 00:00:03,000\n萨姆·奥尔特曼谈芯片\nSam Altman on chips\n\n2\n00:00:04,000 --> 00:00:06,000\n“引号”——破折号\nQuotes and dashes\n');

  it('picks the language to write when the file holds it, so the halves pair back into one document', () => {
    const r = run(['convert', both, '--to', 'srt', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1\n00:00:01,000 --> 00:00:03,000\nSam Altman on chips\n\n2\n00:00:04,000 --> 00:00:06,000\nQuotes and dashes\n');
    const half = file('film.en.srt', r.stdout);
    const zhHalf = file('film.zh-only.srt', run(['convert', both, '--to', 'srt', '--lang', 'zh-Hans']).stdout);
    const info = run(['info', zhHalf, half, '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).languages).toEqual(['zh-Hans', 'en']);
  });

  it('names the language of a one-language file that does not hold it', () => {
    const r = run(['info', zh, '--lang', 'zh-Hant', '--json']);
    expect(JSON.parse(r.stdout).languages).toEqual(['zh-Hant']);
  });
});
