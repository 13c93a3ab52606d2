import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError, notFound, parseInput, requireUser, requireWorkspace, requireWorkspaceRead, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { DatasetDoc } from '../model/dataset.schema.js';
import type { ImportJobDoc, ImportRowError } from '../model/import-job.schema.js';
import type { ImportProgress } from '../model/import-job.repository.js';
import type { ResponseDoc } from '../model/response.schema.js';
import type { IngestionDeps } from './deps.js';
import { consentCheck, recheckConsentRefs } from './consent-holds.js';
import { ImportFileError, rowsOf, type RawRow } from './import-rows.js';
import { identifiersByExternalId, newResponse, responseInput, type ResponseItem } from './responses.js';

/** Rows written per bulk write; progress is saved after each. */
export const IMPORT_BATCH = 1_000;
/** Errors kept on a job; rowsRejected still counts every refused row. */
export const MAX_IMPORT_ERRORS = 100;
const HEARTBEAT_MS = 10_000;

const columnName = z.string().trim().min(1, 'a column name is 1 to 200 characters').max(200, 'a column name is 1 to 200 characters').nullish();

export const startImportInput = z
  .object({
    datasetId: z.uuid('datasetId must be a dataset id'),
    format: z.enum(['CSV', 'JSON', 'NDJSON'], 'format must be CSV, JSON or NDJSON'),
    columns: z
      .object({ externalId: columnName, email: columnName, name: columnName, text: columnName, consentRef: columnName, submittedAt: columnName })
      .nullish(),
  })
  .refine((input) => !input.columns || input.format === 'CSV', { message: 'columns apply to CSV files only', path: ['columns'] });

export const importNotPending = (status: string) =>
  new AppError('IMPORT_NOT_PENDING', `This import is ${status}; a file can be sent once, to a PENDING import. Start a new import.`);

/** The job as clients see it (GraphQL and the upload's answer): COMMITTING is still RUNNING to them. */
export function describeImport(job: ImportJobDoc) {
  return {
    id: job._id,
    datasetId: job.datasetId,
    format: job.format,
    status: job.status === 'COMMITTING' ? 'RUNNING' : job.status,
    rowsRead: job.rowsRead,
    rowsStored: job.rowsStored,
    rowsRejected: job.rowsRejected,
    errors: job.errors.map(({ line, field, reason }) => ({ line, field, reason })),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    uploadPath: `/imports/${job._id}`,
  };
}

export async function startImport(deps: IngestionDeps, ctx: RequestContext, raw: unknown): Promise<ImportJobDoc> {
  const principal = requireUser(ctx);
  const input = parseInput(startImportInput, raw);
  const dataset = await deps.datasets.findById(input.datasetId);
  if (!dataset) throw notFound('The dataset');
  requireWorkspace(ctx, dataset.workspaceId);
  const job: ImportJobDoc = {
    _id: randomUUID(),
    workspaceId: dataset.workspaceId,
    datasetId: dataset._id,
    createdBy: principal.userId,
    format: input.format,
    columns: input.columns ?? null,
    status: 'PENDING',
    rowsRead: 0,
    rowsStored: 0,
    rowsRejected: 0,
    errors: [],
    createdAt: new Date(),
    startedAt: null,
    finishedAt: null,
    heartbeatAt: null,
    datasetVersion: null,
  };
  await deps.imports.insert(job);
  deps.log.info({ importId: job._id, datasetId: job.datasetId, format: job.format }, 'import created');
  return job;
}

export async function getImportJob(deps: IngestionDeps, ctx: RequestContext, id: string): Promise<ImportJobDoc> {
  requireUser(ctx);
  const job = await deps.imports.findById(id);
  if (!job) throw notFound('The import');
  requireWorkspaceRead(ctx, job.workspaceId);
  return job;
}

export const listImports = (deps: IngestionDeps, dataset: DatasetDoc) => deps.imports.findByDataset(dataset._id, 50);

/** Checks before a byte of the file is read: a valid caller of the job's workspace, a PENDING job. */
export async function prepareUpload(deps: IngestionDeps, ctx: RequestContext, id: string): Promise<ImportJobDoc> {
  const job = await getImportJob(deps, ctx, id);
  // Uploading writes: members only (a staff access grant opens reads).
  requireWorkspace(ctx, job.workspaceId);
  if (job.status !== 'PENDING') throw importNotPending(describeImport(job).status);
  return job;
}

type CheckedRow = { item: ResponseItem } | { errors: ImportRowError[] };

function checkRow(row: RawRow): CheckedRow {
  if (row.problem) return { errors: [{ line: row.line, field: null, reason: row.problem }] };
  const parsed = responseInput.safeParse(row.value);
  if (parsed.success) return { item: parsed.data };
  return { errors: parsed.error.issues.map((issue) => ({ line: row.line, field: issue.path.length ? issue.path.join('.') : null, reason: issue.message })) };
}

/** Writes one batch STAGED: respondents upserted in bulk, rows with their (not yet pending) event. */
async function stageBatch(deps: IngestionDeps, job: ImportJobDoc, dataset: DatasetDoc, items: ResponseItem[]): Promise<void> {
  const respondents = await deps.staging.upsertRespondents(job.workspaceId, job._id, identifiersByExternalId(items));
  const receivedAt = new Date();
  // The real version is known only at commit, which rewrites it; the event must carry a valid one now.
  const provisional = { ...dataset, version: dataset.version + 1 };
  const check = await consentCheck(deps, dataset, items.map((i) => i.consentRef));
  const docs = items.map((item): ResponseDoc => {
    const respondent = respondents.get(item.externalId)!;
    const { doc, events } = newResponse(deps, provisional, respondent, item, receivedAt, check(respondent._id, item.consentRef));
    return { ...doc, pipelineState: 'STAGED', stagedAs: doc.pipelineState === 'HELD' ? 'HELD' : 'FORWARDED', importId: job._id, outbox: events, outboxPending: false, outboxSeq: events.length ? 1 : 0 };
  });
  await deps.staging.insertStaged(docs);
}

/** Makes a COMMITTING job's rows visible and counted; repeating it after a crash finishes the same commit. */
export async function finishCommit(deps: IngestionDeps, job: ImportJobDoc): Promise<ImportJobDoc> {
  let version = job.datasetVersion;
  if (version === null) {
    // Counted from the rows themselves: an erasure during the import may have removed some.
    const rows = await deps.staging.countStaged(job._id);
    const dataset = await deps.datasets.recordBatch(job.datasetId, rows);
    version = dataset?.version ?? 1;
    await deps.imports.setCommitVersion(job._id, version, rows);
  }
  await deps.staging.commit(job._id, version);
  deps.relay.kick();
  // Grants announced while the rows were STAGED released nothing: they are checked once more.
  await recheckConsentRefs(deps, await deps.responses.consentHeldRefs(job._id));
  const done = await deps.imports.complete(job._id);
  deps.log.info({ importId: job._id, datasetId: job.datasetId, version, rows: done?.rowsStored }, 'import committed');
  return done ?? job;
}

/** Removes every staged row (and the respondents it created alone), then records why it failed. */
export async function failImport(deps: IngestionDeps, job: ImportJobDoc, progress: Partial<ImportProgress>, errors: ImportRowError[]): Promise<ImportJobDoc> {
  // Discard first: if the process dies in between, the job is still RUNNING and the sweep discards again.
  const removed = await deps.staging.discard(job._id);
  const failed = await deps.imports.fail(job._id, progress, errors.slice(0, MAX_IMPORT_ERRORS));
  deps.log.info({ importId: job._id, rowsRejected: progress.rowsRejected, removed }, 'import failed; staged rows removed');
  return failed ?? job;
}

function fileProblem(err: unknown): ImportRowError | undefined {
  if (err instanceof ImportFileError) return { line: err.line, field: err.field, reason: err.message };
  return undefined;
}

export interface ImportOutcome {
  job: ImportJobDoc;
  /** What stopped the file being read, when something did (a file problem, or an unexpected failure). */
  stoppedBy?: unknown;
}

/**
 * Reads the file as it streams in, validating every row with the same rules as addResponses and staging
 * valid ones in batches. The rows become visible only if the whole file was read and no row was refused;
 * otherwise the job is FAILED with the reasons and nothing is kept.
 */
export async function runImport(deps: IngestionDeps, pending: ImportJobDoc, input: Readable): Promise<ImportOutcome> {
  const job = await deps.imports.claim(pending._id);
  if (!job) throw importNotPending('no longer PENDING');
  const progress: ImportProgress = { rowsRead: 0, rowsStored: 0, rowsRejected: 0 };
  const errors: ImportRowError[] = [];
  const heartbeat = setInterval(() => void deps.imports.heartbeat(job._id).catch(() => undefined), HEARTBEAT_MS);
  let stoppedBy: unknown;
  try {
    const dataset = await deps.datasets.findById(job.datasetId);
    if (!dataset) throw new ImportFileError(null, null, 'The dataset no longer exists.');
    let batch: ResponseItem[] = [];
    for await (const row of rowsOf(job.format, job.columns, input)) {
      progress.rowsRead++;
      const checked = checkRow(row);
      if ('errors' in checked) {
        progress.rowsRejected++;
        errors.push(...checked.errors.slice(0, MAX_IMPORT_ERRORS - errors.length));
        batch = [];
        // The import is bound to fail: keep reading only to report more problems.
        if (errors.length >= MAX_IMPORT_ERRORS) break;
        continue;
      }
      if (progress.rowsRejected) continue;
      batch.push(checked.item);
      if (batch.length === IMPORT_BATCH) {
        await stageBatch(deps, job, dataset, batch);
        progress.rowsStored += batch.length;
        batch = [];
        await deps.imports.saveProgress(job._id, progress);
      }
    }
    if (!progress.rowsRejected && batch.length) {
      await stageBatch(deps, job, dataset, batch);
      progress.rowsStored += batch.length;
    }
    if (!progress.rowsRead) errors.push({ line: null, field: null, reason: 'The file holds no rows.' });
  } catch (err) {
    stoppedBy = err;
    const problem = fileProblem(err);
    if (!problem) deps.log.error({ err, importId: job._id }, 'import stopped by an unexpected error');
    errors.push(problem ?? { line: null, field: null, reason: 'An internal error stopped the import; nothing was kept. Start a new import to try again.' });
  } finally {
    clearInterval(heartbeat);
  }
  if (errors.length) return { job: await failImport(deps, job, progress, errors), stoppedBy };
  const committing = await deps.imports.startCommit(job._id, progress);
  return { job: committing ? await finishCommit(deps, committing) : ((await deps.imports.findById(job._id)) ?? job) };
}

/** The sweep's verdict on a job whose process died: a commit in progress is finished, anything else failed. */
export async function recoverAbandoned(deps: IngestionDeps, job: ImportJobDoc): Promise<ImportJobDoc> {
  if (job.status === 'COMMITTING') return finishCommit(deps, job);
  return failImport(deps, job, {}, [
    ...job.errors,
    { line: null, field: null, reason: 'The import was interrupted before it finished (the service stopped); nothing was kept. Start a new import.' },
  ]);
}
