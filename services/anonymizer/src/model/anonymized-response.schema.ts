import { outboxSchemaFields, type OutboxFields } from '@verbatim/kit';
import { Schema } from 'mongoose';

/**
 * The anonymized form of one response, keyed by the response id so a repeated event replaces it.
 * Holds no respondent id (only the keyed pseudonym) and entity counts by type, never the values.
 */
export interface AnonymizedResponseDoc extends OutboxFields {
  _id: string;
  workspaceId: string;
  datasetId: string;
  datasetVersion: number;
  pseudonym: string;
  text: string;
  language: 'fr' | 'en';
  entityCounts: Record<string, number>;
  submittedAt: Date;
  anonymizedAt: Date;
}

export const anonymizedResponseSchema = new Schema<AnonymizedResponseDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    datasetId: { type: String, required: true },
    datasetVersion: { type: Number, required: true },
    pseudonym: { type: String, required: true },
    text: { type: String, required: true },
    language: { type: String, required: true },
    entityCounts: { type: Schema.Types.Mixed, default: {} },
    submittedAt: { type: Date, required: true },
    anonymizedAt: { type: Date, required: true },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'anonymized_responses', minimize: false },
);
anonymizedResponseSchema.index({ pseudonym: 1 });
anonymizedResponseSchema.index({ datasetId: 1 });
