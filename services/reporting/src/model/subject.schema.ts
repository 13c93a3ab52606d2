import { Schema } from 'mongoose';

/**
 * What reporting must respect about one respondent. Only respondents with a restriction or an
 * objection on record have a document; absence means "no limitation".
 */
export interface SubjectDoc {
  /** subjectKey(workspaceId, respondentId): a request naming another workspace's respondent matches nothing. */
  _id: string;
  /** Art. 18 restriction: kept, but left out of new reports. */
  restricted: boolean;
  /** Art. 21 objection: ANALYSIS consent withdrawn; left out of new reports. */
  analysisWithdrawn: boolean;
  /** AI_PROCESSING consent withdrawn: left out of reports sent to an LLM subprocessor. */
  aiProcessingWithdrawn: boolean;
  /** Art. 21/22 objections recorded through a rights request (ANALYSIS, AI_PROCESSING, ...); absent: none. */
  objections?: string[];
  updatedAt: Date;
}

export const subjectSchema = new Schema<SubjectDoc>(
  {
    _id: { type: String, required: true },
    restricted: { type: Boolean, default: false },
    analysisWithdrawn: { type: Boolean, default: false },
    aiProcessingWithdrawn: { type: Boolean, default: false },
    objections: { type: [String], default: undefined },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'subjects' },
);
