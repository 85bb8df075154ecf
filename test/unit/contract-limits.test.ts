import { describe, expect, it } from 'vitest';
import { ApiError, MAX_ARGS_DEPTH, parseArgs } from '../../src/shared/api';

/** A batch nested `depth` times around one setText. */
function nestedBatch(depth: number): unknown {
  let op: unknown = { type: 'setText', cueId: 'c1', lang: 'en', text: 'x' };
  for (let i = 0; i < depth; i++) op = { type: 'batch', ops: [op] };
  return op;
}

describe('parseArgs limits', () => {
  it('takes a batch of operations as the app sends them', () => {
    expect(parseArgs('doc.apply', { docId: 'd', op: nestedBatch(2) })).toMatchObject({ docId: 'd' });
  });

  it('refuses arguments nested past the limit with a clear error instead of overflowing the stack', () => {
    for (const depth of [MAX_ARGS_DEPTH, 10_000, 200_000]) {
      let caught: unknown;
      try {
        parseArgs('doc.apply', { docId: 'd', op: nestedBatch(depth) });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ApiError);
      expect((caught as ApiError).code).toBe('bad-request');
      expect((caught as ApiError).message).toMatch(/nested deeper than/);
    }
  });
});
