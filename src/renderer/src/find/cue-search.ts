/**
 * Runs the find bar's search in a worker with a time budget, so a user's regex that backtracks for hours (`(a+)+$`
 * on a line of `a`s) costs a terminated worker and a "stopped: pattern too slow", never a frozen page. A newer
 * search supersedes the one running (typing a pattern starts one per keystroke).
 */

/** To the worker (./match.worker.ts): the compiled pattern and the texts of one language. */
export interface MatchRequest {
  id: number;
  source: string;
  flags: string;
  texts: string[];
}

/** From the worker: the indexes of the texts that match. */
export interface MatchAnswer {
  id: number;
  hits: number[];
}

/** What the page needs of a Worker (a fake in tests). */
export interface MatchWorker {
  postMessage(request: MatchRequest): void;
  terminate(): void;
  onmessage: ((event: { data: MatchAnswer }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type SearchResult = { kind: 'done'; hits: number[] } | { kind: 'stopped' } | { kind: 'superseded' } | { kind: 'failed'; error: string };

export const FIND_BUDGET_MS = 2000;

interface Pending {
  id: number;
  resolve(result: SearchResult): void;
  timer: ReturnType<typeof setTimeout>;
}

export class CueSearch {
  private worker: MatchWorker | null = null;
  private pending: Pending | null = null;
  private nextId = 1;

  constructor(private readonly createWorker: () => MatchWorker, private readonly budgetMs = FIND_BUDGET_MS) {}

  /** Indexes of the texts `re` matches; 'stopped' when it ran over the budget (its worker is then terminated). */
  search(texts: string[], re: RegExp): Promise<SearchResult> {
    this.settle({ kind: 'superseded' }, true);
    let worker: MatchWorker;
    try {
      worker = this.ensureWorker();
    } catch (error) {
      // e.g. a policy that refuses workers: say so rather than search in the page with no way to stop it.
      return Promise.resolve({ kind: 'failed', error: `the search could not start: ${errorText(error)}` });
    }
    const id = this.nextId++;
    return new Promise<SearchResult>((resolve) => {
      const timer = setTimeout(() => this.settle({ kind: 'stopped' }, true), this.budgetMs);
      this.pending = { id, resolve, timer };
      worker.postMessage({ id, source: re.source, flags: re.flags, texts });
    });
  }

  dispose(): void {
    this.settle({ kind: 'superseded' }, true);
  }

  private ensureWorker(): MatchWorker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => {
      if (event.data.id === this.pending?.id) this.settle({ kind: 'done', hits: event.data.hits }, false);
    };
    worker.onerror = (event) => this.settle({ kind: 'failed', error: errorText(event) }, true);
    this.worker = worker;
    return worker;
  }

  /** Ends the running search with `result`; `kill` also terminates its worker (the next search makes a new one). */
  private settle(result: SearchResult, kill: boolean): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    clearTimeout(pending.timer);
    if (kill) {
      this.worker?.terminate();
      this.worker = null;
    }
    pending.resolve(result);
  }
}

function errorText(event: unknown): string {
  const message = (event as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : 'the search failed';
}
