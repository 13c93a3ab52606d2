import { createHmac } from 'node:crypto';

export type Pseudonymizer = (workspaceId: string, respondentId: string) => string;

/**
 * `R-` + the first 12 hex of HMAC-SHA256(key, "workspaceId:respondentId"). Keyed, so nobody without the
 * key can link a pseudonym back to a respondent id; deterministic, so rights requests find the same
 * subject again; scoped to the workspace, so a request naming another workspace's respondent finds nothing.
 */
export function createPseudonymizer(keyHex: string): Pseudonymizer {
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new Error('the pseudonym key must be 64 hexadecimal characters');
  const key = Buffer.from(keyHex, 'hex');
  return (workspaceId, respondentId) => `R-${createHmac('sha256', key).update(`${workspaceId}:${respondentId}`, 'utf8').digest('hex').slice(0, 12)}`;
}

/**
 * Keys of a dataset's pseudonym table: HMAC-SHA256(key, "table:datasetId:value"), 32 hex. The stored
 * table holds no name, and one dataset's digests say nothing about another's.
 */
export function createTableDigest(keyHex: string, datasetId: string): (value: string) => string {
  const key = Buffer.from(keyHex, 'hex');
  return (value) => createHmac('sha256', key).update(`table:${datasetId}:${value}`, 'utf8').digest('hex').slice(0, 32);
}
