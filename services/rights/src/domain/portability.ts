import { HOLDERS } from '@verbatim/contracts';
import { badInput, localProofKeys, parseInput, ProofRejected, verifyServiceProof, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { PortabilityDeliveryDoc, TransmissionReceipt } from '../model/portability-delivery.schema.js';
import type { RightsRequestDoc } from '../model/request.schema.js';
import { buildPortabilityArchive, type PortabilityArchive } from './portability-archive.js';
import { checkReachable, parseDestination } from './portability-destination.js';
import type { RightsDeps } from './deps.js';
import { getRequest, openRequest } from './requests.js';

/** The JWS `typ` of a download link, and the gateway path it is served at (`<path>/<link>`). */
export const PORTABILITY_LINK_TYP = 'portability-link+jwt';
export const PORTABILITY_DOWNLOAD_PATH = '/portability/archives';

const portabilityInput = z.object({ destination: z.string().trim().min(1, 'destination must not be empty').max(2_000).nullish() });

/**
 * Portability (Art. 20): every holder sends its portable fields (consent or contract, provided by the
 * person, see isPortable) as an access section; the archive is then downloaded once through a signed
 * link, or sent to the HTTPS endpoint of the controller the person names. A destination that is not
 * HTTPS or does not answer over verified TLS is refused before anything is opened.
 */
export async function openPortability(deps: RightsDeps, ctx: RequestContext, raw: unknown): Promise<RightsRequestDoc> {
  const { destination } = parseInput(portabilityInput, raw);
  let url: URL | null = null;
  if (destination) {
    url = parseDestination(destination);
    await checkReachable(url, deps.portability.trustedCa);
  }
  return openRequest(deps, ctx, 'PORTABILITY', raw, { doc: { destination: url?.href ?? null } });
}

/** Ready when every holder acknowledged and every section arrived (sections and acks travel on separate topics). */
export async function portabilityReady(deps: RightsDeps, request: RightsRequestDoc): Promise<boolean> {
  if (request.status !== 'COMPLETED' || !request.completedAt) return false;
  const arrived = new Set((await deps.sections.findByRequest(request._id)).map((s) => s.service));
  return HOLDERS.every((h) => arrived.has(h));
}

export async function portabilityArchive(deps: RightsDeps, request: RightsRequestDoc): Promise<PortabilityArchive> {
  const sections = await deps.sections.findByRequest(request._id);
  return buildPortabilityArchive(
    { id: request._id, subjectType: request.subjectType, requestedAt: new Date(request.requestedAt), completedAt: new Date(request.completedAt!) },
    sections.map(({ service, receivedAt, collections }) => ({ service, receivedAt, collections })),
  );
}

export type PortabilityStatus = 'PREPARING' | 'READY' | 'DOWNLOADED' | 'EXPIRED' | 'SENDING' | 'DELIVERED' | 'FAILED';

export interface PortabilityOutcome {
  request: RightsRequestDoc;
  status: PortabilityStatus;
  /** READY only: the gateway path of the single download. */
  downloadPath: string | null;
  expiresAt: Date | null;
  destination: string | null;
  transmission: TransmissionReceipt | null;
}

const linkExpiry = (deps: RightsDeps, request: RightsRequestDoc) => new Date(new Date(request.completedAt!).getTime() + deps.portability.linkTtlMs);

function statusOf(ready: boolean, request: RightsRequestDoc, delivery: PortabilityDeliveryDoc | null, expiresAt: Date): PortabilityStatus {
  if (!ready) return 'PREPARING';
  if (request.destination) return delivery?.transmission ? (delivery.transmission.errorCode ? 'FAILED' : 'DELIVERED') : 'SENDING';
  if (delivery?.downloadedAt) return 'DOWNLOADED';
  return expiresAt.getTime() <= Date.now() ? 'EXPIRED' : 'READY';
}

/** What became of a portability request, for whoever may see it: the link while it is valid, or the receiver's answer. */
export async function portabilityOutcome(deps: RightsDeps, ctx: RequestContext, rawId: unknown): Promise<PortabilityOutcome> {
  const request = await getRequest(deps, ctx, rawId);
  if (request.kind !== 'PORTABILITY') throw badInput(`Request ${request._id} is a ${request.kind} request; portabilityOutcome reads PORTABILITY requests only.`);
  const ready = await portabilityReady(deps, request);
  const delivery = await deps.deliveries.findById(request._id);
  const expiresAt = ready ? linkExpiry(deps, request) : null;
  const status = statusOf(ready, request, delivery, expiresAt ?? new Date(0));
  let downloadPath: string | null = null;
  if (status === 'READY') {
    const link = await deps.signer.sign({ rid: request._id, exp: Math.floor(expiresAt!.getTime() / 1000) }, { typ: PORTABILITY_LINK_TYP });
    downloadPath = `${PORTABILITY_DOWNLOAD_PATH}/${link}`;
  }
  return { request, status, downloadPath, expiresAt: status === 'READY' ? expiresAt : null, destination: request.destination ?? null, transmission: delivery?.transmission ?? null };
}

/** Why a link gives no archive; each a stable code with an HTTP status. */
export type DownloadRefusal = { status: 404 | 409 | 410; code: 'LINK_INVALID' | 'LINK_EXPIRED' | 'ALREADY_DOWNLOADED' | 'NOT_READY'; message: string };

/**
 * The archive behind a link, taken once: the link must verify (rights' signature, not expired), the
 * request must be ready, and the single download must still be there. The archive is built before the
 * download is taken, so a failure to build leaves it available.
 */
export async function takeArchive(deps: RightsDeps, link: string): Promise<{ archive: PortabilityArchive } | { refused: DownloadRefusal }> {
  let requestId: string;
  try {
    const claims = await verifyServiceProof(link, localProofKeys(deps.signer.jwks()), { service: 'rights', typ: PORTABILITY_LINK_TYP });
    requestId = String(claims['rid']);
  } catch (err) {
    if (err instanceof ProofRejected && err.reason === 'ERR_JWT_EXPIRED') {
      return { refused: { status: 410, code: 'LINK_EXPIRED', message: 'This download link has expired; open a new portability request.' } };
    }
    return { refused: { status: 404, code: 'LINK_INVALID', message: 'This is not a valid download link.' } };
  }
  const request = await deps.requests.findById(requestId);
  if (!request || request.kind !== 'PORTABILITY' || request.destination) return { refused: { status: 404, code: 'LINK_INVALID', message: 'This is not a valid download link.' } };
  if (!(await portabilityReady(deps, request))) return { refused: { status: 409, code: 'NOT_READY', message: 'The archive is not ready yet; follow the request with portabilityOutcome.' } };
  // The stored completion time decides too, not only the link's own exp claim.
  if (linkExpiry(deps, request).getTime() <= Date.now()) return { refused: { status: 410, code: 'LINK_EXPIRED', message: 'This download link has expired; open a new portability request.' } };
  const archive = await portabilityArchive(deps, request);
  await deps.deliveries.ensure(request._id, null);
  if (!(await deps.deliveries.takeDownload(request._id))) {
    return { refused: { status: 410, code: 'ALREADY_DOWNLOADED', message: 'This archive was already downloaded; a link works once. Open a new portability request for another copy.' } };
  }
  deps.log.info({ requestId: request._id, bytes: archive.zip.length }, 'portability archive downloaded');
  return { archive };
}
