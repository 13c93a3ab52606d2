import type { TokenVerifier } from '@verbatim/kit';

/**
 * Who calls, as far as the gateway's own rules go (introspection, trusted documents, rate-limit keys).
 * The subgraphs verify the token again and decide every access themselves; a token that fails here
 * (expired, forged) makes an anonymous caller, whose request the subgraphs then refuse with the reason.
 */
export type Caller = { kind: 'anonymous' } | { kind: 'user'; userId: string } | { kind: 'client'; clientId: string };

export async function identifyCaller(verifier: TokenVerifier, authorization: string | undefined): Promise<Caller> {
  const { principal } = await verifier.context(authorization);
  if (!principal) return { kind: 'anonymous' };
  return principal.client ? { kind: 'client', clientId: principal.client.clientId } : { kind: 'user', userId: principal.userId };
}
