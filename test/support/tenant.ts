import { randomBytes } from 'node:crypto';
import { ok } from './graph.js';

export interface Tenant {
  userId: string;
  token: string;
  /** The refresh token of the session `token` belongs to. */
  refreshToken: string;
  workspaceId: string;
  email: string;
}

/** Registers a fresh user with their own workspace; each test gets its own tenant. */
export async function createTenant(label: string): Promise<Tenant> {
  const email = `${label}-${randomBytes(4).toString('hex')}@client.example`;
  const reg = await ok<{ register: { accessToken: string; user: { id: string } } }>(
    `mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`,
    { input: { firstName: label, email, password: 'a long enough passphrase' } },
  );
  const login = await ok<{ login: { accessToken: string; refreshToken: string } }>(
    `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`,
    { input: { email, password: 'a long enough passphrase' } },
  );
  const created = await ok<{ createWorkspace: { workspace: { id: string }; accessToken: string } }>(
    `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { workspace { id } accessToken } }`,
    { input: { name: `${label} workspace` } },
    login.login.accessToken,
  );
  return { userId: reg.register.user.id, token: created.createWorkspace.accessToken, refreshToken: login.login.refreshToken, workspaceId: created.createWorkspace.workspace.id, email };
}
