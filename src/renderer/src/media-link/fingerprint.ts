/**
 * The fingerprint of a media file the user picked, computed in the page the way main computes it (peaks-cache.ts:
 * size, and sha256 of the first 64 KB), so a located file is checked against the project's record before upload.
 */
import type { MediaReference } from '../../../shared/model';

const HEAD_BYTES = 64 * 1024;

export interface Fingerprint {
  size: number;
  headHash: string;
}

/** Null when the page cannot hash (no WebCrypto): the file is then taken on the user's word. */
export async function fingerprintOf(file: Blob): Promise<Fingerprint | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', await file.slice(0, HEAD_BYTES).arrayBuffer());
  const headHash = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return { size: file.size, headHash };
}

/** 'same': what the project recorded; 'differs': something else; 'unknown': nothing to compare (older project, no hash). */
export function compareMedia(recorded: MediaReference, picked: Fingerprint | null): 'same' | 'differs' | 'unknown' {
  if (!picked || recorded.size === undefined || recorded.headHash === undefined) return 'unknown';
  return recorded.size === picked.size && recorded.headHash === picked.headHash ? 'same' : 'differs';
}

/** "12.4 MB" — enough to tell two files apart at a glance. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** What differs, for the question: sizes when they differ, else the start of the content. */
export function describeDifference(recorded: MediaReference, picked: Fingerprint): string {
  if (recorded.size !== undefined && recorded.size !== picked.size) {
    return `the project's file was ${formatSize(recorded.size)}, this one is ${formatSize(picked.size)}`;
  }
  return 'same size, but its content differs (hash of its start)';
}

/** The file name the project refers to (its path may be relative, or Windows-style). */
export function referencedName(media: MediaReference): string {
  return media.path.split(/[/\\]/).pop() || media.path;
}
