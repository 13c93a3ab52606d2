import type { Connection, Model } from 'mongoose';
import { insertUnique } from '@verbatim/kit';
import type { ConsentPurpose } from './consent.schema.js';
import { consentNoticeSchema, type ConsentNoticeDoc } from './notice.schema.js';

export type ConsentNoticeRepository = ReturnType<typeof createConsentNoticeRepository>;

export function createConsentNoticeRepository(conn: Connection) {
  const notices = (conn.models['ConsentNotice'] ?? conn.model<ConsentNoticeDoc>('ConsentNotice', consentNoticeSchema)) as Model<ConsentNoticeDoc>;
  return {
    model: notices,
    /** 'duplicate' when another publication took this version first. */
    insert: (doc: ConsentNoticeDoc) => insertUnique(notices, doc),
    latest: (workspaceId: string) => notices.findOne({ workspaceId }).sort({ version: -1 }).lean<ConsentNoticeDoc>(),
    /** The newest version that changed `purpose` after `version`, if any: a consent given under `version` is then outdated. */
    changedSince: (workspaceId: string, purpose: ConsentPurpose, version: number) =>
      notices.findOne({ workspaceId, purposes: purpose, version: { $gt: version } }).sort({ version: -1 }).lean<ConsentNoticeDoc>(),
    findByWorkspace: (workspaceId: string, limit: number) => notices.find({ workspaceId }).sort({ version: -1 }).limit(limit).lean<ConsentNoticeDoc[]>(),
    findUnapplied: () => notices.find({ appliedAt: null }).sort({ publishedAt: 1 }).limit(100).lean<ConsentNoticeDoc[]>(),
    markApplied: (id: string, outdatedCount: number) => notices.updateOne({ _id: id }, { $set: { appliedAt: new Date() }, $inc: { outdatedCount } }),
  };
}
