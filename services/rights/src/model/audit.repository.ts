import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { auditSchema, type AuditDoc } from './audit.schema.js';

export type AuditRepository = ReturnType<typeof createAuditRepository>;
export type AuditEntry = Omit<AuditDoc, '_id' | 'requestId' | 'holdId' | 'reference' | 'service'> & Partial<Pick<AuditDoc, 'requestId' | 'holdId' | 'reference' | 'service'>>;

export function createAuditRepository(conn: Connection) {
  const audit = (conn.models['RightsAudit'] ?? conn.model<AuditDoc>('RightsAudit', auditSchema)) as Model<AuditDoc>;
  return {
    model: audit,
    async record(entry: AuditEntry): Promise<void> {
      await audit.create({ _id: randomUUID(), requestId: null, holdId: null, reference: null, service: null, ...entry });
    },
    /** Newest first. */
    findByWorkspace: (workspaceId: string) => audit.find({ workspaceId }).sort({ at: -1 }).lean<AuditDoc[]>(),
    /** An erased subject is named by their digest only, here as in the request's proof. */
    digestSubject: async (subjectType: AuditDoc['subjectType'], subjectId: string, subjectDigest: string) =>
      (await audit.updateMany({ subjectType, subjectId }, { $set: { subjectId: null, subjectDigest } })).modifiedCount,
  };
}
