import { request as httpsRequest } from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import type { RightsRequestDoc } from '../model/request.schema.js';
import type { TransmissionReceipt } from '../model/portability-delivery.schema.js';
import type { RightsDeps } from './deps.js';
import { portabilityArchive, portabilityReady } from './portability.js';
import { DESTINATION_REFUSED, DESTINATION_UNREACHABLE, trustedCas } from './portability-destination.js';

/** The JWS `typ` of an archive sent to another controller: verify it with rights' /.well-known/proof-keys.json. */
export const PORTABILITY_TRANSFER_TYP = 'portability-transfer+jwt';
const ATTEMPT_TIMEOUT_MS = 10_000;
const MAX_RECEIPT_BODY = 4_096;

interface Answer {
  status: number | null;
  body: string | null;
}

/** One POST of the signed archive (application/jose); a network failure is an answer with no status. */
function post(url: string, jws: string, trustedCa: string | undefined): Promise<Answer> {
  return new Promise((resolve) => {
    const ca = trustedCas(trustedCa);
    const req = httpsRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/jose', 'content-length': Buffer.byteLength(jws) }, timeout: ATTEMPT_TIMEOUT_MS, ...(ca ? { ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_RECEIPT_BODY) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_RECEIPT_BODY) }));
        res.on('error', () => resolve({ status: null, body: null }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: null, body: null }));
    req.end(jws);
  });
}

/** Worth trying again: no answer, a server error, or the receiver asking to wait. */
const retryable = (a: Answer) => a.status === null || a.status >= 500 || a.status === 408 || a.status === 429;

/**
 * Sends a ready archive to the destination the person named, as one JWS signed with rights' key
 * (claims: requestId, archiveSha256, files, and the zip as base64), with retries and exponential
 * backoff, then stores the receiver's answer as the receipt. Runs when the request completes and when
 * its last section arrives (whichever is later finds it ready); the claim lets only one of them send.
 */
export async function transmitWhenReady(deps: RightsDeps, request: RightsRequestDoc): Promise<void> {
  if (request.kind !== 'PORTABILITY' || !request.destination) return;
  if (!(await portabilityReady(deps, request))) return;
  await deps.deliveries.ensure(request._id, request.destination);
  if (!(await deps.deliveries.claimTransmission(request._id))) return;
  const archive = await portabilityArchive(deps, request);
  const jws = await deps.signer.sign(
    { requestId: request._id, format: 'verbatim-portability/v1', archiveSha256: archive.sha256, files: archive.files, archive: Buffer.from(archive.zip).toString('base64') },
    { typ: PORTABILITY_TRANSFER_TYP },
  );
  const { attempts: max, retryBaseMs } = deps.portability;
  let answer: Answer = { status: null, body: null };
  let attempts = 0;
  while (attempts < max) {
    attempts++;
    answer = await post(request.destination, jws, deps.portability.trustedCa);
    if (!retryable(answer) || attempts === max) break;
    deps.log.warn({ requestId: request._id, attempt: attempts, status: answer.status }, 'portability transmission failed; retrying');
    await delay(retryBaseMs * 2 ** (attempts - 1));
  }
  const delivered = answer.status !== null && answer.status >= 200 && answer.status < 300;
  const receipt: TransmissionReceipt = {
    attempts,
    receiverStatus: answer.status,
    receiverBody: answer.body,
    errorCode: delivered ? null : answer.status === null ? DESTINATION_UNREACHABLE : DESTINATION_REFUSED,
    archiveSha256: archive.sha256,
    at: new Date(),
  };
  await deps.deliveries.recordTransmission(request._id, receipt);
  deps.log.info({ requestId: request._id, attempts, receiverStatus: answer.status, delivered }, 'portability transmission finished');
}

/** The completion event's handler: the request may have become ready. */
export async function onRequestCompleted(deps: RightsDeps, requestId: string): Promise<void> {
  const request = await deps.requests.findById(requestId);
  if (request) await transmitWhenReady(deps, request);
}
