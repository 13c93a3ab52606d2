import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gatewayUrl, ok } from './graph.js';

/** The gateway's registered partner operations (gateway/trusted-documents/partner.json), by name. */
const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../gateway/trusted-documents/partner.json', import.meta.url)), 'utf8')) as {
  operations: Array<{ id: string; name: string; body: string }>;
};

export interface PartnerOperation {
  /** sha256 of the body: what a partner sends as extensions.persistedQuery.sha256Hash. */
  id: string;
  body: string;
}

export function partnerOperation(name: string): PartnerOperation {
  const op = manifest.operations.find((o) => o.name === name);
  if (!op) throw new Error(`no partner operation ${name} in gateway/trusted-documents/partner.json`);
  return { id: op.id, body: op.body };
}

/** A partner API client of the admin's workspace with these scopes, and a client-credentials token for it. */
export async function createPartnerClient(adminToken: string, workspaceId: string, scopes: string[]): Promise<{ clientId: string; token: string }> {
  const created = (
    await ok<{ createApiClient: { client: { id: string }; clientSecret: string } }>(
      `mutation($i: CreateApiClientInput!) { createApiClient(input: $i) { client { id } clientSecret } }`,
      { i: { workspaceId, name: 'Partner connector', scopes } },
      adminToken,
    )
  ).createApiClient;
  const res = await fetch(new URL('/oauth/token', gatewayUrl()), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${created.client.id}:${created.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
  });
  if (!res.ok) throw new Error(`client-credentials token refused: ${res.status} ${await res.text()}`);
  return { clientId: created.client.id, token: ((await res.json()) as { access_token: string }).access_token };
}
