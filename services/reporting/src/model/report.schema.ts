import { Schema } from 'mongoose';
import type { ReportContent } from '../analysis/index.js';

export type ReportBackend = 'EMBEDDED' | 'LLM';

/** A generated report, stored whole in one write: content, its renderings and what it drew on. */
export interface ReportDoc {
  _id: string;
  workspaceId: string;
  datasetId: string;
  createdAt: Date;
  /** The backend that actually produced the content. */
  backend: ReportBackend;
  /** Why the requested backend was not used, when it was not. */
  fallbackReason?: string | null;
  /** Highest dataset version among the responses used. */
  datasetVersion: number;
  /** Responses it draws on; an erased respondent's ids are removed afterwards. */
  responseIds: string[];
  content: ReportContent;
  markdown: string;
  html: string;
  /** Optimistic concurrency for edits after generation (erasure). */
  rev: number;
}

export const reportSchema = new Schema<ReportDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    datasetId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    backend: { type: String, required: true, enum: ['EMBEDDED', 'LLM'] },
    fallbackReason: { type: String, default: null },
    datasetVersion: { type: Number, required: true },
    responseIds: { type: [String], default: [] },
    content: { type: Schema.Types.Mixed, required: true },
    markdown: { type: String, required: true },
    html: { type: String, required: true },
    rev: { type: Number, default: 0 },
  },
  { versionKey: false, collection: 'reports', minimize: false },
);
reportSchema.index({ datasetId: 1, createdAt: -1 });
reportSchema.index({ responseIds: 1 });
