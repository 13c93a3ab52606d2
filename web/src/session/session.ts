import { useSyncExternalStore } from 'react';

/**
 * The signed-in person's short-lived access token, in this page's memory only. The refresh token never
 * reaches page scripts: identity keeps it in an httpOnly cookie (/session/login), and the page asks
 * /session/refresh for a new access token before this one expires, after a reload, and when the graph
 * refuses one; each call repeats the readable CSRF cookie in the x-csrf-token header.
 */
export interface Session {
  accessToken: string;
  expiresAt: string;
  userId: string;
}

/** restoring: a reload, while the refresh cookie is exchanged for an access token. */
export type SessionState = { status: 'restoring' } | { status: 'signed-out' } | { status: 'signed-in'; session: Session };

export interface SessionProblem {
  code: string;
  message: string;
}

const CSRF_COOKIE = '__Host-vb_csrf';
/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 60_000;

const listeners = new Set<() => void>();
let state: SessionState = { status: 'signed-out' };
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | undefined;

function publish(next: SessionState) {
  state = next;
  clearTimeout(refreshTimer);
  if (next.status === 'signed-in') {
    const wait = Math.max(Date.parse(next.session.expiresAt) - Date.now() - REFRESH_AHEAD_MS, 5_000);
    refreshTimer = setTimeout(() => void refresh(), wait);
  }
  for (const listener of listeners) listener();
}

function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE && value.length) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

type SessionAnswer = { accessToken: string; expiresAt: string; userId: string };

async function post(path: string, body?: unknown): Promise<{ ok: true; answer: SessionAnswer } | { ok: false; problem: SessionProblem }> {
  const csrf = csrfToken();
  try {
    const res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: JSON.stringify(body ?? {}),
    });
    const json = (await res.json().catch(() => ({}))) as Partial<SessionAnswer> & { errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (res.ok && typeof json.accessToken === 'string') return { ok: true, answer: json as SessionAnswer };
    const first = json.errors?.[0];
    return { ok: false, problem: { code: first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', message: first?.message ?? `HTTP ${res.status}` } };
  } catch {
    return { ok: false, problem: { code: 'NETWORK', message: 'The server could not be reached.' } };
  }
}

const signedIn = (answer: SessionAnswer) => publish({ status: 'signed-in', session: answer });

/** A new access token from the refresh cookie; false (and signed out) when the session has ended. One call at a time. */
function refresh(): Promise<boolean> {
  refreshing ??= post('/session/refresh')
    .then((result) => {
      if (result.ok) signedIn(result.answer);
      else publish({ status: 'signed-out' });
      return result.ok;
    })
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

export const session = {
  get: (): Session | undefined => (state.status === 'signed-in' ? state.session : undefined),
  state: (): SessionState => state,
  /** Signs in with email and password; the refresh token is set as a cookie by the answer. */
  async signIn(credentials: { email: string; password: string }): Promise<SessionProblem | undefined> {
    const result = await post('/session/login', credentials);
    if (!result.ok) return result.problem;
    signedIn(result.answer);
    return undefined;
  },
  refresh,
  /** A new token for the same person (e.g. after creating a workspace, whose id the token must list). */
  replaceToken: (accessToken: string, expiresAt?: string) => {
    if (state.status === 'signed-in') publish({ status: 'signed-in', session: { ...state.session, accessToken, expiresAt: expiresAt ?? state.session.expiresAt } });
  },
  /** Ends the session on the server (the refresh token is revoked and its cookie cleared), then here. */
  async signOut(): Promise<void> {
    if (state.status === 'signed-in') await post('/session/logout').catch(() => undefined);
    publish({ status: 'signed-out' });
  },
  /** Forgets the session here only (the graph refused the token and no refresh could replace it). */
  forget: () => publish({ status: 'signed-out' }),
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// A reload keeps the person signed in while the refresh cookie is valid: its CSRF twin tells us one exists.
if (typeof document !== 'undefined' && csrfToken()) {
  state = { status: 'restoring' };
  void refresh();
}

/**
 * The privacy-policy version the access token says the person must acknowledge first (its `pa` claim), read
 * for display only: every subgraph enforces it from the verified token.
 */
export function policyVersionToAcknowledge(accessToken: string): number | undefined {
  try {
    const payload = JSON.parse(atob(accessToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { pa?: unknown };
    return typeof payload.pa === 'number' ? payload.pa : undefined;
  } catch {
    return undefined;
  }
}

export const useSession = (): Session | undefined => useSyncExternalStore(session.subscribe, session.get);
export const useSessionState = (): SessionState => useSyncExternalStore(session.subscribe, session.state);
