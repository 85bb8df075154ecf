/**
 * Which cues of two timelines belong together, by time overlap: each cue looks for the cue on the other side it
 * overlaps most (a sorted sweep with binary search, never all pairs), and the two are grouped when
 *  - the cue lies mostly (more than half) inside that cue — one side split what the other kept whole, or
 *  - the two are each other's best match and overlap by at least a quarter of the shorter — the same line with
 *    drifted times.
 * Groups are the connected cues (union–find). Neighbours that only touch (100 ms of a 2 s cue) stay apart.
 */

export interface Span {
  start: number;
  end: number;
}

/** Cues scanned back from the candidate edge before giving up: only reached when one side's cues overlap each other heavily. */
const SCAN_LIMIT = 1000;

/** Length in ms, at least 1, so a zero-length or reversed cue is a point that can still lie inside another. */
function length(span: Span): number {
  return Math.max(span.end - span.start, 1);
}

function overlap(a: Span, b: Span): number {
  return Math.min(a.start + length(a), b.start + length(b)) - Math.max(a.start, b.start);
}

/** Indices of `spans` by start (then end), stable. */
export function orderByStart(spans: Span[]): Int32Array {
  const order = new Int32Array(spans.length);
  let sorted = true;
  for (let i = 0; i < spans.length; i++) {
    order[i] = i;
    if (i > 0 && (spans[i - 1].start > spans[i].start || (spans[i - 1].start === spans[i].start && spans[i - 1].end > spans[i].end))) sorted = false;
  }
  // Subtitle files are nearly always in order already: then there is nothing to sort.
  return sorted ? order : order.sort((a, b) => spans[a].start - spans[b].start || spans[a].end - spans[b].end || a - b);
}

interface Best {
  /** Index into the other side, -1 when the cue overlaps nothing. */
  index: Int32Array;
  overlap: Float64Array;
}

/** For every span of `from`, the span of `to` it overlaps most (the earliest on a tie). */
function bestMatches(from: Span[], to: Span[]): Best {
  const order = orderByStart(to);
  const starts = Float64Array.from(order, (k) => to[k].start);
  // maxEnd[k]: the latest end among the first k+1 spans by start; scanning back stops once it is before the cue.
  const maxEnd = new Float64Array(order.length);
  order.forEach((k, i) => (maxEnd[i] = Math.max(i > 0 ? maxEnd[i - 1] : -Infinity, to[k].start + length(to[k]))));
  const index = new Int32Array(from.length).fill(-1);
  const best = new Float64Array(from.length);
  from.forEach((span, f) => {
    const end = span.start + length(span);
    let k = upperBound(starts, end) - 1;
    for (let scanned = 0; k >= 0 && maxEnd[k] > span.start && scanned < SCAN_LIMIT; k--, scanned++) {
      const o = overlap(span, to[order[k]]);
      if (o > 0 && o >= best[f]) [index[f], best[f]] = [order[k], o];
    }
  });
  return { index, overlap: best };
}

/** First i with sorted[i] >= value. */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Union–find over base cues (0 … nBase-1) then added cues (nBase …); iterative, with path halving. */
class Groups {
  private parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    // The smaller index is the root, so a group's root is its first base cue when it has one.
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * The group of every cue: `groupOf[i]` for base cue i, `groupOf[base.length + j]` for added cue j; a group is
 * named by its first member (a base cue when it has one).
 */
export function groupByOverlap(base: Span[], added: Span[]): Int32Array {
  const groups = new Groups(base.length + added.length);
  const ofAdded = bestMatches(added, base);
  const ofBase = bestMatches(base, added);
  added.forEach((span, j) => {
    const i = ofAdded.index[j];
    if (i < 0) return;
    const o = ofAdded.overlap[j];
    const mutual = ofBase.index[i] === j && 4 * o >= Math.min(length(span), length(base[i]));
    if (2 * o > length(span) || mutual) groups.union(i, base.length + j);
  });
  base.forEach((span, i) => {
    const j = ofBase.index[i];
    if (j >= 0 && 2 * ofBase.overlap[i] > length(span)) groups.union(i, base.length + j);
  });
  const groupOf = new Int32Array(base.length + added.length);
  for (let n = 0; n < groupOf.length; n++) groupOf[n] = groups.find(n);
  return groupOf;
}
