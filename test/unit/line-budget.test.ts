/** The bilingual line budget: the document's layout caps each language's lines in QC, exports and the CLI. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index';
import { exportDocument } from '../../src/shared/formats/export';
import { documentLinesPerLanguage, withLineBudget } from '../../src/shared/qc/line-budget';
import { documentProfiles, profileById } from '../../src/shared/qc/profiles';
import { checkDocument } from '../../src/shared/qc/run';
import { EN, ZH, makeDoc } from './commands-helpers';

const work = mkdtempSync(join(tmpdir(), 'duosub-line-budget-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Two lines of Chinese over two of English: fine for each profile alone, four lines on screen together. */
function twoByTwo(linesPerLanguage?: number) {
  const doc = makeDoc([[1000, 4000, '萨姆·阿尔特曼说\n这是下一代计算平台', 'Sam Altman says\nthis is the next platform', null]]);
  return linesPerLanguage === undefined ? doc : { ...doc, metadata: { ...doc.metadata, linesPerLanguage } };
}

function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  if (typeof code !== 'number') throw new Error('synchronous command');
  return { code, out, err };
}

describe('withLineBudget', () => {
  const netflix = profileById('netflix-en')!;

  it('caps every language at one line in a bilingual document, and leaves a one-language document alone', () => {
    const profiles = { [ZH]: netflix, [EN]: netflix };
    expect(Object.values(withLineBudget(profiles, 2, 1)).map((p) => p.maxLines)).toEqual([1, 1]);
    expect(withLineBudget(profiles, 1, 1)).toBe(profiles);
    expect(withLineBudget(profiles, 2, 2)).toBe(profiles);
    expect(withLineBudget(profiles, 2, null)).toBe(profiles);
  });

  it('reads only 1 or 2 from the document', () => {
    expect(documentLinesPerLanguage({ linesPerLanguage: 1 })).toBe(1);
    expect(documentLinesPerLanguage({ linesPerLanguage: 2 })).toBe(2);
    expect(documentLinesPerLanguage({ linesPerLanguage: 3 })).toBeNull();
    expect(documentLinesPerLanguage({ linesPerLanguage: '1' })).toBeNull();
    expect(documentLinesPerLanguage({})).toBeNull();
  });
});

describe('QC with the document layout', () => {
  it('flags two lines per language only when the document is delivered one line per language', () => {
    const lines = (doc: ReturnType<typeof twoByTwo>) => checkDocument(doc, documentProfiles(doc)).filter((i) => i.rule === 'lines');
    expect(lines(twoByTwo())).toEqual([]);
    const flagged = lines(twoByTwo(1));
    expect(flagged.map((i) => [i.lang, i.value, i.limit])).toEqual([[ZH, 2, 1], [EN, 2, 1]]);
  });
});

describe('bilingual export follows the document layout unless asked otherwise', () => {
  it('one line per language by default for a document delivered so; two when the export asks', () => {
    const doc = twoByTwo(1);
    const srt = exportDocument(doc, { format: 'srt' }).text;
    expect(srt).toContain('萨姆·阿尔特曼说这是下一代计算平台\nSam Altman says this is the next platform');
    expect(exportDocument(doc, { format: 'srt', linesPerLanguage: 2 }).text).toContain('萨姆·阿尔特曼说\n这是下一代计算平台');
  });
});

describe('CLI layout flags', () => {
  const srt = `1\n00:00:01,000 --> 00:00:04,000\n萨姆·阿尔特曼说\n这是下一代计算平台\nSam Altman says\nthis is the next platform\n\n2\n00:00:05,000 --> 00:00:06,000\n谢谢。\n\n`;
  const file = join(work, 'two.srt');
  writeFileSync(file, srt);

  it('convert --lines-per-language 1 writes one line per language and --empty-text fills an empty text', () => {
    const out = join(work, 'one.srt');
    const r = run('convert', file, '--lang', 'zh-Hans,en', '--to', 'srt', '--lines-per-language', '1', '--empty-text', '…', '-o', out);
    expect(r.code).toBe(0);
    // Read back raw: a reader cannot tell which language a lone "…" line belongs to.
    expect(readFileSync(out, 'utf8')).toBe(
      '1\n00:00:01,000 --> 00:00:04,000\n萨姆·阿尔特曼说这是下一代计算平台\nSam Altman says this is the next platform\n\n' +
      '2\n00:00:05,000 --> 00:00:06,000\n谢谢。\n…\n',
    );
  });

  it('check --lines-per-language 1 reports the bilingual budget; a bad value is a usage error', () => {
    expect(run('check', file, '--lang', 'zh-Hans,en').out).not.toMatch(/2 lines; the limit is 1/);
    const r = run('check', file, '--lang', 'zh-Hans,en', '--lines-per-language', '1');
    expect(r.out).toMatch(/2 lines; the limit is 1/);
    expect(r.code).toBe(1);
    const bad = run('convert', file, '--to', 'srt', '--lines-per-language', '3');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--lines-per-language takes 1 or 2, not "3"/);
  });
});
