import { randomUUID } from 'node:crypto';
import { AppError, badInput, forbidden, notFound, readsUnderGrant, requireUser, requireWorkspace, requireWorkspaceRead, type Principal, type RequestContext, parseInput } from '@verbatim/kit';
import { z } from 'zod';
import { isReportingError } from '../core/errors.js';
import type { CorpusDoc } from '../model/corpus.schema.js';
import type { ReportViewer } from '../model/report.repository.js';
import { visibilityOf, type ReportBackend, type ReportDoc } from '../model/report.schema.js';
import type { ReportingDeps } from './deps.js';
import { datasetVersionOf, keepAnalyzable } from './exclusions.js';
import { subjectKey } from '../model/subject.repository.js';
import { reportTitle } from './generator.js';

export const id = (what: string) => z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, `${what} must be a UUID`);

export const generateReportInput = z.object({
  datasetId: id('datasetId').transform((s) => s.toLowerCase()),
  backend: z.enum(['EMBEDDED', 'LLM'], 'backend must be EMBEDDED or LLM').nullish().transform((b) => b ?? 'EMBEDDED'),
});

/** The dataset's workspace, known from its responses, or from its reports once every response is erased. */
async function workspaceOfDataset(deps: ReportingDeps, datasetId: string): Promise<string | undefined> {
  return (await deps.corpus.workspaceOfDataset(datasetId)) ?? (await deps.reports.workspaceOfDataset(datasetId));
}

/** The dataset's responses that may go into a new report with this backend. */
export async function analyzableResponses(deps: ReportingDeps, datasetId: string, backend: ReportBackend): Promise<CorpusDoc[]> {
  const docs = await deps.corpus.findByDataset(datasetId);
  if (docs.length === 0) return [];
  const subjects = await deps.subjects.findByIds([...new Set(docs.map((d) => subjectKey(d.workspaceId, d.respondentId)))]);
  return keepAnalyzable(docs, subjects, backend);
}

export async function analyzableCount(deps: ReportingDeps, datasetId: string, workspaceId: string): Promise<number> {
  const stored = await deps.corpus.storedCount(datasetId);
  if (stored === 0) return 0;
  // Maintained total, less the responses of the few respondents an embedded report leaves out.
  let excluded = 0;
  for (const subject of await deps.subjects.excludedOfWorkspace(workspaceId)) {
    const respondentId = subject._id.slice(workspaceId.length + 1);
    excluded += await deps.corpus.countOfRespondentInDataset(datasetId, workspaceId, respondentId);
  }
  return stored - excluded;
}

/**
 * Generates a report from the analyzable responses and stores it in one insert, after generation:
 * if the analyzer fails, nothing is stored.
 */
export async function generateReport(deps: ReportingDeps, ctx: RequestContext, raw: unknown): Promise<ReportDoc> {
  const principal = requireUser(ctx);
  const input = parseInput(generateReportInput, raw);
  const workspaceId = await workspaceOfDataset(deps, input.datasetId);
  if (!workspaceId) {
    // Reporting learns a dataset's workspace from its first anonymized response; before that there is
    // nothing to check membership against, and nothing to report on.
    throw badInput(`Dataset ${input.datasetId} has no anonymized responses yet: add responses and wait for their anonymization, then try again.`, {
      reason: 'NO_ANONYMIZED_RESPONSES',
    });
  }
  requireWorkspace(ctx, workspaceId);

  const docs = await analyzableResponses(deps, input.datasetId, input.backend);
  if (docs.length === 0) {
    throw badInput(
      `Dataset ${input.datasetId} has no response that may be analyzed: none is anonymized yet, or every respondent restricted processing or objected to analysis.`,
      { reason: 'NO_ANALYZABLE_RESPONSES' },
    );
  }

  let generated;
  try {
    generated = await deps.generate(
      docs.map((d) => ({ id: d._id, text: d.text, language: d.language, submittedAt: d.submittedAt })),
      input.backend,
    );
  } catch (err) {
    if (isReportingError(err)) throw new AppError('PRECONDITION_FAILED', err.message, { reason: err.code });
    throw err;
  }

  const createdAt = new Date();
  const datasetVersion = datasetVersionOf(docs);
  const title = reportTitle({ datasetId: input.datasetId, datasetVersion, createdAt });
  const report: ReportDoc = {
    _id: randomUUID(),
    workspaceId,
    datasetId: input.datasetId,
    createdAt,
    // Private until its author (or an admin) shares it.
    createdBy: principal.userId,
    visibility: 'PRIVATE',
    sharedAt: null,
    sharedBy: null,
    shareMessage: null,
    backend: generated.backend,
    fallbackReason: generated.fallbackReason ?? null,
    datasetVersion,
    responseIds: docs.map((d) => d._id),
    content: generated.content,
    markdown: deps.render.markdown(title, generated.content),
    html: deps.render.html(title, generated.content),
    rev: 0,
  };
  await deps.reports.insert(report);
  deps.log.info(
    { reportId: report._id, datasetId: report.datasetId, workspaceId, responseCount: docs.length, backend: report.backend, requested: input.backend },
    'report generated',
  );
  return report;
}

/** How the caller reads a workspace's reports: admins see all of them, members their own and the shared ones. */
export function viewerIn(principal: Principal, workspaceId: string): ReportViewer {
  // Staff under an access grant read what the workspace's ADMINs read (reads only: writes check membership first).
  return { userId: principal.userId, admin: principal.workspaces[workspaceId] === 'ADMIN' || !!readsUnderGrant(principal, workspaceId) };
}

export function mayRead(viewer: ReportViewer, report: Pick<ReportDoc, 'visibility' | 'createdBy'>): boolean {
  return viewer.admin || visibilityOf(report) === 'WORKSPACE' || (!!report.createdBy && report.createdBy === viewer.userId);
}

export async function getReport(deps: ReportingDeps, ctx: RequestContext, reportId: string): Promise<ReportDoc> {
  const principal = requireUser(ctx);
  const report = await deps.reports.findById(reportId);
  if (!report) throw notFound('The report');
  requireWorkspaceRead(ctx, report.workspaceId);
  if (!mayRead(viewerIn(principal, report.workspaceId), report)) {
    throw forbidden('This report is private to its author and the workspace admins: ask its author to share it with the workspace.');
  }
  return report;
}

/** The dataset as reporting sees it; null workspace means reporting has nothing about it yet. */
export interface DatasetView {
  id: string;
  workspaceId: string | null;
}

export async function getDataset(deps: ReportingDeps, ctx: RequestContext, datasetId: string): Promise<DatasetView> {
  requireUser(ctx);
  const workspaceId = await workspaceOfDataset(deps, datasetId);
  if (workspaceId) requireWorkspaceRead(ctx, workspaceId);
  return { id: datasetId, workspaceId: workspaceId ?? null };
}

/** The dataset's reports the caller may read, newest first. */
export async function reportsOfDataset(deps: ReportingDeps, ctx: RequestContext, dataset: DatasetView): Promise<ReportDoc[]> {
  if (!dataset.workspaceId) return [];
  const principal = requireWorkspaceRead(ctx, dataset.workspaceId);
  return deps.reports.findByDataset(dataset.id, viewerIn(principal, dataset.workspaceId));
}
