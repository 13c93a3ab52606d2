import { randomUUID } from 'node:crypto';
import { conflict, notFound, parseInput, unauthenticated, type WorkspaceRole } from '@verbatim/kit';
import { z } from 'zod';
import type { UserDoc } from '../model/user.schema.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import type { IdentityDeps } from './deps.js';

export const registerInput = z.object({
  firstName: z.string().trim().min(1, 'firstName is required').max(100, 'firstName is at most 100 characters'),
  email: z.string().trim().toLowerCase().pipe(z.email('email must be a valid email address')).refine((e) => e.length <= 254, 'email is too long'),
  password: z.string().min(12, 'password must have at least 12 characters').max(256, 'password is at most 256 characters'),
});

export const loginInput = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(256) });


export async function workspaceRoles(deps: IdentityDeps, userId: string): Promise<Record<string, WorkspaceRole>> {
  const roles: Record<string, WorkspaceRole> = {};
  for (const ws of await deps.workspaces.findByMember(userId)) {
    const m = ws.members.find((x) => x.userId === userId);
    if (m) roles[ws._id] = m.role;
  }
  return roles;
}

export async function issueToken(deps: IdentityDeps, user: UserDoc) {
  const { token, expiresAt } = await deps.keys.sign(user._id, await workspaceRoles(deps, user._id));
  return { accessToken: token, expiresAt: expiresAt.toISOString(), user };
}

export async function register(deps: IdentityDeps, raw: unknown) {
  const input = parseInput(registerInput, raw);
  const user: UserDoc = {
    _id: randomUUID(),
    firstName: input.firstName,
    email: input.email,
    passwordHash: await hashPassword(input.password),
    restricted: false,
    createdAt: new Date(),
  };
  if ((await deps.users.insert(user)) === 'duplicate') throw conflict('An account with this email already exists: log in instead.');
  return issueToken(deps, user);
}

export async function login(deps: IdentityDeps, raw: unknown) {
  const input = parseInput(loginInput, raw);
  const user = await deps.users.findByEmail(input.email);
  const ok = await verifyPassword(user?.passwordHash ?? decoyHash, input.password);
  if (!user || !ok) throw unauthenticated('Wrong email or password.');
  return issueToken(deps, user);
}

export async function getUser(deps: IdentityDeps, userId: string): Promise<UserDoc> {
  const user = await deps.users.findById(userId);
  if (!user) throw notFound('The user');
  return user;
}
