/**
 * Who may talk to the browser-mode server. Three secrets-free checks (Host against DNS rebinding, Origin against
 * other sites) and two secrets:
 *
 * - the per-run token T, printed by `npm run web` in the URL. Any request may carry it in `?token=`; the API
 *   WebSocket must (the page keeps T in its own origin's localStorage, see transport/browser.ts).
 * - a separate session cookie S, set when T is shown, that lets the page load its scripts, worker, media and
 *   uploads (elements cannot add headers or queries). Cookies ignore ports, so every other server on 127.0.0.1
 *   the browser visits receives S: S is therefore not T, and S alone cannot open the API socket.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Verdict = { ok: true; viaQuery: boolean } | { ok: false; status: 400 | 403; reason: string };

/** `new URL()` throws on request targets Node's parser lets through (`//`, `http://a:b:c/`): null then. */
export function parseRequestUrl(target: string | undefined): URL | null {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Hashing first gives equal lengths, so timingSafeEqual compares without leaking the length either. */
function secretMatcher(secret: string): (candidate: string | null | undefined) => boolean {
  const expected = sha256(secret);
  return (candidate) => typeof candidate === 'string' && candidate.length < 1024 && timingSafeEqual(sha256(candidate), expected);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** Where a script (not an element) may show T instead of the cookie: fetch() can set a header. */
export const TOKEN_HEADER = 'x-duosub-token';

function tokenHeader(req: IncomingMessage): string | undefined {
  const value = req.headers[TOKEN_HEADER];
  return typeof value === 'string' ? value : undefined;
}

export interface Guard {
  readonly token: string;
  cookieName(): string;
  /** The Set-Cookie value that lets this browser load the page's resources. */
  sessionCookie(): string;
  /** Any HTTP request: host, origin, then T in the query or the X-Duosub-Token header, or the session cookie. */
  checkRequest(req: IncomingMessage, url: URL): Verdict;
  /** The API socket: host, origin and T in the query; the cookie alone is not enough. */
  checkApiSocket(req: IncomingMessage, url: URL): Verdict;
  /** Uploads: host, origin and T in the X-Duosub-Token header (the page's fetch sets it); a leaked cookie cannot fill the disk. */
  checkUpload(req: IncomingMessage): Verdict;
}

export function createGuard(getPort: () => number): Guard {
  const token = randomBytes(32).toString('base64url');
  const session = randomBytes(32).toString('base64url');
  const isToken = secretMatcher(token);
  const isSession = secretMatcher(session);
  // Port in the name: two instances on one machine must not overwrite each other's cookie.
  const cookieName = () => `duosub_session_${getPort()}`;

  function checkPlace(req: IncomingMessage): Verdict | null {
    const port = getPort();
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!hosts.includes(req.headers.host ?? '')) return { ok: false, status: 403, reason: 'Forbidden: wrong host' };
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) {
      return { ok: false, status: 403, reason: 'Forbidden: wrong origin' };
    }
    return null;
  }
  const refused: Verdict = { ok: false, status: 403, reason: 'Forbidden: open the URL with the token that `npm run web` printed' };

  return {
    token,
    cookieName,
    sessionCookie: () => `${cookieName()}=${session}; Path=/; HttpOnly; SameSite=Strict`,
    checkRequest(req, url) {
      const wrongPlace = checkPlace(req);
      if (wrongPlace) return wrongPlace;
      if (isToken(url.searchParams.get('token'))) return { ok: true, viaQuery: true };
      if (isToken(tokenHeader(req))) return { ok: true, viaQuery: false };
      if (isSession(readCookie(req.headers.cookie, cookieName()))) return { ok: true, viaQuery: false };
      return refused;
    },
    checkApiSocket(req, url) {
      const wrongPlace = checkPlace(req);
      if (wrongPlace) return wrongPlace;
      return isToken(url.searchParams.get('token')) ? { ok: true, viaQuery: true } : refused;
    },
    checkUpload(req) {
      const wrongPlace = checkPlace(req);
      if (wrongPlace) return wrongPlace;
      return isToken(tokenHeader(req)) ? { ok: true, viaQuery: false } : refused;
    },
  };
}
