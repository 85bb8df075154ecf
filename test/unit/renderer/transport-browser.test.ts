import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiSocketUrl, createBrowserBridge, takePageToken, TOKEN_STORAGE_KEY, type PageContext } from '../../../src/renderer/src/transport/browser';

function page(url: string, stored: Record<string, string> = {}) {
  const parsed = new URL(url);
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const context: PageContext = {
    location: { protocol: parsed.protocol, host: parsed.host, pathname: parsed.pathname, search: parsed.search, hash: parsed.hash },
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
    history: { state: null, replaceState: (_state, _title, next) => void replaced.push(String(next)) },
  };
  return { context, storage, replaced };
}

describe('takePageToken', () => {
  it('takes the token from the first load, keeps it in this origin\'s storage and removes it from the address bar', () => {
    const { context, storage, replaced } = page('http://127.0.0.1:5000/?token=abc&x=1#cue-3');
    expect(takePageToken(context)).toBe('abc');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(replaced).toEqual(['/?x=1#cue-3']);
  });

  it('leaves a bare address as it is', () => {
    const { context, replaced } = page('http://127.0.0.1:5000/?token=abc');
    takePageToken(context);
    expect(replaced).toEqual(['/']);
  });

  it('finds the token again after a reload, where the URL no longer has it', () => {
    const { context, replaced } = page('http://127.0.0.1:5000/', { [TOKEN_STORAGE_KEY]: 'abc' });
    expect(takePageToken(context)).toBe('abc');
    expect(replaced).toEqual([]);
  });

  it('prefers a new URL token over a stored one (a new run)', () => {
    const { context, storage } = page('http://127.0.0.1:5000/?token=new', { [TOKEN_STORAGE_KEY]: 'old' });
    expect(takePageToken(context)).toBe('new');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('still works when storage refuses', () => {
    const { context, replaced } = page('http://127.0.0.1:5000/?token=abc');
    context.storage = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(takePageToken(context)).toBe('abc');
    expect(replaced).toEqual(['/']);
    expect(takePageToken(page('http://127.0.0.1:5000/').context)).toBeNull();
  });
});

describe('apiSocketUrl', () => {
  it('opens the socket on the page\'s host with the token', () => {
    expect(apiSocketUrl({ protocol: 'http:', host: '127.0.0.1:5000' }, 'a b')).toBe('ws://127.0.0.1:5000/api?token=a%20b');
    expect(apiSocketUrl({ protocol: 'https:', host: 'localhost:5000' }, null)).toBe('wss://localhost:5000/api');
  });
});

/** A WebSocket stand-in: opens at once, records what is sent, answers through `reply`. */
class FakeSocket extends EventTarget {
  static OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = 0;
  sent: string[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    });
  }
  send(message: string) {
    this.sent.push(message);
  }
  reply(message: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
}

describe('createBrowserBridge', () => {
  const original = globalThis.WebSocket;
  afterEach(() => {
    globalThis.WebSocket = original;
  });

  it('rejects a refused request with the message and the error code, as the preload does', async () => {
    globalThis.WebSocket = FakeSocket as unknown as typeof WebSocket;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bridge = createBrowserBridge('ws://127.0.0.1:1/api?token=t');
    const saving = bridge.api['doc.save']({ docId: 'd1' });
    await new Promise((done) => setTimeout(done, 0));
    const socket = FakeSocket.last!;
    const { id } = JSON.parse(socket.sent[0]) as { id: number };
    socket.reply({ id: 0, ok: false, error: { code: 'bad-request', message: 'unattributable' } }); // no request of ours: only logged
    socket.reply({ id, ok: false, error: { code: 'conflict', message: 'talk.srt changed on disk' } });
    await expect(saving).rejects.toMatchObject({ message: 'talk.srt changed on disk', code: 'conflict' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('unattributable'));
    warn.mockRestore();
  });
});
