import { Schema, type Connection, type Model } from 'mongoose';
import { declareWholeCollectionReads, insertUnique } from '@verbatim/kit';

/** One published version of the privacy policy; versions are never changed, only followed by newer ones. */
export interface PolicyVersionDoc {
  _id: string;
  version: number;
  /** A substantial change is emailed to every user, who must acknowledge it at their next sign-in. */
  substantial: boolean;
  text: { en: string; fr: string };
  summary: { en: string; fr: string };
  publishedAt: Date;
  publishedBy: string;
}

/** The policy-change notice mailed to one user for one version, so its delivery can be followed. */
export interface PolicyNoticeDoc {
  _id: string;
  version: number;
  userId: string;
  mailId: string;
  queuedAt: Date;
}

const versionSchema = new Schema<PolicyVersionDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true, unique: true },
    substantial: { type: Boolean, required: true },
    text: { en: { type: String, required: true }, fr: { type: String, required: true } },
    summary: { en: { type: String, default: '' }, fr: { type: String, default: '' } },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: String, required: true },
  },
  { versionKey: false, collection: 'privacy_policy_versions' },
);
// A handful of versions a year, read whole and ordered here (no sorted query: see the kit's database contract).
declareWholeCollectionReads(versionSchema);

const noticeSchema = new Schema<PolicyNoticeDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    userId: { type: String, required: true },
    mailId: { type: String, required: true },
    queuedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'privacy_policy_notices' },
);
noticeSchema.index({ version: 1 });
noticeSchema.index({ userId: 1 });

export type PrivacyPolicyRepository = ReturnType<typeof createPrivacyPolicyRepository>;

export function createPrivacyPolicyRepository(conn: Connection) {
  const versions = (conn.models['PolicyVersion'] ?? conn.model<PolicyVersionDoc>('PolicyVersion', versionSchema)) as Model<PolicyVersionDoc>;
  const notices = (conn.models['PolicyNotice'] ?? conn.model<PolicyNoticeDoc>('PolicyNotice', noticeSchema)) as Model<PolicyNoticeDoc>;
  return {
    versionsModel: versions,
    noticesModel: notices,
    /** 'duplicate' when another publication took the same version number first (unique index). */
    insertVersion: (doc: PolicyVersionDoc) => insertUnique(versions, doc),
    /** Newest first. */
    history: async () => (await versions.find().lean<PolicyVersionDoc[]>()).sort((a, b) => b.version - a.version),
    byVersion: (version: number) => versions.findOne({ version }).lean<PolicyVersionDoc>(),
    insertNotice: (doc: PolicyNoticeDoc) => insertUnique(notices, doc),
    noticesOf: (version: number) => notices.find({ version }).lean<PolicyNoticeDoc[]>(),
    deleteNoticesOf: async (userId: string) => (await notices.deleteMany({ userId })).deletedCount,
    noticesOfUser: (userId: string) => notices.find({ userId }).lean<PolicyNoticeDoc[]>(),
  };
}
