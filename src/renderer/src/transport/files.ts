/**
 * Getting files in and out in both modes. Electron names a dropped file by its path (resolved in the
 * preload); the browser uploads it to the local server first and names it by the upload id. Downloads
 * are a Blob behind an `<a download>`, which works in both.
 */
import type { DuosubBridge, ExportResult, FileSource } from '../../../shared/api';
import { MEDIA_EXTENSIONS } from '../../../shared/media-files';
import { currentPageToken } from './browser';

const MEDIA_EXTENSION_SET: ReadonlySet<string> = new Set(MEDIA_EXTENSIONS);

/** Audio and video attach to the document as media; anything else opens as a document. */
export function isMediaFile(file: { name: string; type?: string }): boolean {
  if (file.type && /^(audio|video)\//.test(file.type)) return true;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  return MEDIA_EXTENSION_SET.has(ext);
}

/**
 * Sends a file to the local server (same origin, cookie auth) and returns its upload id. Media goes with
 * `kind=media`: the server keeps it in the per-user media store, so a project saved with it finds it again.
 */
export async function uploadFile(file: File): Promise<string> {
  const kind = isMediaFile(file) ? '&kind=media' : '';
  const response = await fetch(`/upload?name=${encodeURIComponent(file.name)}${kind}`, {
    method: 'PUT',
    body: file,
    credentials: 'same-origin',
    // The run's token, not the cookie alone: another server on 127.0.0.1 sees that cookie (cookies ignore ports).
    headers: { 'X-Duosub-Token': currentPageToken() ?? '' },
  });
  if (!response.ok) {
    const detail = (await response.text().catch(() => '')).trim();
    throw new Error(`Upload of ${file.name} failed: ${detail || response.status}`);
  }
  const body = (await response.json()) as { uploadId?: unknown };
  if (typeof body.uploadId !== 'string') throw new Error(`Upload of ${file.name} failed: no upload id`);
  return body.uploadId;
}

/** How main should find a file the user dropped or picked in the page. */
export async function sourceForFile(bridge: DuosubBridge, file: File): Promise<FileSource> {
  if (bridge.mode === 'electron' && bridge.pathForFile) {
    const path = bridge.pathForFile(file);
    if (path) return { kind: 'dropped', path };
  }
  return { kind: 'upload', uploadId: await uploadFile(file) };
}

/** An export as main made it: its bytes when the encoding is not UTF-8, else its text. */
export function downloadExport(result: ExportResult): void {
  if (!result.base64) return downloadText(result.fileName, result.text);
  const bytes = Uint8Array.from(atob(result.base64), (c) => c.charCodeAt(0));
  downloadBlob(result.fileName, new Blob([bytes], { type: 'application/octet-stream' }));
}

export function downloadText(fileName: string, text: string, type = 'application/x-subrip'): void {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export { projectFileName } from '../../../shared/formats/duosub';
