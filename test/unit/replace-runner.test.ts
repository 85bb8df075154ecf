import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/shared/api';
import { planReplaceAll } from '../../src/shared/commands/replace';
import type { EditCommand } from '../../src/shared/commands/schema';
import type { SubtitleDocument } from '../../src/shared/model';
import { ReplaceRunner } from '../../src/node/documents/replace-runner';

type ReplaceCommand = Extract<EditCommand, { kind: 'replaceAll' }>;

function doc(texts: string[]): SubtitleDocument {
  return {
    languages: [{ code: 'en', name: 'English' }, { code: 'zh-Hans', name: '中文' }],
    cues: texts.map((text, i) => ({ id: `c${i + 1}`, start: i * 1000, end: i * 1000 + 900, speaker: null, text: { en: text, 'zh-Hans': `第${i}句` } })),
    speakers: [],
    chapters: [],
    media: null,
    metadata: {},
  };
}

const replace = (over: Partial<ReplaceCommand>): ReplaceCommand => ({
  kind: 'replaceAll', lang: 'en', find: 'x', replace: '', regex: true, caseSensitive: false, ...over,
});

/** Backtracks 2^n times on n letters `a` and a `b`: never finishes in a test's lifetime. */
const RUNAWAY = replace({ find: '(a+)+$', replace: 'z' });
const runawayDoc = doc(['a'.repeat(40) + 'b', 'aaa']);

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('ReplaceRunner', () => {
  let runner: ReplaceRunner;
  afterEach(() => runner?.dispose());

  it('plans a regex replace-all in a worker exactly as the planner does in-thread', async () => {
    runner = new ReplaceRunner();
    const d = doc(['Hello World', 'hello there', 'nothing', 'HELLO hello', '']);
    const commands = [
      replace({ find: '(h)ello', replace: '$1i' }),
      replace({ find: 'hello', replace: '[$&]', caseSensitive: true }),
      replace({ find: 'o', replace: '0', wholeWord: true }),
      replace({ find: 'l+', replace: 'L', cueIds: ['c1', 'c4'] }),
      replace({ find: '\\p{Lu}', replace: '_' }),
    ];
    for (const command of commands) {
      if (command.wholeWord) {
        await expect(runner.plan('d', d, command)).rejects.toMatchObject({ code: 'bad-request', message: 'No matches for /o/ in English' });
        continue;
      }
      expect(await runner.plan('d', d, command)).toEqual(planReplaceAll(d, command));
    }
  });

  it('keeps a literal search in this thread with the same result', async () => {
    runner = new ReplaceRunner();
    const d = doc(['a.b a.b', 'ab']);
    const command = replace({ find: 'a.b', replace: '$&!', regex: false });
    const plan = await runner.plan('d', d, command);
    expect(plan).toEqual(planReplaceAll(d, command));
    expect(plan.op.ops).toEqual([{ type: 'setText', cueId: 'c1', lang: 'en', text: '$&! $&!' }]);
  });

  it('stops a runaway pattern at the budget, naming it, while main keeps running', async () => {
    runner = new ReplaceRunner({ budgetMs: 300 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const error = await failure(runner.plan('d', runawayDoc, RUNAWAY));
    clearInterval(ticker);
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('the pattern /(a+)+$/ took longer than 0.3 s and was stopped; simplify it');
    // Main's event loop ran meanwhile (on main's thread the regex would have held it until the end).
    expect(ticks).toBeGreaterThan(3);
    expect(runner.cancel('d')).toBe(false);
  });

  it('cancels a running replace-all by key, and only that one', async () => {
    runner = new ReplaceRunner({ budgetMs: 60_000 });
    const running = runner.plan('d', runawayDoc, RUNAWAY);
    const other = runner.plan('other', doc(['hello']), replace({ find: 'h(e)', replace: 'H$1' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(runner.cancel('d')).toBe(true);
    const error = await failure(running);
    expect(error.code).toBe('cancelled');
    expect(error.message).toMatch(/cancelled; nothing was replaced/);
    expect(runner.cancel('d')).toBe(false);
    expect((await other).op.ops).toEqual([{ type: 'setText', cueId: 'c1', lang: 'en', text: 'Hello' }]);
  });

  it('a newer replace-all of the same document stops the older one', async () => {
    runner = new ReplaceRunner({ budgetMs: 60_000 });
    const older = runner.plan('d', runawayDoc, RUNAWAY);
    const newer = runner.plan('d', runawayDoc, replace({ find: 'b$', replace: 'c' }));
    expect((await failure(older)).code).toBe('cancelled');
    expect((await newer).op.ops).toEqual([{ type: 'setText', cueId: 'c1', lang: 'en', text: 'a'.repeat(40) + 'c' }]);
  });

  it('dispose stops every running replace-all', async () => {
    runner = new ReplaceRunner({ budgetMs: 60_000 });
    const a = runner.plan('a', runawayDoc, RUNAWAY);
    const b = runner.plan('b', runawayDoc, RUNAWAY);
    runner.dispose();
    expect((await failure(a)).code).toBe('cancelled');
    expect((await failure(b)).code).toBe('cancelled');
  });

  it('refuses a pattern that does not compile, an unknown language and a replace that changes nothing, as bad requests', async () => {
    runner = new ReplaceRunner();
    const d = doc(['hello']);
    const bad = await failure(runner.plan('d', d, replace({ find: '(unclosed' })));
    expect(bad.code).toBe('bad-request');
    expect(bad.message).toMatch(/^Invalid regular expression \/\(unclosed\/: /);
    expect((await failure(runner.plan('d', d, replace({ lang: 'fr' })))).code).toBe('bad-request');
    const same = await failure(runner.plan('d', d, replace({ find: 'l', replace: 'l' })));
    expect(same).toMatchObject({ code: 'bad-request', message: 'Replacing /l/ with "l" changes nothing' });
  });
});
