import { randomUUID } from 'node:crypto';
import { API_SCOPES, notFound, parseInput, requireUser, requireWorkspace, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { ApiClientDoc } from '../model/api-client.repository.js';
import type { IdentityDeps } from './deps.js';
import { revokeSubjectTokens } from './revocation.js';
import { newSecret, secretHash } from './secrets.js';

const createInput = z.object({
  workspaceId: z.uuid('workspaceId must be an id'),
  name: z.string().trim().min(1, 'name is required').max(100, 'name is at most 100 characters'),
  scopes: z.array(z.enum(API_SCOPES, `each scope must be one of ${API_SCOPES.join(', ')}`)).min(1, 'give at least one scope').max(API_SCOPES.length),
});
const revokeInput = z.object({ workspaceId: z.uuid('workspaceId must be an id'), clientId: z.uuid('clientId must be an id') });

/** The secret is returned here once and never again (only its hash is kept). */
export async function createApiClient(deps: IdentityDeps, ctx: RequestContext, raw: unknown) {
  const input = parseInput(createInput, raw);
  const admin = requireWorkspace(ctx, input.workspaceId, 'ADMIN');
  requireUser(ctx);
  const clientSecret = newSecret();
  const client: ApiClientDoc = {
    _id: randomUUID(),
    workspaceId: input.workspaceId,
    name: input.name,
    scopes: [...new Set(input.scopes)],
    secretHash: secretHash(clientSecret),
    createdBy: admin.userId,
    createdAt: new Date(),
    revoked: false,
  };
  await deps.apiClients.insert(client);
  return { client, clientSecret };
}

export async function listApiClients(deps: IdentityDeps, ctx: RequestContext, workspaceId: string) {
  requireWorkspace(ctx, workspaceId, 'ADMIN');
  return deps.apiClients.findByWorkspace(workspaceId);
}

/** Its tokens stop working in every service within seconds; no new ones are issued. */
export async function revokeApiClient(deps: IdentityDeps, ctx: RequestContext, raw: unknown) {
  const input = parseInput(revokeInput, raw);
  requireWorkspace(ctx, input.workspaceId, 'ADMIN');
  const client = await deps.apiClients.findById(input.clientId);
  if (!client || client.workspaceId !== input.workspaceId) throw notFound('The API client');
  if (await deps.apiClients.revoke(client._id, client.workspaceId)) await revokeSubjectTokens(deps, client._id, 'CLIENT_REVOKED');
  return { ...client, revoked: true };
}

export type ClientTokenOutcome =
  | { ok: true; accessToken: string; expiresIn: number; scope: string }
  | { ok: false; error: 'invalid_client' | 'invalid_scope'; description: string };

/**
 * Client credentials (RFC 6749 §4.4): the token lists the client's workspace (as MEMBER), its id
 * (client_id) and the granted scopes, all of them or the subset asked for.
 */
export async function issueClientToken(deps: IdentityDeps, clientId: string, clientSecret: string, requested: string | undefined): Promise<ClientTokenOutcome> {
  const client = z.uuid().safeParse(clientId).success ? await deps.apiClients.findById(clientId) : null;
  if (!client || client.revoked || client.secretHash !== secretHash(clientSecret)) {
    return { ok: false, error: 'invalid_client', description: 'Unknown client, wrong secret, or a revoked client.' };
  }
  const asked = requested?.split(' ').filter(Boolean) ?? client.scopes;
  const refused = asked.filter((s) => !client.scopes.includes(s));
  if (refused.length || !asked.length) return { ok: false, error: 'invalid_scope', description: `Scopes not granted to this client: ${refused.join(' ') || '(none asked)'}.` };
  const scope = [...new Set(asked)].join(' ');
  const { token, expiresAt } = await deps.keys.sign({ subject: client._id, claims: { ws: { [client.workspaceId]: 'MEMBER' }, client_id: client._id, scope } });
  return { ok: true, accessToken: token, expiresIn: Math.round((expiresAt.getTime() - Date.now()) / 1000), scope };
}
