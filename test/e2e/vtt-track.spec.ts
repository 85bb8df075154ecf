/**
 * Duosub's WebVTT reader against Chromium's: each tricky file under test/fixtures/formats/vtt/ is loaded into a
 * `<video>` with a default `<track>`, and `track.cues` (order, id, times, rendered text, whole-cue voice,
 * settings) must equal Duosub's reading of the same bytes. No app build: the page and the files come from a
 * made-up origin through `page.route` (a track needs a same-origin or CORS source).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { parseVtt, serializeVtt } from '../../src/shared/formats/vtt';
import { plainText } from '../../src/shared/text/markup';
import { parseCueSettings } from '../../src/shared/formats/vtt-timing';
import type { VttCueExtra } from '../../src/shared/formats/vtt-extra';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/formats/vtt');
const ORIGIN = 'http://duosub-vtt.test';

interface SeenCue {
  id: string;
  start: number;
  end: number;
  text: string;
  voice: string | null;
  line: number | 'auto';
  snapToLines: boolean;
  position: number | 'auto';
  size: number;
  align: string;
  vertical: string;
}

/** The little of the DOM the page code uses (the Node typecheck has no DOM library). */
interface PageCue {
  id: string;
  startTime: number;
  endTime: number;
  line: number | 'auto';
  snapToLines: boolean;
  position: number | 'auto';
  size: number;
  align: string;
  vertical: string;
  getCueAsHTML(): { childNodes: { length: number }; firstChild: { getAttribute?(name: string): string | null } | null; textContent: string | null };
}
interface PageElement {
  append(child: unknown): void;
  remove(): void;
  addEventListener(type: string, listener: () => void): void;
}
interface PageTrack extends PageElement {
  kind: string;
  default: boolean;
  src: string;
  track: { cues: ArrayLike<PageCue> | null };
}
interface PageDocument {
  createElement(tag: string): PageElement;
  body: PageElement;
}

async function chromiumCues(page: Page, name: string): Promise<{ loaded: string; cues: SeenCue[] }> {
  return page.evaluate(async (src) => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    const video = doc.createElement('video');
    const track = doc.createElement('track') as PageTrack;
    track.kind = 'subtitles';
    track.default = true;
    track.src = src;
    video.append(track);
    doc.body.append(video);
    const loaded = await new Promise<string>((done) => {
      track.addEventListener('load', () => done('load'));
      track.addEventListener('error', () => done('error'));
    });
    const cues = Array.from(track.track.cues ?? []).map((cue) => {
      const html = cue.getCueAsHTML();
      // A voice covering the whole cue renders as the fragment's only node: <span title="Name">.
      const only = html.childNodes.length === 1 ? html.firstChild : null;
      const title = only?.getAttribute?.('title') ?? null;
      // Duosub makes a speaker only of a named voice, its name trimmed and spaces collapsed (Chromium keeps
      // the raw annotation in `title`, which it never shows).
      const voice = title?.trim().replace(/\s+/g, ' ') || null;
      return {
        id: cue.id, start: Math.round(cue.startTime * 1000), end: Math.round(cue.endTime * 1000), text: html.textContent ?? '', voice,
        line: cue.line, snapToLines: cue.snapToLines, position: cue.position, size: cue.size, align: cue.align, vertical: cue.vertical,
      };
    });
    video.remove();
    return { loaded, cues };
  }, `${ORIGIN}/${name}`);
}

function duosubCues(bytes: Buffer): SeenCue[] {
  const { doc } = parseVtt(bytes.toString('utf8'), 'x');
  const names = new Map(doc.speakers.map((s) => [s.id, s.name]));
  return doc.cues.map((cue) => {
    const extra = (cue.extra?.vtt ?? {}) as VttCueExtra;
    const settings = parseCueSettings(extra.settings ?? '');
    return {
      id: extra.id ?? '', start: cue.start, end: cue.end, text: plainText(cue.text.x), voice: cue.speaker ? names.get(cue.speaker)! : null,
      line: settings.line, snapToLines: settings.snapToLines, position: settings.position, size: settings.size, align: settings.align,
      vertical: settings.vertical,
    };
  });
}

function rewritten(name: string): string {
  return serializeVtt(parseVtt(readFileSync(join(FIXTURES, name), 'utf8'), 'x').doc);
}

const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.vtt')).sort();

test.describe('WebVTT read as Chromium reads it', () => {
  test.beforeEach(async ({ page }) => {
    await page.route(`${ORIGIN}/**`, (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name === '') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>vtt</title><body></body>' });
      // `/written/NAME`: the fixture read by Duosub and written back.
      if (name.startsWith('written/')) return route.fulfill({ contentType: 'text/vtt', body: rewritten(name.slice('written/'.length)) });
      return route.fulfill({ contentType: 'text/vtt', body: readFileSync(join(FIXTURES, name)) });
    });
    await page.goto(`${ORIGIN}/`);
  });

  test('the fixtures are there', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const name of files) {
    test(name, async ({ page }) => {
      const seen = await chromiumCues(page, name);
      expect(seen.loaded).toBe('load');
      expect(seen.cues.length).toBeGreaterThan(0);
      expect(duosubCues(readFileSync(join(FIXTURES, name)))).toEqual(seen.cues);
      // What Duosub writes back shows the same cues in the browser.
      const again = await chromiumCues(page, `written/${name}`);
      expect(again.cues).toEqual(seen.cues);
    });
  }
});
