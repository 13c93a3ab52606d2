import { useSyncExternalStore } from 'react';

/** The signed-in person's access token, kept for this browser tab only (sessionStorage). */
export interface Session {
  accessToken: string;
  expiresAt: string;
  userId: string;
  firstName: string;
}

const storageKey = 'verbatim.session';
const listeners = new Set<() => void>();

function read(): Session | undefined {
  const raw = sessionStorage.getItem(storageKey);
  if (!raw) return undefined;
  try {
    const session = JSON.parse(raw) as Session;
    return Date.parse(session.expiresAt) > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

let current = read();

function publish(next: Session | undefined) {
  current = next;
  if (next) sessionStorage.setItem(storageKey, JSON.stringify(next));
  else sessionStorage.removeItem(storageKey);
  for (const listener of listeners) listener();
}

export const session = {
  get: (): Session | undefined => current,
  signIn: (next: Session) => publish(next),
  /** A new token for the same person (e.g. after creating a workspace, whose id the token must list). */
  replaceToken: (accessToken: string, expiresAt?: string) => {
    if (current) publish({ ...current, accessToken, expiresAt: expiresAt ?? current.expiresAt });
  },
  signOut: () => publish(undefined),
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export const useSession = (): Session | undefined => useSyncExternalStore(session.subscribe, session.get);
