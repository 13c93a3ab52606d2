import type { AccessRevoked } from '@verbatim/contracts';

/** What a deny list needs to know of a verified token. */
export interface TokenIdentity {
  sub: string;
  /** Session (refresh-token family) id; API client tokens have none. */
  sid?: string | undefined;
  /** Issue time in seconds since the epoch, with milliseconds (identity signs a fractional iat). */
  iat: number;
}

/**
 * Revocations identity announced (identity.access-revoked.v1), held in memory by every process: a
 * revoked session's tokens, and a user's or client's tokens issued before a moment, are refused until
 * they would have expired anyway (`until`), after which the entry is forgotten.
 */
export interface DenyList {
  add(revocation: AccessRevoked): void;
  /** Why the token is refused, or null. */
  check(token: TokenIdentity): 'revoked' | null;
  /** A revoked staff access grant: tokens carrying it stay valid, but it opens nothing any more. */
  grantRevoked(grantId: string): boolean;
  readonly size: number;
}

export function createDenyList(now: () => number = Date.now): DenyList {
  const sessions = new Map<string, number>();
  const subjects = new Map<string, { notBefore: number; until: number }>();
  const grants = new Map<string, number>();
  let nextSweep = 0;

  const sweep = () => {
    const t = now();
    if (t < nextSweep) return;
    nextSweep = t + 60_000;
    for (const [id, until] of sessions) if (until < t) sessions.delete(id);
    for (const [id, entry] of subjects) if (entry.until < t) subjects.delete(id);
    for (const [id, until] of grants) if (until < t) grants.delete(id);
  };

  return {
    add(revocation) {
      sweep();
      const until = Date.parse(revocation.until);
      if (until < now()) return;
      if (revocation.target === 'SESSION' || revocation.target === 'GRANT') {
        const map = revocation.target === 'SESSION' ? sessions : grants;
        map.set(revocation.id, Math.max(until, map.get(revocation.id) ?? 0));
        return;
      }
      const previous = subjects.get(revocation.id);
      const notBefore = Date.parse(revocation.notBefore);
      subjects.set(revocation.id, { notBefore: Math.max(notBefore, previous?.notBefore ?? 0), until: Math.max(until, previous?.until ?? 0) });
    },
    check(token) {
      if (token.sid !== undefined && sessions.has(token.sid)) return 'revoked';
      const subject = subjects.get(token.sub);
      if (subject && token.iat * 1000 < subject.notBefore) return 'revoked';
      return null;
    },
    grantRevoked: (grantId) => grants.has(grantId),
    get size() {
      return sessions.size + subjects.size + grants.size;
    },
  };
}
