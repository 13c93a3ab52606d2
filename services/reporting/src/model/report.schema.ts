import { Schema } from 'mongoose';
import type { ReportContent } from '../core/types.js';

export type ReportBackend = 'EMBEDDED' | 'LLM';

/** PRIVATE: its author and the workspace's admins; WORKSPACE: every member of the workspace. */
export type ReportVisibility = 'PRIVATE' | 'WORKSPACE';

/** A generated report, stored whole in one write: content, its renderings and what it drew on. */
export interface ReportDoc {
  _id: string;
  workspaceId: string;
  datasetId: string;
  createdAt: Date;
  /**
   * User id of the author; null once that user was erased. Reports stored before sharing existed have
   * no author and no visibility: they were visible to every member and stay so (see `visibilityOf`).
   */
  createdBy?: string | null;
  visibility?: ReportVisibility;
  /** When, by whom and with which note it was last shared; all null while PRIVATE. */
  sharedAt?: Date | null;
  sharedBy?: string | null;
  shareMessage?: string | null;
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
  /** Optimistic concurrency for edits of the content after generation (erasure); sharing does not touch it. */
  rev: number;
}

/** Reports stored before sharing existed carry no visibility; every member saw them, and still does. */
export const visibilityOf = (r: Pick<ReportDoc, 'visibility'>): ReportVisibility => r.visibility ?? 'WORKSPACE';

export const reportSchema = new Schema<ReportDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    datasetId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, default: null },
    visibility: { type: String, enum: ['PRIVATE', 'WORKSPACE'] },
    sharedAt: { type: Date, default: null },
    sharedBy: { type: String, default: null },
    shareMessage: { type: String, default: null },
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
reportSchema.index({ workspaceId: 1, visibility: 1, sharedAt: -1 });
// A user's erasure finds what they wrote or shared.
reportSchema.index({ createdBy: 1 });
reportSchema.index({ sharedBy: 1 });
