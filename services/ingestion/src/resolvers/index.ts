import type { RequestContext, Resolvers } from '@verbatim/kit';
import { createDataset, getDataset, listDatasets } from '../domain/datasets.js';
import type { IngestionDeps } from '../domain/deps.js';
import { describeImport, getImportJob, listImports, startImport } from '../domain/imports.js';
import { findRespondent, getRespondent } from '../domain/respondents.js';
import { addResponses, getResponse, holdReasons, listResponses } from '../domain/responses.js';
import { requireWorkspaceRead } from '@verbatim/kit';
import type { DatasetDoc } from '../model/dataset.schema.js';
import type { RespondentDoc } from '../model/respondent.schema.js';
import type { ResponseDoc } from '../model/response.schema.js';

/** Thin: every entry point names a workspace (directly or through the stored document) and checks it. */
export function ingestionResolvers(deps: IngestionDeps): Resolvers {
  return {
    Query: {
      dataset: (_: unknown, args: { id: string }, ctx: RequestContext) => getDataset(deps, ctx, args.id),
      respondent: (_: unknown, args: { workspaceId: string; externalId: string }, ctx: RequestContext) =>
        findRespondent(deps, ctx, args.workspaceId, args.externalId),
      importJob: async (_: unknown, args: { id: string }, ctx: RequestContext) => describeImport(await getImportJob(deps, ctx, args.id)),
    },
    Mutation: {
      createDataset: (_: unknown, args: { input: unknown }, ctx: RequestContext) => createDataset(deps, ctx, args.input),
      addResponses: (_: unknown, args: { input: unknown }, ctx: RequestContext) => addResponses(deps, ctx, args.input),
      startImport: async (_: unknown, args: { input: unknown }, ctx: RequestContext) => describeImport(await startImport(deps, ctx, args.input)),
    },
    Workspace: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => {
        requireWorkspaceRead(ctx, ref.id);
        return { id: ref.id };
      },
      datasets: (w: { id: string }, _: unknown, ctx: RequestContext) => listDatasets(deps, ctx, w.id),
    },
    Dataset: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => getDataset(deps, ctx, ref.id),
      id: (d: DatasetDoc) => d._id,
      createdAt: (d: DatasetDoc) => d.createdAt.toISOString(),
      legalBasis: (d: DatasetDoc) => d.legalBasis ?? 'LEGITIMATE_INTEREST',
      responses: (d: DatasetDoc, args: { first: number }) => listResponses(deps, d, args.first),
      imports: async (d: DatasetDoc) => (await listImports(deps, d)).map(describeImport),
    },
    Response: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => getResponse(deps, ctx, ref.id),
      id: (r: ResponseDoc) => r._id,
      submittedAt: (r: ResponseDoc) => r.submittedAt.toISOString(),
      respondent: (r: ResponseDoc, _: unknown, ctx: RequestContext) => getRespondent(deps, ctx, r.respondentId),
      holdReasons: (r: ResponseDoc) => holdReasons(deps, r),
    },
    Respondent: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => getRespondent(deps, ctx, ref.id),
      id: (r: RespondentDoc) => r._id,
      responseCount: (r: RespondentDoc) => deps.responses.countByRespondent(r._id),
    },
  } as Resolvers;
}
