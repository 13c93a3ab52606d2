import { randomUUID } from 'node:crypto';
import { AUDIT_ENTRY, type AuditEntry, type ServiceName } from '@verbatim/contracts';
import { Schema, type Connection, type Model } from 'mongoose';
import type { EventBus } from '../kafka/bus.js';
import { outboxOnCreate, outboxSchemaFields, type OutboxEntry, type OutboxFields, type OutboxRelay } from '../mongo/outbox.js';

/**
 * The service's own copy of each audit entry, written before the data is answered; it carries the
 * rights.audit-entry.v1 event in its outbox, so no read is ever answered without its entry reaching
 * rights' audit log. Kept 30 days here (the kit's retention rule `audit-outbox`); rights keeps the log.
 */
interface AuditRecordDoc extends OutboxFields {
  _id: string;
  at: Date;
}

const auditRecordSchema = new Schema<AuditRecordDoc>({ _id: { type: String, required: true }, at: { type: Date, required: true }, ...outboxSchemaFields }, { versionKey: false, collection: 'audit_records' });

export const AUDIT_RECORDS_COLLECTION = 'audit_records';

export type AuditDraft = Omit<AuditEntry, 'entryId' | 'service' | 'at'>;

export interface AuditRecorder {
  record(draft: AuditDraft): Promise<void>;
}

/**
 * An audit entry as an outbox entry, for a service that writes it inside the document whose change it records
 * (e.g. identity's access grants): the change and its entry are then one write.
 */
export function auditEntryEvent(bus: Pick<EventBus, 'envelope'>, service: ServiceName, draft: AuditDraft, at = new Date()): OutboxEntry<typeof AUDIT_ENTRY> {
  const entry: AuditEntry = { entryId: randomUUID(), service, at: at.toISOString(), ...draft };
  const key = draft.workspaceId ?? draft.actorUserId ?? entry.entryId;
  return { topic: AUDIT_ENTRY, key, envelope: bus.envelope(AUDIT_ENTRY, key, entry) };
}

export function createAuditRecorder(deps: { service: ServiceName; conn: Connection; bus: Pick<EventBus, 'envelope'>; relay: OutboxRelay }): AuditRecorder {
  const records = (deps.conn.models['AuditRecord'] ?? deps.conn.model<AuditRecordDoc>('AuditRecord', auditRecordSchema)) as Model<AuditRecordDoc>;
  deps.relay.add(records);
  return {
    async record(draft) {
      const at = new Date();
      const event = auditEntryEvent(deps.bus, deps.service, draft, at);
      const entryId = event.envelope.payload.entryId;
      await records.create({ _id: entryId, at, ...outboxOnCreate([event]) });
      deps.relay.kick({ model: records, ids: [entryId] });
    },
  };
}
