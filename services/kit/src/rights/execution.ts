import { RIGHTS_ACKNOWLEDGED, RIGHTS_OPENED, type ActionCount, type HolderName, type RightsKind, type RightsOutcome, type RightsRequestAcknowledged, type RightsRequestOpened } from '@verbatim/contracts';
import { Schema, type Connection, type Model } from 'mongoose';
import type { EventBus, EventHandler } from '../kafka/bus.js';
import type { Logger } from '../logger.js';
import type { LegalHolds } from '../retention/legal-holds.js';
import { outboxOnCreate, outboxSchemaFields, type OutboxEntry, type OutboxRelay } from '../mongo/outbox.js';
import type { ServiceSigner } from '../signing/service-signer.js';
import { signedAcknowledgement } from './receipt.js';
import { runWithRetries, type RightsRetryPolicy, defaultRightsRetryPolicy } from './retries.js';

/**
 * What one service does for one kind of request, in its own database; returns the proof. Each count is
 * the number of documents the strategy changed in that collection (deleted, updated or anonymized),
 * never the number matched or merely looked at, so the same word means the same thing in every service.
 */
export type RightsStrategy = (request: RightsRequestOpened) => Promise<ActionCount[]>;
export type RightsStrategies = Partial<Record<RightsKind, RightsStrategy>>;

/** A holder's stored answer to one request. */
export interface RightsReceipt {
  _id: string;
  kind: RightsKind;
  subjectType: RightsRequestOpened['subjectType'];
  /** Absent on receipts written before FAILED answers existed: those are DONE. */
  outcome?: RightsOutcome;
  counts: ActionCount[];
  executedAt: Date;
  /** FAILED only: the last error's code (never its message). */
  errorCode?: string | null;
  attempts?: number;
  /** The signed receipt (compact JWS, see signedAcknowledgement): names the subject by digest only. */
  signed?: string;
}

/**
 * The receipt is this service's proof that it executed a request: counts only, no subject id, kept
 * five years. It also carries the acknowledgement in its outbox, so proof and ack are one write.
 */
const receiptSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    subjectType: { type: String, required: true },
    outcome: { type: String, enum: ['DONE', 'FAILED'] },
    counts: { type: [new Schema({ collection: String, action: String, count: Number }, { _id: false, suppressReservedKeysWarning: true })], default: [] },
    executedAt: { type: Date, required: true },
    errorCode: { type: String, default: null },
    attempts: { type: Number },
    signed: { type: String },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'rights_receipts', suppressReservedKeysWarning: true },
);

export function receiptModel(conn: Connection): Model<any> {
  return (conn.models['RightsReceipt'] ?? conn.model('RightsReceipt', receiptSchema)) as Model<any>;
}

/**
 * The acknowledgement of a receipt, with the receipt signed by this holder: rights accepts nothing else.
 * FAILED carries the error's code (signed too) and the attempts made.
 */
function acknowledgementOf(signer: ServiceSigner, service: HolderName, request: RightsRequestOpened, receipt: Omit<RightsReceipt, '_id'>): Promise<RightsRequestAcknowledged> {
  return signedAcknowledgement(signer, service, request, receipt.outcome ?? 'DONE', receipt.counts, new Date(receipt.executedAt), {
    ...(receipt.outcome === 'FAILED' && receipt.errorCode ? { errorCode: receipt.errorCode } : {}),
    ...(receipt.attempts ? { attempts: receipt.attempts } : {}),
  });
}

export interface RightsHandlerDeps {
  service: HolderName;
  conn: Connection;
  bus: EventBus;
  relay: OutboxRelay;
  strategies: RightsStrategies;
  log: Logger;
  signer: ServiceSigner;
  retry?: RightsRetryPolicy;
  /** The retention holds of this service: the subject of an open request is kept from the sweeps while it runs. */
  holds?: LegalHolds;
}

/**
 * Handles rights.request-opened.v1: runs the strategy (every strategy is idempotent: deleting or
 * flagging what is already gone changes nothing), then records the receipt with its acknowledgement.
 * The receipt's counts are documents changed per collection (see RightsStrategy).
 * - A transient failure (database or broker outage, revision conflict) is retried here with backoff
 *   for the policy's budget (minutes), heart-beating so the partition is kept; then the holder answers
 *   FAILED with the last error's code. A permanent one (see isPermanentError) answers FAILED at once.
 *   Either way the holder never stays silent.
 * - A request naming `holders` (rights re-asking, or retrying a FAILED holder) is for those only.
 * - Asked again after a DONE answer, the holder sends the same answer again (rights never saw it);
 *   after a FAILED one, it runs the strategy again and a DONE replaces the FAILED receipt.
 * A service with nothing to do still acknowledges, with empty counts: the request needs every holder's word.
 */
export function createRightsHandler(deps: RightsHandlerDeps): EventHandler<typeof RIGHTS_OPENED> {
  const receipts = receiptModel(deps.conn);
  const policy = deps.retry ?? defaultRightsRetryPolicy;
  const log = deps.log.child({ component: 'rights' });
  // The acknowledgement leaves through the receipt's outbox, so the relay must watch receipts.
  deps.relay.add(receipts);
  return async (event, ctx) => {
    const request = event.payload;
    if (request.holders && !request.holders.includes(deps.service)) return;
    const previous = await receipts.findById(request.requestId).lean<RightsReceipt>();
    if (previous && (previous.outcome ?? 'DONE') === 'DONE') {
      // The same signed receipt again: rights may have missed it, and refuses it as a replay if not.
      const again = await acknowledgementOf(deps.signer, deps.service, request, previous);
      await deps.bus.publish(RIGHTS_ACKNOWLEDGED, request.requestId, previous.signed ? { ...again, executedAt: new Date(previous.executedAt).toISOString(), receipt: previous.signed } : again);
      log.info({ requestId: request.requestId }, 'rights request asked again; same answer sent again');
      return;
    }
    // While this holder answers (retries included), a retention sweep must not delete what the answer is about.
    // An erasure deletes anyway: holding its subject would only leave the id behind.
    const hold = deps.holds && request.kind !== 'ERASURE' ? { holdId: `request:${request.requestId}`, subjectType: request.subjectType, subjectId: request.subjectId } : null;
    if (hold) await deps.holds!.apply({ ...hold, held: true });
    try {
      await answer(request, previous, ctx);
    } finally {
      if (hold) await deps.holds!.apply({ ...hold, held: false });
    }
  };

  async function answer(request: RightsRequestOpened, previous: RightsReceipt | null, ctx: Parameters<EventHandler<typeof RIGHTS_OPENED>>[1]): Promise<void> {
    // Portability is an access limited to the portable fields (accessStrategy knows both).
    const strategy = deps.strategies[request.kind] ?? (request.kind === 'PORTABILITY' ? deps.strategies.ACCESS : undefined);
    const result = await runWithRetries(() => (strategy ? strategy(request) : Promise.resolve([])), policy, ctx.heartbeat, (attempt, errorCode, delayMs) =>
      log.warn({ requestId: request.requestId, kind: request.kind, attempt, errorCode, delayMs }, 'rights strategy failed; retrying'),
    );
    const receipt: Omit<RightsReceipt, '_id'> = {
      kind: request.kind,
      subjectType: request.subjectType,
      outcome: result.outcome,
      counts: result.counts,
      executedAt: new Date(),
      errorCode: result.errorCode ?? null,
      attempts: result.attempts,
    };
    const payload = await acknowledgementOf(deps.signer, deps.service, request, receipt);
    receipt.signed = payload.receipt;
    const ack = deps.bus.envelope(RIGHTS_ACKNOWLEDGED, request.requestId, payload);
    const entry: OutboxEntry = { topic: RIGHTS_ACKNOWLEDGED, key: request.requestId, envelope: ack };
    if (previous) {
      // Replaces the FAILED answer (and any of its events not yet relayed: this answer supersedes it).
      await receipts.updateOne({ _id: request.requestId, outcome: 'FAILED' }, { $set: { ...receipt, outbox: [entry], outboxPending: true }, $inc: { outboxSeq: 1 } });
    } else {
      await receipts.updateOne({ _id: request.requestId }, { $setOnInsert: { ...receipt, ...outboxOnCreate([entry]) } }, { upsert: true });
    }
    deps.relay.kick({ model: receipts, ids: [request.requestId] });
    if (result.outcome === 'FAILED') log.error({ requestId: request.requestId, kind: request.kind, attempts: result.attempts, errorCode: result.errorCode }, 'rights request FAILED');
  }
}

/**
 * When even recording the answer failed until the bus gave the message up to the dead-letter topic (the
 * database stayed down), the holder still answers: FAILED, straight to the topic (the database is what
 * failed), so the request shows the failure and can be retried instead of waiting for ever.
 */
export function rightsDeadLetterHandler(deps: Pick<RightsHandlerDeps, 'service' | 'bus' | 'signer'>) {
  return async (event: { payload: RightsRequestOpened }): Promise<void> => {
    const request = event.payload;
    if (request.holders && !request.holders.includes(deps.service)) return;
    await deps.bus.publish(RIGHTS_ACKNOWLEDGED, request.requestId, await signedAcknowledgement(deps.signer, deps.service, request, 'FAILED', [], new Date(), { errorCode: 'DEAD_LETTERED' }));
  };
}
