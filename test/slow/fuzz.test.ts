import { describe, expect, it } from 'vitest';
import { runFuzz, targets, type Target } from '../../scripts/fuzz-engine';
import { formats } from '../../src/shared/formats/registry';

// A small run of `npm run fuzz` (which does 1,000,000 and the pathological inputs). Crashes fail the test; slow
// inputs are only reported here (a shared CI machine may stall), the script fails on them.
const FIXTURES = ['test/fixtures/formats', 'test/fixtures/export'];

describe('fuzz', () => {
  it('covers every reader of the registry and the project loader', () => {
    const names = targets().map((t) => t.name);
    for (const format of formats) expect(names).toContain(`${format.id}.parse`);
    expect(names).toContain('readSubtitleText');
    expect(names).toContain('project loader');
  });

  it('20,000 mutated and generated inputs crash no reader', { timeout: 300_000 }, () => {
    const result = runFuzz({ inputs: 20_000, seed: 1, slowMs: 1000, pathological: false, fixtureDirs: FIXTURES });
    for (const slow of result.slow) console.warn(`fuzz: slow input in ${slow.target} (${slow.ms.toFixed(0)} ms, ${slow.origin})`);
    const first = result.crashes[0];
    expect(result.crashCount, first ? `${first.target} on ${JSON.stringify(first.text.slice(0, 200))}: ${first.error}` : '').toBe(0);
    expect(result.inputs).toBeGreaterThanOrEqual(20_000);
  });

  it('counts a crash, keeps the input, and does not count a FormatError', () => {
    const broken: Target = {
      name: 'broken',
      run(text) {
        if (text.includes('-->')) (null as unknown as { x: number }).x = 1; // a TypeError, as a real bug would throw
      },
    };
    const result = runFuzz({ inputs: 300, seed: 3, slowMs: 1000, pathological: false, fixtureDirs: FIXTURES, targets: [broken, ...targets().slice(-1)] });
    expect(result.crashCount).toBeGreaterThan(0);
    expect(result.crashes[0]).toMatchObject({ kind: 'crash', target: 'broken', error: expect.stringContaining('TypeError') });
    expect(result.crashes[0].text).toContain('-->');
    expect(result.crashes.every((c) => c.target === 'broken')).toBe(true);
  });
});
