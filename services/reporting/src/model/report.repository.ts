import type { Connection, Model } from 'mongoose';
import { reportSchema, type ReportDoc } from './report.schema.js';

export type ReportRepository = ReturnType<typeof createReportRepository>;

export function createReportRepository(conn: Connection) {
  const reports = (conn.models['Report'] ?? conn.model<ReportDoc>('Report', reportSchema)) as Model<ReportDoc>;
  return {
    model: reports,
    /** The whole report in one insert: a failure stores nothing. */
    async insert(doc: ReportDoc): Promise<void> {
      await reports.create(doc);
    },
    findById: (id: string) => reports.findById(id).lean<ReportDoc>(),
    findByDataset: (datasetId: string) => reports.find({ datasetId }).sort({ createdAt: -1, _id: 1 }).lean<ReportDoc[]>(),
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
  };
}
