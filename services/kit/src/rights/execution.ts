import { RIGHTS_ACKNOWLEDGED, RIGHTS_OPENED, type ActionCount, type HolderName, type RightsKind, type RightsRequestOpened } from '@verbatim/contracts';
import { Schema, type Connection, type Model } from 'mongoose';
import type { EventBus, EventHandler } from '../kafka/bus.js';
import { outboxOnCreate, outboxSchemaFields, type OutboxRelay } from '../mongo/outbox.js';

/**
 * What one service does for one kind of request, in its own database; returns the proof. Each count is
 * the number of documents the strategy changed in that collection (deleted, updated or anonymized),
 * never the number matched or merely looked at, so the same word means the same thing in every service.
 */
export type RightsStrategy = (request: RightsRequestOpened) => Promise<ActionCount[]>;
export type RightsStrategies = Partial<Record<RightsKind, RightsStrategy>>;

/**
 * The receipt is this service's proof that it executed a request: counts only, no subject id, kept
 * five years. It also carries the acknowledgement in its outbox, so proof and ack are one write.
 */
const receiptSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    subjectType: { type: String, required: true },
    counts: { type: [new Schema({ collection: String, action: String, count: Number }, { _id: false, suppressReservedKeysWarning: true })], default: [] },
    executedAt: { type: Date, required: true },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'rights_receipts', suppressReservedKeysWarning: true },
);

export function receiptModel(conn: Connection): Model<any> {
  return (conn.models['RightsReceipt'] ?? conn.model('RightsReceipt', receiptSchema)) as Model<any>;
}

/**
 * Handles rights.request-opened.v1: runs the strategy (every strategy is idempotent: deleting or
 * flagging what is already gone changes nothing), then records the receipt with its acknowledgement.
 * The receipt's counts are documents changed per collection (see RightsStrategy). A strategy that throws
 * (e.g. RevisionConflictError) records no receipt and sends no acknowledgement: the bus redelivers it.
 * A service with nothing to do still acknowledges, with empty counts: the request needs every holder's word.
 */
export function createRightsHandler(deps: {
  service: HolderName;
  conn: Connection;
  bus: EventBus;
  relay: OutboxRelay;
  strategies: RightsStrategies;
}): EventHandler<typeof RIGHTS_OPENED> {
  const receipts = receiptModel(deps.conn);
  // The acknowledgement leaves through the receipt's outbox, so the relay must watch receipts.
  deps.relay.add(receipts);
  return async (event) => {
    const request = event.payload;
    // Portability is an access limited to the portable fields (accessStrategy knows both).
    const strategy = deps.strategies[request.kind] ?? (request.kind === 'PORTABILITY' ? deps.strategies.ACCESS : undefined);
    const counts = strategy ? await strategy(request) : [];
    const executedAt = new Date();
    const ack = deps.bus.envelope(RIGHTS_ACKNOWLEDGED, request.requestId, {
      requestId: request.requestId,
      service: deps.service,
      kind: request.kind,
      outcome: 'DONE',
      counts,
      executedAt: executedAt.toISOString(),
    });
    await receipts.updateOne(
      { _id: request.requestId },
      {
        $setOnInsert: {
          kind: request.kind,
          subjectType: request.subjectType,
          counts,
          executedAt,
          ...outboxOnCreate([{ topic: RIGHTS_ACKNOWLEDGED, key: request.requestId, envelope: ack }]),
        },
      },
      { upsert: true },
    );
    deps.relay.kick({ model: receipts, ids: [request.requestId] });
  };
}
