/** The window's side of media that stays linked: it fingerprints a located file as main does; the save message. */
import { describe, expect, it } from 'vitest';
import { compareMedia, describeDifference, fingerprintOf } from '../../../src/renderer/src/media-link/fingerprint';
import { savedMessage } from '../../../src/renderer/src/session/saved-message';

/** sha256 (hex) by the platform's own WebCrypto, independently of the code under test's slicing. */
async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('locating media', () => {
  it('fingerprints a picked file by its size and the hash of its first 64 KB, and compares it with the record', async () => {
    for (const size of [10, 64 * 1024, 200_000]) {
      const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 5) % 251);
      const picked = await fingerprintOf(new Blob([bytes]));
      expect(picked).toEqual({ size, headHash: await sha256(bytes.subarray(0, 64 * 1024)) });
      expect(compareMedia({ path: 'x', ...picked! }, picked)).toBe('same');
      expect(compareMedia({ path: 'x', ...picked!, size: size + 1 }, picked)).toBe('differs');
      expect(compareMedia({ path: 'x', ...picked!, headHash: 'f'.repeat(64) }, picked)).toBe('differs');
      expect(compareMedia({ path: 'x' }, picked)).toBe('unknown'); // an older project: taken as chosen
    }
  });

  it('says what differs', () => {
    const recorded = { path: 'a.opus', size: 2_000_000, headHash: 'a'.repeat(64) };
    expect(describeDifference(recorded, { size: 1_000_000, headHash: 'a'.repeat(64) })).toBe("the project's file was 1.9 MB, this one is 976.6 KB");
    expect(describeDifference(recorded, { size: 2_000_000, headHash: 'b'.repeat(64) })).toMatch(/content differs/);
  });
});

describe('the save message', () => {
  it('names the folder main wrote to', () => {
    expect(savedMessage({ fileName: 'a.duosub.json', path: '/home/u/Duosub/a.duosub.json' })).toBe('Saved a.duosub.json in /home/u/Duosub');
    expect(savedMessage({ fileName: 'a.duosub.json', path: 'C:\\Users\\u\\a.duosub.json' }, true)).toBe('Autosaved a.duosub.json in C:\\Users\\u');
    expect(savedMessage({ fileName: 'a.duosub.json' })).toBe('Saved a.duosub.json');
  });
});
