import type { Connection, Model } from 'mongoose';
import { importJobSchema, type ImportJobDoc, type ImportRowError } from './import-job.schema.js';

export type ImportJobRepository = ReturnType<typeof createImportJobRepository>;

export interface ImportProgress {
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
}

export function createImportJobRepository(conn: Connection) {
  const jobs = conn.model<ImportJobDoc>('ImportJob', importJobSchema) as Model<ImportJobDoc>;
  const update = (id: string, from: ImportJobDoc['status'][], set: Partial<ImportJobDoc>) =>
    jobs.findOneAndUpdate({ _id: id, status: { $in: from } }, { $set: set }, { returnDocument: 'after' }).lean<ImportJobDoc>().exec();
  return {
    model: jobs,
    insert: async (job: ImportJobDoc) => {
      await jobs.create(job);
    },
    findById: (id: string) => jobs.findById(id).lean<ImportJobDoc>().exec(),
    findByDataset: (datasetId: string, limit: number) => jobs.find({ datasetId }).sort({ createdAt: -1, _id: 1 }).limit(limit).lean<ImportJobDoc[]>().exec(),
    /** PENDING to RUNNING in one conditional write: of two uploads to one job, only one gets it. */
    claim: (id: string) => {
      const now = new Date();
      return update(id, ['PENDING'], { status: 'RUNNING', startedAt: now, heartbeatAt: now });
    },
    saveProgress: async (id: string, progress: ImportProgress) => {
      await jobs.updateOne({ _id: id, status: 'RUNNING' }, { $set: { ...progress, heartbeatAt: new Date() } });
    },
    heartbeat: async (id: string) => {
      await jobs.updateOne({ _id: id, status: { $in: ['RUNNING', 'COMMITTING'] } }, { $set: { heartbeatAt: new Date() } });
    },
    startCommit: (id: string, progress: ImportProgress) => update(id, ['RUNNING'], { ...progress, status: 'COMMITTING', heartbeatAt: new Date() }),
    setCommitVersion: (id: string, datasetVersion: number, rowsStored: number) => update(id, ['COMMITTING'], { datasetVersion, rowsStored }),
    complete: (id: string) => update(id, ['COMMITTING'], { status: 'COMPLETED', finishedAt: new Date(), heartbeatAt: null }),
    fail: (id: string, progress: Partial<ImportProgress>, errors: ImportRowError[]) =>
      update(id, ['PENDING', 'RUNNING'], { ...progress, errors, status: 'FAILED', finishedAt: new Date(), heartbeatAt: null }),
    /** Jobs a dead process left behind: RUNNING or COMMITTING with no heartbeat since `before`. */
    findAbandoned: (before: Date) =>
      jobs.find({ status: { $in: ['RUNNING', 'COMMITTING'] }, heartbeatAt: { $lt: before } }).limit(100).lean<ImportJobDoc[]>().exec(),
  };
}
