/**
 * The Electron shell's rules, checked without Electron (its binary cannot be downloaded here): which links leave
 * the app, which dev URL an unpackaged run loads, which media URLs and dropped paths pass, and what closing the
 * window with unsaved changes does for each answer.
 */
import { describe, expect, it } from 'vitest';
import {
  answerOf, closePrompt, closeSteps, needsClosePrompt, settleClose,
  type CloseEffects, type DirtyDocument,
} from '../../src/main/close-guard';
import { projectFileName } from '../../src/shared/formats/duosub';
import {
  CRASH_RELOAD_INTERVAL_MS, devRendererUrl, DroppedPathGrants, isAllowedExternalUrl, isSameOrigin, isTrustedFrame, mediaTokenOf,
  originOf, shouldReloadAfterCrash, type OwnWindow, type SenderFrame,
} from '../../src/main/shell-policy';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://ffmpeg.org/download.html',
    'https://www.ffmpeg.org/',
    'https://FFMPEG.org/about',
  ])('lets %s open in the browser', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['http on a listed host', 'http://ffmpeg.org/'],
    ['an unlisted host', 'https://example.com/'],
    ['a look-alike suffix', 'https://ffmpeg.org.evil.example/'],
    ['a look-alike prefix', 'https://evilffmpeg.org/'],
    ['a subdomain not listed', 'https://trac.ffmpeg.org/'],
    ['credentials before the host', 'https://user:pw@ffmpeg.org/'],
    ['a host hidden behind credentials', 'https://ffmpeg.org@evil.example/'],
    ['a port', 'https://ffmpeg.org:8443/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>1</script>'],
    ['a custom handler', 'ms-msdt:/id PCWDiagnostic'],
    ['the app itself', 'app://duosub/index.html'],
    ['not a URL', 'ffmpeg.org'],
    ['an empty string', ''],
  ])('refuses %s', (_why, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses what is not a string, and overlong URLs', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false);
    expect(isAllowedExternalUrl({ toString: () => 'https://ffmpeg.org/' })).toBe(false);
    expect(isAllowedExternalUrl(`https://ffmpeg.org/${'a'.repeat(3000)}`)).toBe(false);
  });

  it('honours the list it is given', () => {
    expect(isAllowedExternalUrl('https://example.com/x', ['example.com'])).toBe(true);
    expect(isAllowedExternalUrl('https://ffmpeg.org/', ['example.com'])).toBe(false);
  });
});

describe('isSameOrigin', () => {
  it('knows app:// pages as ours (Node gives such URLs the opaque origin "null")', () => {
    expect(new URL('app://duosub/index.html').origin).toBe('null'); // why originOf exists
    expect(originOf('app://duosub/index.html')).toBe('app://duosub');
    expect(isSameOrigin('app://duosub/index.html', 'app://duosub')).toBe(true);
    expect(isSameOrigin('app://duosub/assets/x.js?y#z', 'app://duosub')).toBe(true);
    expect(isSameOrigin('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
  });

  it.each([
    ['another host on the scheme', 'app://other/index.html'],
    ['another scheme', 'https://duosub/index.html'],
    ['an opaque URL', 'data:text/html,hi'],
    ['about:blank', 'about:blank'],
    ['a file', 'file:///etc/passwd'],
    ['not a URL', 'duosub'],
  ])('refuses %s', (_why, url) => {
    expect(isSameOrigin(url, 'app://duosub')).toBe(false);
  });

  it('keeps ports apart, and never matches two opaque origins', () => {
    expect(isSameOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isSameOrigin('data:text/html,a', 'data:text/html,b')).toBe(false);
  });
});

describe('isTrustedFrame', () => {
  const own: OwnWindow = { contentsId: 1, mainFrame: { processId: 7, frameToken: 'top' } };
  const top: SenderFrame = { contentsId: 1, frame: { isTopFrame: true, processId: 7, frameToken: 'top', url: 'app://duosub/index.html' } };
  const variant = (frame: Partial<NonNullable<SenderFrame['frame']>>, contentsId = 1): SenderFrame => ({ contentsId, frame: { ...top.frame!, ...frame } });

  it("trusts our window's top frame on our page", () => {
    expect(isTrustedFrame(top, own, 'app://duosub')).toBe(true);
  });

  it.each([
    ['a sub-frame', variant({ isTopFrame: false })],
    ['another webContents', variant({}, 2)],
    ['a frame of another process', variant({ processId: 8 })],
    ['a frame from before a navigation', variant({ frameToken: 'old' })],
    ['another origin', variant({ url: 'https://example.com/' })],
    ['a gone frame', { contentsId: 1, frame: null }],
  ])('refuses %s', (_why, sender) => {
    expect(isTrustedFrame(sender, own, 'app://duosub')).toBe(false);
  });

  it('refuses everything once the window is gone', () => {
    expect(isTrustedFrame(top, null, 'app://duosub')).toBe(false);
  });
});

describe('devRendererUrl', () => {
  it('is unset: the built renderer, no warning', () => {
    expect(devRendererUrl(undefined, false)).toEqual({ url: null, warning: null });
    expect(devRendererUrl('', false)).toEqual({ url: null, warning: null });
  });

  it.each(['http://localhost:5173', 'http://localhost:5173/', 'http://127.0.0.1:5174/index.html'])('an unpackaged run loads %s', (value) => {
    const choice = devRendererUrl(value, false);
    expect(choice.warning).toBeNull();
    expect(choice.url).toBe(new URL(value).href);
  });

  it('a packaged app never loads it', () => {
    expect(devRendererUrl('http://localhost:5173', true)).toEqual({ url: null, warning: null });
  });

  it.each([
    'https://localhost:5173',
    'http://example.com:5173',
    'http://localhost.evil.example:5173',
    'http://192.168.1.10:5173',
    'http://user:pw@localhost:5173',
    'file:///tmp/index.html',
    'javascript:alert(1)',
    'not a url',
  ])('ignores %s with a warning naming it', (value) => {
    const choice = devRendererUrl(value, false);
    expect(choice.url).toBeNull();
    expect(choice.warning).toContain('ELECTRON_RENDERER_URL');
    expect(choice.warning).toContain(value);
  });
});

describe('mediaTokenOf', () => {
  const token = '0123456789abcdef0123456789abcdef';

  it('reads the token main handed out', () => {
    expect(mediaTokenOf(`duosub-media://${token}`, 'duosub-media')).toBe(token);
    expect(mediaTokenOf(`duosub-media://${token}/`, 'duosub-media')).toBe(token);
  });

  it.each([
    ['another scheme', `app://${token}`],
    ['a path after the token', `duosub-media://${token}/../../etc/passwd`],
    ['an encoded path', `duosub-media://${token}/%2e%2e%2fetc`],
    ['a short token', 'duosub-media://0123abcd'],
    ['not hex', `duosub-media://${'g'.repeat(32)}`],
    ['credentials', `duosub-media://x@${token}`],
    ['a port', `duosub-media://${token}:99`],
    ['no URL at all', token],
  ])('refuses %s', (_why, url) => {
    expect(mediaTokenOf(url, 'duosub-media')).toBeNull();
  });
});

describe('DroppedPathGrants', () => {
  it('knows only the paths it was told of, compared normalised', () => {
    const grants = new DroppedPathGrants();
    expect(grants.has('/home/u/episode.srt')).toBe(false);
    expect(grants.grant('/home/u/episode.srt')).toBe(true);
    expect(grants.has('/home/u/episode.srt')).toBe(true);
    expect(grants.has('/home/u/./episode.srt')).toBe(true);
    expect(grants.has('/home/u/other.srt')).toBe(false);
    expect(grants.has('/home/u/episode.srt/../secret')).toBe(false);
  });

  it.each([['relative', 'episode.srt'], ['empty', ''], ['NUL', '/tmp/a\0b'], ['not a string', 42], ['overlong', `/${'a'.repeat(5000)}`]])(
    'refuses a %s path',
    (_why, path) => {
      const grants = new DroppedPathGrants();
      expect(grants.grant(path)).toBe(false);
      expect(grants.has(path)).toBe(false);
    },
  );

  it('forgets the oldest grant past its limit', () => {
    const grants = new DroppedPathGrants(2);
    grants.grant('/a');
    grants.grant('/b');
    grants.grant('/a'); // re-granted: now the newest
    grants.grant('/c');
    expect([grants.has('/a'), grants.has('/b'), grants.has('/c')]).toEqual([true, false, true]);
  });
});

describe('shouldReloadAfterCrash', () => {
  it('reloads a crashed page, but not a clean exit nor twice within the interval', () => {
    expect(shouldReloadAfterCrash('crashed', null, 1000)).toBe(true);
    expect(shouldReloadAfterCrash('oom', 1000, 1000 + CRASH_RELOAD_INTERVAL_MS)).toBe(true);
    expect(shouldReloadAfterCrash('crashed', 1000, 1000 + CRASH_RELOAD_INTERVAL_MS - 1)).toBe(false);
    expect(shouldReloadAfterCrash('clean-exit', null, 1000)).toBe(false);
  });
});

const saved: DirtyDocument = { docId: 'd1', fileName: 'episode.duosub.json', hasProjectFile: true };
const imported: DirtyDocument = { docId: 'd2', fileName: 'episode.en.srt', hasProjectFile: false };

describe('the close decision', () => {
  it('asks only with unsaved documents and hot exit off', () => {
    expect(needsClosePrompt([], false)).toBe(false);
    expect(needsClosePrompt([], true)).toBe(false);
    expect(needsClosePrompt([saved], true)).toBe(false);
    expect(needsClosePrompt([saved], false)).toBe(true);
  });

  it('names the document, or each of several', () => {
    const one = closePrompt([saved]);
    expect(one.message).toContain('episode.duosub.json');
    expect(one.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect([answerOf(one.defaultId), answerOf(one.cancelId)]).toEqual(['save', 'cancel']);
    const two = closePrompt([saved, imported]);
    expect(two.message).toContain('2 documents');
    expect(two.detail).toContain('episode.duosub.json');
    expect(two.detail).toContain('episode.en.srt');
  });

  it('maps buttons to answers; a dismissed box is Cancel', () => {
    expect([0, 1, 2, 3, -1].map(answerOf)).toEqual(['save', 'dont-save', 'cancel', 'cancel', 'cancel']);
  });

  it.each([
    ['save', [saved], [{ kind: 'save', docId: 'd1', fileName: 'episode.duosub.json' }]],
    ['save', [imported], [{ kind: 'save-as', docId: 'd2', fileName: 'episode.en.srt', suggestedName: 'episode.en.duosub.json' }]],
    ['dont-save', [saved, imported], [{ kind: 'discard', docId: 'd1', fileName: 'episode.duosub.json' }, { kind: 'discard', docId: 'd2', fileName: 'episode.en.srt' }]],
    ['cancel', [saved], null],
  ] as const)('answer %s on %j → %j', (answer, dirty, steps) => {
    expect(closeSteps(dirty, answer)).toEqual(steps);
  });

  it('suggests a project name beside the imported file name', () => {
    expect(projectFileName('talk.srt')).toBe('talk.duosub.json');
    expect(projectFileName('talk.duosub.json')).toBe('talk.duosub.json');
    expect(projectFileName('')).toBe('untitled.duosub.json');
  });
});

/** Fake effects that record what the close did. */
function fakeEffects(dirty: DirtyDocument[], options: { hotExit?: boolean; button?: number; savePath?: string | null; failSave?: string } = {}) {
  const calls: string[] = [];
  const effects: CloseEffects = {
    dirtyDocuments: () => dirty,
    hotExit: async () => options.hotExit ?? false,
    ask: async (prompt) => {
      calls.push(`ask ${prompt.message}`);
      return options.button ?? 0;
    },
    save: async (docId) => {
      calls.push(`save ${docId}`);
      if (options.failSave) throw new Error(options.failSave);
    },
    pickSavePath: async (docId, name) => {
      calls.push(`dialog ${docId} ${name}`);
      return options.savePath === undefined ? `/home/u/${name}` : options.savePath;
    },
    saveAs: async (docId, path) => calls.push(`saveAs ${docId} ${path}`),
    discard: (docId) => calls.push(`discard ${docId}`),
    showError: async (message) => {
      calls.push(`error ${message}`);
    },
  };
  return { effects, calls };
}

describe('settleClose', () => {
  it('closes at once with nothing unsaved', async () => {
    const { effects, calls } = fakeEffects([]);
    expect(await settleClose(effects)).toBe(true);
    expect(calls).toEqual([]);
  });

  it('closes at once with hot exit on, keeping the documents for the journal', async () => {
    const { effects, calls } = fakeEffects([saved, imported], { hotExit: true });
    expect(await settleClose(effects)).toBe(true);
    expect(calls).toEqual([]);
  });

  it('Save: saves the project, and asks where for a document without one', async () => {
    const { effects, calls } = fakeEffects([saved, imported], { button: 0 });
    expect(await settleClose(effects)).toBe(true);
    expect(calls.slice(1)).toEqual(['save d1', 'dialog d2 episode.en.duosub.json', 'saveAs d2 /home/u/episode.en.duosub.json']);
  });

  it("Don't Save: discards each document, then closes", async () => {
    const { effects, calls } = fakeEffects([saved, imported], { button: 1 });
    expect(await settleClose(effects)).toBe(true);
    expect(calls.slice(1)).toEqual(['discard d1', 'discard d2']);
  });

  it('Cancel: keeps the window and touches nothing', async () => {
    const { effects, calls } = fakeEffects([saved], { button: 2 });
    expect(await settleClose(effects)).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('a cancelled save dialog cancels the close', async () => {
    const { effects, calls } = fakeEffects([imported], { button: 0, savePath: null });
    expect(await settleClose(effects)).toBe(false);
    expect(calls.some((c) => c.startsWith('saveAs'))).toBe(false);
  });

  it('a failed save shows the error naming the file and keeps the window, saving nothing after it', async () => {
    const { effects, calls } = fakeEffects([saved, imported], { button: 0, failSave: 'EACCES: permission denied' });
    expect(await settleClose(effects)).toBe(false);
    const error = calls.find((c) => c.startsWith('error'));
    expect(error).toContain('episode.duosub.json');
    expect(error).toContain('EACCES');
    expect(error).toContain('Save As');
    expect(calls.some((c) => c.includes('d2'))).toBe(false);
  });
});
