import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';

/** A fresh workspace with an admin, a member and an outsider (admin of another workspace), for one test. */
export interface TestTenant {
  workspaceId: string;
  admin: Principal;
  member: Principal;
  /** ADMIN of a workspace of its own, and nothing here. */
  outsider: Principal;
  /** Another principal of this workspace with the given role. */
  principal(role?: 'ADMIN' | 'MEMBER'): Principal;
}

export function newTenant(): TestTenant {
  const workspaceId = randomUUID();
  const principal = (role: 'ADMIN' | 'MEMBER' = 'MEMBER'): Principal => ({ userId: randomUUID(), workspaces: { [workspaceId]: role }, platformRoles: [] });
  return { workspaceId, admin: principal('ADMIN'), member: principal('MEMBER'), outsider: { userId: randomUUID(), workspaces: { [randomUUID()]: 'ADMIN' }, platformRoles: [] }, principal };
}

/** A signed-in user who belongs to no workspace. */
export const newUser = (): Principal => ({ userId: randomUUID(), workspaces: {}, platformRoles: [] });
