/**
 * Runs a user's regex replace-all off main's thread, with a time budget and a cancel (issue 11): a pattern such as
 * `(a+)+$` can backtrack for hours, and on main's thread that would freeze every window and the server. The worker
 * is made from a code string holding the planner's own `replaceTexts` (no imports, so it runs the same under tsx,
 * vitest and the electron-vite bundle); main then builds the same Plan the planner builds. Literal searches are
 * linear and stay in this thread.
 */
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/api';
import type { Plan } from '../../shared/plan/plan';
import { CommandError } from '../../shared/plan/errors';
import { compileSearch, planFromReplaced, planReplaceAll, replaceTargets, replaceTexts } from '../../shared/commands/replace';
import type { EditCommand } from '../../shared/commands/schema';
import type { SubtitleDocument } from '../../shared/model';

type ReplaceCommand = Extract<EditCommand, { kind: 'replaceAll' }>;

export const DEFAULT_REPLACE_BUDGET_MS = 5000;

/** A runaway replacement (`$&` a million times over) fills the worker's heap, not main's. */
const WORKER_HEAP_MB = 512;

/** What the worker is given (as workerData) and answers: each text replaced, or null where nothing matched. */
interface WorkerInput {
  source: string;
  flags: string;
  replacement: string;
  regex: boolean;
  texts: string[];
}

const WORKER_CODE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const replaceTexts = ${replaceTexts.toString()};
const input = workerData;
parentPort.postMessage(replaceTexts(input.texts, new RegExp(input.source, input.flags), input.replacement, input.regex));
`;

interface Job {
  worker: Worker;
  /** Stops the job: terminates its worker and rejects its promise with `error`. */
  stop(error: ApiError): void;
}

export class ReplaceRunner {
  private readonly budgetMs: number;
  private readonly jobs = new Map<string, Job>();

  constructor(options: { budgetMs?: number } = {}) {
    this.budgetMs = options.budgetMs ?? DEFAULT_REPLACE_BUDGET_MS;
  }

  /**
   * The replace-all's undo step, as `planReplaceAll` would make it. A regex runs in a worker: over the budget it is
   * stopped (ApiError 'timeout'); `cancel(key)` or a newer plan for the same key stops it ('cancelled'); a pattern
   * that does not compile, or one that matches or changes nothing, is ApiError 'bad-request'.
   */
  async plan(key: string, doc: SubtitleDocument, command: ReplaceCommand): Promise<Plan> {
    if (!command.regex) return usersFault(() => planReplaceAll(doc, command));
    const targets = usersFault(() => replaceTargets(doc, command));
    const search = usersFault(() => compileSearch(command));
    this.stop(key, new ApiError('cancelled', `Replace All of /${command.find}/ was stopped by a newer Replace All`));
    const input: WorkerInput = { source: search.source, flags: search.flags, replacement: command.replace, regex: true, texts: targets.texts };
    const replaced = await this.run(key, command.find, input);
    return usersFault(() => planFromReplaced(doc, command, targets, replaced));
  }

  /** Stops the running replace-all of `key`; whether one was running. */
  cancel(key: string): boolean {
    return this.stop(key, new ApiError('cancelled', 'Replace All was cancelled; nothing was replaced'));
  }

  /** Stops every running replace-all (on quit). */
  dispose(): void {
    for (const key of [...this.jobs.keys()]) this.stop(key, new ApiError('cancelled', 'Replace All was stopped: Duosub is closing'));
  }

  private stop(key: string, error: ApiError): boolean {
    const job = this.jobs.get(key);
    if (!job) return false;
    job.stop(error);
    return true;
  }

  private run(key: string, find: string, input: WorkerInput): Promise<(string | null)[]> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_CODE, { eval: true, workerData: input, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      let settled = false;
      const settle = (error: Error | null, result?: (string | null)[]): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (this.jobs.get(key)?.worker === worker) this.jobs.delete(key);
        void worker.terminate();
        if (error) reject(error);
        else resolve(result!);
      };
      const seconds = Number((this.budgetMs / 1000).toFixed(1));
      const timer = setTimeout(() => {
        settle(new ApiError('timeout', `the pattern /${find}/ took longer than ${seconds} s and was stopped; simplify it`));
      }, this.budgetMs);
      worker.on('message', (result: (string | null)[]) => settle(null, result));
      worker.on('error', (error: Error & { code?: string }) => settle(workerFailure(find, error)));
      worker.on('exit', (code) => settle(new ApiError('failed', `Replace All of /${find}/ stopped unexpectedly (exit code ${code}); nothing was replaced`)));
      this.jobs.set(key, { worker, stop: (error) => settle(error) });
    });
  }
}

/** The planner's refusals (no such language, nothing matched, a bad pattern) are the caller's to hear. */
function usersFault<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CommandError) throw new ApiError('bad-request', error.message);
    throw error;
  }
}

function workerFailure(find: string, error: Error & { code?: string }): ApiError {
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ApiError('too-large', `Replacing /${find}/ would make the text too large (over ${WORKER_HEAP_MB} MB); nothing was replaced`);
  }
  return new ApiError('failed', `Replace All of /${find}/ failed: ${error.message}; nothing was replaced`);
}
