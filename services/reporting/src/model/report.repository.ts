import type { Connection, Model } from 'mongoose';
import { reportSchema, type ReportDoc } from './report.schema.js';

export type ReportRepository = ReturnType<typeof createReportRepository>;

/** Who is reading: admins see every report of the workspace, members their own and the shared ones. */
export interface ReportViewer {
  userId: string;
  admin: boolean;
}

/** A report visible to every member: shared, or stored before sharing existed (no visibility field). */
const SHARED = { visibility: { $ne: 'PRIVATE' as const } };

const visibleTo = (viewer: ReportViewer | undefined) => (!viewer || viewer.admin ? {} : { $or: [SHARED, { createdBy: viewer.userId }] });

const NEWEST = { createdAt: -1, _id: 1 } as const;

export function createReportRepository(conn: Connection) {
  const reports = (conn.models['Report'] ?? conn.model<ReportDoc>('Report', reportSchema)) as Model<ReportDoc>;
  return {
    model: reports,
    /** The whole report in one insert: a failure stores nothing. */
    async insert(doc: ReportDoc): Promise<void> {
      await reports.create(doc);
    },
    findById: (id: string) => reports.findById(id).lean<ReportDoc>(),
    /** The dataset's reports, newest first; with a viewer, only those that viewer may see. */
    findByDataset: (datasetId: string, viewer?: ReportViewer) => reports.find({ datasetId, ...visibleTo(viewer) }).sort(NEWEST).lean<ReportDoc[]>(),
    /** Reports every member of the workspace sees, most recently shared first. */
    findSharedInWorkspace: (workspaceId: string) =>
      reports.find({ workspaceId, ...SHARED }).sort({ sharedAt: -1, ...NEWEST }).lean<ReportDoc[]>(),
    async workspaceOfDataset(datasetId: string): Promise<string | undefined> {
      return (await reports.findOne({ datasetId }, { workspaceId: 1 }).lean<Pick<ReportDoc, 'workspaceId'>>())?.workspaceId;
    },
    /** Reports whose responseIds contain any of the given ids. */
    findDrawingOn: (responseIds: string[]) => reports.find({ responseIds: { $in: responseIds } }).lean<ReportDoc[]>(),
    /** Writes the edited parts if nobody changed the report since `rev` was read; false means read again. */
    async replaceContent(id: string, rev: number, fields: Pick<ReportDoc, 'responseIds' | 'content' | 'markdown' | 'html'>): Promise<boolean> {
      const r = await reports.updateOne({ _id: id, rev }, { $set: fields, $inc: { rev: 1 } });
      return r.modifiedCount === 1;
    },
    /**
     * PRIVATE -> WORKSPACE in one write. `author` restricts the write to a report still written by that
     * user (a member acting as author); null when nothing matched (already shared, or changed meanwhile).
     */
    share: (id: string, author: string | null, fields: { sharedAt: Date; sharedBy: string; shareMessage: string | null }) =>
      reports
        .findOneAndUpdate(
          { _id: id, visibility: 'PRIVATE', ...(author ? { createdBy: author } : {}) },
          { $set: { visibility: 'WORKSPACE', ...fields } },
          { returnDocument: 'after' },
        )
        .lean<ReportDoc>(),
    /** Shared -> PRIVATE in one write, clearing the share; same `author` guard as `share`. */
    unshare: (id: string, author: string | null) =>
      reports
        .findOneAndUpdate(
          { _id: id, ...SHARED, ...(author ? { createdBy: author } : {}) },
          { $set: { visibility: 'PRIVATE', sharedAt: null, sharedBy: null, shareMessage: null } },
          { returnDocument: 'after' },
        )
        .lean<ReportDoc>(),
    /** Ids of the reports the user wrote or shared, in one workspace or (null) in all. */
    async idsAuthoredOrSharedBy(userId: string, workspaceId: string | null): Promise<string[]> {
      const docs = await reports
        .find({ $or: [{ createdBy: userId }, { sharedBy: userId }], ...(workspaceId ? { workspaceId } : {}) }, { _id: 1 })
        .lean<Array<Pick<ReportDoc, '_id'>>>();
      return docs.map((d) => d._id);
    },
    /** Clears the user's authorship of one report; true if it was theirs. */
    async clearAuthor(id: string, userId: string): Promise<boolean> {
      return (await reports.updateOne({ _id: id, createdBy: userId }, { $set: { createdBy: null } })).modifiedCount === 1;
    },
    /** Clears who shared one report, and the note they wrote with it; the report stays shared. */
    async clearSharer(id: string, userId: string): Promise<boolean> {
      return (await reports.updateOne({ _id: id, sharedBy: userId }, { $set: { sharedBy: null, shareMessage: null } })).modifiedCount === 1;
    },
  };
}
