import { Schema } from 'mongoose';

export type ImportFormat = 'CSV' | 'JSON' | 'NDJSON';
/** COMMITTING is internal (shown as RUNNING): the rows are being made visible, and a sweep finishes it. */
export type ImportStatus = 'PENDING' | 'RUNNING' | 'COMMITTING' | 'COMPLETED' | 'FAILED';

/** CSV header names chosen by the client; a missing one means "the field's own name". */
export interface ImportColumns {
  externalId?: string | null;
  email?: string | null;
  name?: string | null;
  text?: string | null;
  consentRef?: string | null;
  submittedAt?: string | null;
}

/** Why a row or the file was refused. `line` is null when the whole file is at fault. */
export interface ImportRowError {
  line: number | null;
  field: string | null;
  reason: string;
}

export interface ImportJobDoc {
  _id: string;
  workspaceId: string;
  datasetId: string;
  /** Who created the job; only ids, never personal data. */
  createdBy: string;
  format: ImportFormat;
  columns: ImportColumns | null;
  status: ImportStatus;
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  errors: ImportRowError[];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Written while the import runs; a RUNNING job without a recent one belongs to a dead process. */
  heartbeatAt: Date | null;
  /** The dataset version the rows were given when the commit began. */
  datasetVersion: number | null;
}

const rowError = new Schema<ImportRowError>(
  { line: { type: Number, default: null }, field: { type: String, default: null }, reason: { type: String, required: true } },
  { _id: false },
);

export const importJobSchema = new Schema<ImportJobDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    datasetId: { type: String, required: true },
    createdBy: { type: String, required: true },
    format: { type: String, enum: ['CSV', 'JSON', 'NDJSON'], required: true },
    columns: { type: Schema.Types.Mixed, default: null },
    status: { type: String, enum: ['PENDING', 'RUNNING', 'COMMITTING', 'COMPLETED', 'FAILED'], required: true },
    rowsRead: { type: Number, default: 0 },
    rowsStored: { type: Number, default: 0 },
    rowsRejected: { type: Number, default: 0 },
    errors: { type: [rowError], default: [] },
    createdAt: { type: Date, required: true },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
    heartbeatAt: { type: Date, default: null },
    datasetVersion: { type: Number, default: null },
  },
  // `errors` is a reserved name in mongoose documents; this collection is only read lean.
  { versionKey: false, collection: 'import_jobs', suppressReservedKeysWarning: true },
);
importJobSchema.index({ datasetId: 1, createdAt: -1 });
importJobSchema.index({ status: 1, heartbeatAt: 1 });
