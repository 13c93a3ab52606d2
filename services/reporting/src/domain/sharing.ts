import { forbidden, notFound, parseInput, requireUser, requireWorkspace, requireWorkspaceRead, retryOnRevision, REVISION_CHANGED, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import { visibilityOf, type ReportDoc, type ReportVisibility } from '../model/report.schema.js';
import type { ReportingDeps } from './deps.js';
import { id, viewerIn } from './reports.js';

export const SHARE_MESSAGE_MAX = 500;

const reportId = id('reportId').transform((s) => s.toLowerCase());

export const shareReportInput = z.object({
  reportId,
  message: z
    .string('message must be a string')
    .trim()
    .max(SHARE_MESSAGE_MAX, `message must be at most ${SHARE_MESSAGE_MAX} characters`)
    // Line breaks and tabs are fine in a note; other control characters are not text.
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'message must not contain control characters')
    .nullish()
    .transform((m) => (m ? m : null)),
});

export const unshareReportInput = z.object({ reportId });

/**
 * The report, if the caller may change who sees it: its author, or an admin of its workspace.
 * `author` is the user the write must still find as author (null for an admin, who needs no authorship).
 */
async function manageable(deps: ReportingDeps, ctx: RequestContext, targetId: string): Promise<{ report: ReportDoc; author: string | null }> {
  const principal = requireUser(ctx);
  const report = await deps.reports.findById(targetId);
  if (!report) throw notFound('The report');
  requireWorkspace(ctx, report.workspaceId);
  const viewer = viewerIn(principal, report.workspaceId);
  if (viewer.admin) return { report, author: null };
  if (report.createdBy && report.createdBy === principal.userId) return { report, author: principal.userId };
  throw forbidden("Only the report's author or an admin of its workspace may share or unshare it.");
}

async function setVisibility(
  deps: ReportingDeps,
  ctx: RequestContext,
  targetId: string,
  target: ReportVisibility,
  write: (report: ReportDoc, author: string | null) => Promise<ReportDoc | null>,
): Promise<ReportDoc> {
  // A write that matched nothing was raced (shared, unshared or erased meanwhile): read again and decide anew.
  return retryOnRevision('The report kept changing while its visibility was being set; read it again and retry.', async () => {
    const { report, author } = await manageable(deps, ctx, targetId);
    // Already there: nothing to write, and a first share keeps its date, sharer and note.
    if (visibilityOf(report) === target) return report;
    const written = await write(report, author);
    if (written) {
      deps.log.info({ reportId: written._id, workspaceId: written.workspaceId, visibility: target }, target === 'WORKSPACE' ? 'report shared' : 'report unshared');
      return written;
    }
    return REVISION_CHANGED;
  });
}

/** Makes a report visible to every member of its workspace (author or workspace admin); one write. */
export async function shareReport(deps: ReportingDeps, ctx: RequestContext, raw: unknown): Promise<ReportDoc> {
  const principal = requireUser(ctx);
  const input = parseInput(shareReportInput, raw);
  return setVisibility(deps, ctx, input.reportId, 'WORKSPACE', (report, author) =>
    deps.reports.share(report._id, author, { sharedAt: new Date(), sharedBy: principal.userId, shareMessage: input.message }),
  );
}

/** Makes a report private again: its author and the workspace's admins only; one write. */
export async function unshareReport(deps: ReportingDeps, ctx: RequestContext, raw: unknown): Promise<ReportDoc> {
  requireUser(ctx);
  const input = parseInput(unshareReportInput, raw);
  return setVisibility(deps, ctx, input.reportId, 'PRIVATE', (report, author) => deps.reports.unshare(report._id, author));
}

/** Reports every member of the workspace sees, most recently shared first. */
export async function sharedReportsOfWorkspace(deps: ReportingDeps, ctx: RequestContext, workspaceId: string): Promise<ReportDoc[]> {
  requireWorkspaceRead(ctx, workspaceId);
  return deps.reports.findSharedInWorkspace(workspaceId);
}
