/**
 * One way to own subscriptions and release them together (after VS Code's `base/common/lifecycle.ts`): every
 * subscription is a `Disposable`; a `DisposableStore` holds what one object owns and releases it in one call; an
 * `Emitter` is a typed event with its own listener set, so no class writes a `Set<() => void>` by hand.
 */

export interface Disposable {
  dispose(): void;
}

/** A disposable that runs `release` once, however often it is disposed. */
export function toDisposable(release: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      release();
    },
  };
}

/**
 * What one object owns: add each subscription as it is made, dispose them all at teardown. Adding to a store
 * already disposed disposes the newcomer at once (a late subscription would otherwise leak).
 */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.add(item);
    return item;
  }

  /** Adds an unsubscribe function (the shape wavesurfer's and our own `on()` return). */
  addFn(release: () => void): Disposable {
    return this.add(toDisposable(release));
  }

  /** Releases everything held so far and keeps accepting new items. */
  clear(): void {
    const items = [...this.items];
    this.items.clear();
    disposeAll(items);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}

/** Disposes every item; one that throws does not stop the others (the first error is rethrown after). */
export function disposeAll(items: Iterable<Disposable>): void {
  let first: unknown = null;
  for (const item of items) {
    try {
      item.dispose();
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== null) throw first;
}

export type Listener<T> = (value: T) => void;

/**
 * A typed event: `event(listener)` subscribes and returns the unsubscribe, `fire(value)` calls every listener in
 * subscription order. A listener added while firing hears the next value, not this one; one removed while firing
 * is not called again.
 */
export class Emitter<T = void> implements Disposable {
  private listeners: Listener<T>[] = [];

  /** Subscribes; the returned function unsubscribes (it is also a `Disposable` through `toDisposable`). */
  readonly event = (listener: Listener<T>): (() => void) => {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  };

  fire(value: T): void {
    const snapshot = this.listeners;
    for (const listener of snapshot) {
      if (snapshot !== this.listeners && !this.listeners.includes(listener)) continue;
      listener(value);
    }
  }

  get size(): number {
    return this.listeners.length;
  }

  dispose(): void {
    this.listeners = [];
  }
}
