import { randomUUID } from 'node:crypto';
import { badInput, notFound, requireUser, requireWorkspace, requireWorkspaceRead, type OutboxEntry, type RequestContext, parseInput } from '@verbatim/kit';
import { outboxOnCreate } from '@verbatim/kit';
import { z } from 'zod';
import { responseReceivedEntry } from '../events/response-received.js';
import type { DatasetDoc } from '../model/dataset.schema.js';
import type { RespondentDoc } from '../model/respondent.schema.js';
import type { ConsentHold, ResponseDoc } from '../model/response.schema.js';
import { consentCheck, recheckConsentHolds } from './consent-holds.js';
import type { IngestionDeps } from './deps.js';

export const MAX_BATCH = 500;
export const MAX_TEXT = 20_000;

const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${field} is at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

export const responseInput = z.object({
  externalId: z.string().trim().min(1, 'externalId is required').max(200, 'externalId is at most 200 characters'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email('email must be a valid email address').max(254, 'email is too long'))
    .nullish()
    .transform((v) => v ?? null),
  name: optionalText('name', 200),
  text: z
    .string()
    .min(1, 'text is required')
    .max(MAX_TEXT, `text is at most ${MAX_TEXT} characters`)
    .refine((t) => t.trim().length > 0, 'text must not be blank'),
  consentRef: z.string().trim().min(1, 'consentRef is required').max(200, 'consentRef is at most 200 characters'),
  submittedAt: z.iso
    .datetime({ offset: true, message: 'submittedAt must be an ISO 8601 date-time' })
    .nullish()
    .transform((v) => (v ? new Date(v) : null)),
});

export const addResponsesInput = z.object({
  datasetId: z.uuid('datasetId must be a dataset id'),
  responses: z
    .array(responseInput)
    .min(1, 'send at least one response')
    .max(MAX_BATCH, `send at most ${MAX_BATCH} responses per call; split larger uploads`),
});

export type AddResponsesInput = z.infer<typeof addResponsesInput>;

/** The first non-empty email and name given for each external id in the batch. */
export function identifiersByExternalId(items: ResponseItem[]) {
  const out = new Map<string, { email: string | null; name: string | null }>();
  for (const item of items) {
    const seen = out.get(item.externalId) ?? { email: null, name: null };
    out.set(item.externalId, { email: seen.email ?? item.email, name: seen.name ?? item.name });
  }
  return out;
}

export type ResponseItem = z.infer<typeof responseInput>;

/**
 * A new response of `dataset` and the event that hands it to the anonymizer; the response of a restricted
 * respondent, or one whose consent does not stand (`consentHold`), is HELD, without event. The caller
 * stores both in one document.
 */
export function newResponse(
  deps: Pick<IngestionDeps, 'bus'>,
  dataset: Pick<DatasetDoc, '_id' | 'workspaceId' | 'version'>,
  respondent: RespondentDoc,
  item: ResponseItem,
  receivedAt: Date,
  consentHold: ConsentHold | null,
): { doc: ResponseDoc; events: OutboxEntry[] } {
  const held = respondent.restricted || consentHold !== null;
  const doc: ResponseDoc = {
    _id: randomUUID(),
    workspaceId: dataset.workspaceId,
    datasetId: dataset._id,
    respondentId: respondent._id,
    text: item.text,
    consentRef: item.consentRef,
    submittedAt: item.submittedAt ?? receivedAt,
    receivedAt,
    datasetVersion: dataset.version,
    pipelineState: held ? 'HELD' : 'FORWARDED',
    consentHold,
  };
  return { doc, events: held ? [] : [responseReceivedEntry(deps.bus, doc, respondent)] };
}

async function upsertRespondents(deps: IngestionDeps, workspaceId: string, input: AddResponsesInput) {
  const byExternalId = new Map<string, RespondentDoc>();
  const entries = [...identifiersByExternalId(input.responses)];
  // Bounded parallelism: up to 500 distinct respondents per batch.
  for (let i = 0; i < entries.length; i += 25) {
    const chunk = entries.slice(i, i + 25);
    const docs = await Promise.all(chunk.map(([externalId, known]) => deps.respondents.upsert(workspaceId, externalId, known)));
    docs.forEach((doc, j) => byExternalId.set(chunk[j]![0], doc));
  }
  return byExternalId;
}

/**
 * Validates the whole batch before writing anything, then stores each response with its event in the
 * same document. Responses of restricted respondents are stored HELD, without an event.
 */
export async function addResponses(deps: IngestionDeps, ctx: RequestContext, raw: unknown): Promise<{ dataset: DatasetDoc; responses: ResponseDoc[] }> {
  requireUser(ctx);
  const input = parseInput(addResponsesInput, raw);
  const existing = await deps.datasets.findById(input.datasetId);
  if (!existing) throw notFound('The dataset');
  requireWorkspace(ctx, existing.workspaceId);

  const respondents = await upsertRespondents(deps, existing.workspaceId, input);
  const dataset = await deps.datasets.recordBatch(existing._id, input.responses.length);
  if (!dataset) throw notFound('The dataset');

  const receivedAt = new Date();
  const check = await consentCheck(deps, dataset, input.responses.map((r) => r.consentRef));
  const docs = input.responses.map((item) => {
    const respondent = respondents.get(item.externalId)!;
    const { doc, events } = newResponse(deps, dataset, respondent, item, receivedAt, check(respondent._id, item.consentRef));
    return { ...doc, ...outboxOnCreate(events) };
  });

  try {
    await deps.responses.insertMany(docs);
  } catch (err) {
    // No multi-document transactions: undo what this batch wrote so the dataset's count stays true.
    await deps.responses.deleteByIds(docs.map((d) => d._id)).catch(() => 0);
    await deps.datasets.adjustResponseCount(dataset._id, -docs.length).catch(() => 0);
    throw err;
  }
  deps.relay.kick({ model: deps.responses.model, ids: docs.map((d) => d._id) });
  await recheckConsentHolds(deps, docs);
  const held = docs.filter((d) => d.pipelineState === 'HELD').length;
  const heldForConsent = docs.filter((d) => d.consentHold).length;
  deps.log.info({ datasetId: dataset._id, version: dataset.version, count: docs.length, held, heldForConsent }, 'responses stored');
  // The write may have released some since: answer with what is stored now.
  return { dataset, responses: heldForConsent ? await deps.responses.findByIds(docs.map((d) => d._id)) : docs };
}

export async function listResponses(deps: IngestionDeps, dataset: DatasetDoc, first: number): Promise<ResponseDoc[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_BATCH) throw badInput(`first must be between 1 and ${MAX_BATCH}.`);
  return deps.responses.findByDataset(dataset._id, first);
}

/** Why a response is HELD: a restriction (read from its respondent) and its consent hold, if any. */
export async function holdReasons(deps: Pick<IngestionDeps, 'respondents'>, response: ResponseDoc): Promise<Array<ConsentHold | 'RESTRICTED'>> {
  if (response.pipelineState !== 'HELD') return [];
  const restricted = (await deps.respondents.findById(response.respondentId))?.restricted ?? false;
  return [...(restricted ? (['RESTRICTED'] as const) : []), ...(response.consentHold ? [response.consentHold] : [])];
}

export async function getResponse(deps: IngestionDeps, ctx: RequestContext, id: string): Promise<ResponseDoc> {
  requireUser(ctx);
  const response = await deps.responses.findById(id);
  if (!response) throw notFound('The response');
  requireWorkspaceRead(ctx, response.workspaceId);
  return response;
}
