import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ConsentEvidence } from '../model/consent.schema.js';

export const MAX_EVIDENCE_TEXT = 20_000;

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The evidence of a consent or a withdrawal: the text shown to the person, and the proof the client keeps
 * (its SHA-256, or a reference to where it is kept; at least one). The text's hash is computed here, so a
 * receipt can name the notice without repeating it.
 */
export const evidenceInput = z
  .object({
    text: z.string().trim().min(1, 'text (the notice or form shown to the person) is required').max(MAX_EVIDENCE_TEXT, `text is at most ${MAX_EVIDENCE_TEXT} characters`),
    proofSha256: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{64}$/, 'proofSha256 must be the SHA-256 of the proof as 64 hexadecimal characters')
      .nullish()
      .transform((v) => v ?? null),
    proofRef: z
      .string()
      .trim()
      .max(500, 'proofRef is at most 500 characters')
      .nullish()
      .transform((v) => (v ? v : null)),
  })
  .refine((e) => e.proofSha256 !== null || e.proofRef !== null, { message: 'give proofSha256 or proofRef: the proof the client keeps of this consent', path: ['proofSha256'] });

export type EvidenceInput = z.infer<typeof evidenceInput>;

export const toEvidence = (input: EvidenceInput): ConsentEvidence => ({ ...input, textSha256: sha256Hex(input.text) });
