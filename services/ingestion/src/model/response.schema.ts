import { outboxSchemaFields, type OutboxFields } from '@verbatim/kit';
import { Schema } from 'mongoose';

export type PipelineState = 'FORWARDED' | 'HELD';

/** A raw response. Its response-received event lives in its outbox, so storing and announcing are one write. */
export interface ResponseDoc extends OutboxFields {
  _id: string;
  workspaceId: string;
  datasetId: string;
  respondentId: string;
  text: string;
  consentRef: string;
  submittedAt: Date;
  receivedAt: Date;
  /** The dataset's version after the batch that added this response; re-forwarded events repeat it. */
  datasetVersion: number;
  pipelineState: PipelineState;
}

export const responseSchema = new Schema<ResponseDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    datasetId: { type: String, required: true },
    respondentId: { type: String, required: true },
    text: { type: String, required: true },
    consentRef: { type: String, required: true },
    submittedAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    datasetVersion: { type: Number, required: true },
    pipelineState: { type: String, enum: ['FORWARDED', 'HELD'], required: true },
    ...outboxSchemaFields,
  },
  { versionKey: false, collection: 'responses' },
);
responseSchema.index({ datasetId: 1, submittedAt: -1 });
responseSchema.index({ respondentId: 1 });
