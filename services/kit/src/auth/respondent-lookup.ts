import { jwtVerify, type JWTVerifyGetKey } from 'jose';

/**
 * Identity asks ingestion which respondent an email names in a workspace (identity issues respondents'
 * sessions; ingestion holds respondents). The question is a JWS signed by identity's token keys, for
 * ingestion's audience only, so no other service accepts it as an access token and no one else can ask.
 */
export const RESPONDENT_LOOKUP_ROUTE = '/internal/respondent-lookup';
export const RESPONDENT_LOOKUP_TYPE = 'respondent-lookup+jwt';
export const RESPONDENT_LOOKUP_AUDIENCE = 'verbatim-ingestion';

/** The claims of a lookup besides the standard ones (sub is "identity"). */
export interface RespondentLookupClaims {
  ws: string;
  email: string;
}

/** Ingestion's answer: the oldest respondent with that email in the workspace, or null. */
export interface RespondentLookupAnswer {
  respondentId: string | null;
}

/** The question's claims if `token` is a lookup identity signed for ingestion; throws otherwise. */
export async function verifyRespondentLookup(token: string, keys: JWTVerifyGetKey, issuer: string): Promise<RespondentLookupClaims> {
  const { payload } = await jwtVerify(token, keys, { issuer, audience: RESPONDENT_LOOKUP_AUDIENCE, typ: RESPONDENT_LOOKUP_TYPE, algorithms: ['EdDSA'], clockTolerance: 5 });
  if (typeof payload['ws'] !== 'string' || typeof payload['email'] !== 'string') throw new Error('respondent lookup lacks ws or email');
  return { ws: payload['ws'], email: payload['email'] };
}
