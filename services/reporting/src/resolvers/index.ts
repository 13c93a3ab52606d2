import { requireUser, requireWorkspaceRead, type RequestContext, type Resolvers } from '@verbatim/kit';
import { visibilityOf, type ReportDoc } from '../model/report.schema.js';
import type { ReportingDeps } from '../domain/deps.js';
import { analyzableCount, generateReport, getDataset, getReport, reportsOfDataset, type DatasetView } from '../domain/reports.js';
import { shareReport, sharedReportsOfWorkspace, unshareReport } from '../domain/sharing.js';

type Theme = ReportDoc['content']['themes'][number];

/** Thin: authenticate, check the workspace (inside the domain functions), then read or call the domain. */
export function reportingResolvers(deps: ReportingDeps): Resolvers {
  return {
    Query: {
      report: (_: unknown, args: { id: string }, ctx: RequestContext) => getReport(deps, ctx, args.id),
      subprocessors: (_: unknown, __: unknown, ctx: RequestContext) => {
        requireUser(ctx);
        return deps.subprocessors();
      },
    },
    Mutation: {
      generateReport: (_: unknown, args: { input: unknown }, ctx: RequestContext) => generateReport(deps, ctx, args.input),
      shareReport: (_: unknown, args: { input: unknown }, ctx: RequestContext) => shareReport(deps, ctx, args.input),
      unshareReport: (_: unknown, args: { reportId: unknown }, ctx: RequestContext) => unshareReport(deps, ctx, { reportId: args.reportId }),
    },
    Workspace: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => {
        requireWorkspaceRead(ctx, ref.id);
        return { id: ref.id };
      },
      sharedReports: (w: { id: string }, _: unknown, ctx: RequestContext) => sharedReportsOfWorkspace(deps, ctx, w.id),
    },
    Dataset: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => getDataset(deps, ctx, ref.id),
      reports: (d: DatasetView, _: unknown, ctx: RequestContext) => reportsOfDataset(deps, ctx, d),
      analyzableCount: (d: DatasetView) => (d.workspaceId ? analyzableCount(deps, d.id, d.workspaceId) : 0),
    },
    Report: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => getReport(deps, ctx, ref.id),
      id: (r: ReportDoc) => r._id,
      createdAt: (r: ReportDoc) => r.createdAt.toISOString(),
      createdBy: (r: ReportDoc) => r.createdBy ?? null,
      visibility: (r: ReportDoc) => visibilityOf(r),
      sharedAt: (r: ReportDoc) => r.sharedAt?.toISOString() ?? null,
      sharedBy: (r: ReportDoc) => r.sharedBy ?? null,
      shareMessage: (r: ReportDoc) => r.shareMessage ?? null,
      // Counts what it still draws on: an erased respondent's responses no longer count.
      responseCount: (r: ReportDoc) => r.responseIds.length,
      summary: (r: ReportDoc) => r.content.summary,
      topTerms: (r: ReportDoc) => r.content.topTerms,
      themes: (r: ReportDoc) => r.content.themes,
      sentiment: (r: ReportDoc) => r.content.sentiment.score,
      notes: (r: ReportDoc) => r.content.notes ?? [],
    },
    Theme: {
      sentiment: (t: Theme) => t.sentiment.score,
      quotes: (t: Theme) => t.quotes.map((q) => q.text),
    },
  } as Resolvers;
}
