import { describe, expect, it } from 'vitest';
import { DisposableStore, Emitter, disposeAll, toDisposable } from '../../src/shared/lifecycle';

describe('lifecycle', () => {
  it('a DisposableStore releases everything once, and a late addition at once', () => {
    const released: string[] = [];
    const store = new DisposableStore();
    store.addFn(() => released.push('a'));
    store.add(toDisposable(() => released.push('b')));
    store.dispose();
    store.dispose();
    expect(released).toEqual(['a', 'b']);
    store.addFn(() => released.push('late'));
    expect(released).toEqual(['a', 'b', 'late']);
    expect(store.isDisposed).toBe(true);
  });

  it('clear releases what is held and keeps the store usable', () => {
    let count = 0;
    const store = new DisposableStore();
    store.addFn(() => count++);
    store.clear();
    store.addFn(() => count++);
    expect(count).toBe(1);
    store.dispose();
    expect(count).toBe(2);
  });

  it('disposeAll runs every item even when one throws, then rethrows the first error', () => {
    const ran: number[] = [];
    const items = [toDisposable(() => ran.push(1)), toDisposable(() => { throw new Error('boom'); }), toDisposable(() => ran.push(3))];
    expect(() => disposeAll(items)).toThrow('boom');
    expect(ran).toEqual([1, 3]);
  });

  it('an Emitter calls listeners in order; one removed while firing is not called, one added hears the next value', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    let offB = (): void => undefined;
    emitter.event((v) => {
      heard.push(`a${v}`);
      offB();
      emitter.event((w) => heard.push(`c${w}`));
    });
    offB = emitter.event((v) => heard.push(`b${v}`));
    emitter.fire(1);
    expect(heard).toEqual(['a1']);
    emitter.fire(2);
    expect(heard).toEqual(['a1', 'a2', 'c2']);
    emitter.dispose();
    emitter.fire(3);
    expect(heard).toHaveLength(3);
    expect(emitter.size).toBe(0);
  });
});
