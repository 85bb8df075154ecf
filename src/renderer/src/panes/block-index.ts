/**
 * Where each cue's block sits in one language pane: start line and line count per block, in typed arrays.
 * Blocks are contiguous and in cue order (no separator lines in the model: separators are view zones),
 * so the line → block lookup is a binary search over the start lines.
 */
export class BlockIndex {
  private readonly starts: Int32Array;
  private readonly counts: Int32Array;
  private readonly byId: Map<string, number>;

  /**
   * `lineCounts[i]` is the number of model lines of block i (at least 1). `base` (for `appended`) already holds
   * the first blocks: only the rest are indexed, and its id map is taken over.
   */
  constructor(readonly cueIds: readonly string[], lineCounts: ArrayLike<number>, base?: BlockIndex) {
    const n = cueIds.length;
    this.starts = new Int32Array(n);
    this.counts = new Int32Array(n);
    const from = base ? base.size : 0;
    this.byId = base ? base.byId : new Map<string, number>();
    if (base) {
      this.starts.set(base.starts);
      this.counts.set(base.counts);
    }
    let line = from === 0 ? 1 : base!.endLine(from - 1) + 1;
    for (let i = from; i < n; i++) {
      const count = Math.max(1, lineCounts[i - from] | 0);
      this.starts[i] = line;
      this.counts[i] = count;
      line += count;
      this.byId.set(cueIds[i], i);
    }
  }

  get size(): number {
    return this.cueIds.length;
  }

  /** Total model lines covered by the blocks (the model's line count). */
  get totalLines(): number {
    const n = this.size;
    return n === 0 ? 0 : this.starts[n - 1] + this.counts[n - 1] - 1;
  }

  startLine(block: number): number {
    return this.starts[block];
  }

  lineCount(block: number): number {
    return this.counts[block];
  }

  endLine(block: number): number {
    return this.starts[block] + this.counts[block] - 1;
  }

  /** Block index of a cue, or -1. */
  indexOfCue(cueId: string): number {
    return this.byId.get(cueId) ?? -1;
  }

  /** Block containing a 1-based model line, or -1 when the line is outside every block. */
  blockAtLine(line: number): number {
    const n = this.size;
    if (n === 0 || line < 1 || line > this.totalLines) return -1;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Line counts of every block, in order (to build a spliced index). */
  lineCounts(): Int32Array {
    return this.counts.slice();
  }

  /**
   * A new index with `removeCount` blocks at `at` replaced by blocks of the given ids and line counts
   * (a cue inserted, deleted, split or merged). O(n) typed-array work: well under a millisecond for 5,000.
   */
  spliced(at: number, removeCount: number, ids: readonly string[], lineCounts: readonly number[]): BlockIndex {
    const nextIds = this.cueIds.slice();
    nextIds.splice(at, removeCount, ...ids);
    const counts = new Int32Array(nextIds.length);
    counts.set(this.counts.subarray(0, at), 0);
    for (let k = 0; k < lineCounts.length; k++) counts[at + k] = lineCounts[k];
    counts.set(this.counts.subarray(at + removeCount), at + ids.length);
    return new BlockIndex(nextIds, counts);
  }

  /**
   * A new index with blocks added after the last (a long document loading in parts): O(new blocks) apart from
   * copying the typed arrays. This index must not be used afterwards (the id map moves to the new one).
   */
  appended(ids: readonly string[], lineCounts: readonly number[]): BlockIndex {
    return new BlockIndex(this.cueIds.concat(ids), lineCounts, this);
  }

  /** Changes one block's line count and shifts the blocks below it (a typed-array loop: microseconds for 5,000). */
  setLineCount(block: number, count: number): void {
    const delta = Math.max(1, count) - this.counts[block];
    if (delta === 0) return;
    this.counts[block] += delta;
    for (let i = block + 1; i < this.size; i++) this.starts[i] += delta;
  }
}
