import type { RequestContext, Resolvers } from '@verbatim/kit';
import type { AnonymizerDeps } from '../domain/deps.js';
import { previewAnonymization } from '../domain/preview.js';
import { countAnonymized, getAnonymization } from '../domain/reads.js';
import { trainingExportPage } from '../domain/training-export.js';
import type { AnonymizedResponseDoc } from '../model/anonymized-response.schema.js';

/** Thin: the entities carry only ids; every field loads and checks the stored workspace. */
export function anonymizerResolvers(deps: AnonymizerDeps): Resolvers {
  return {
    Query: {
      anonymizerArchive: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) => deps.readArchive(ctx, args),
      anonymizationPreview: (_: unknown, args: { workspaceId: string; text: string }, ctx: RequestContext) =>
        previewAnonymization(ctx, args.workspaceId, args.text),
      trainingExport: (_: unknown, args: { first?: unknown; after?: unknown }, ctx: RequestContext) => trainingExportPage(deps, ctx, args),
    },
    Response: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      anonymization: (r: { id: string }, _: unknown, ctx: RequestContext) => getAnonymization(deps, ctx, r.id),
    },
    Dataset: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      anonymizedCount: (d: { id: string }, _: unknown, ctx: RequestContext) => countAnonymized(deps, ctx, d.id),
    },
    Anonymization: {
      entities: (a: AnonymizedResponseDoc) => Object.entries(a.entityCounts ?? {}).map(([type, count]) => ({ type, count })),
      anonymizedAt: (a: AnonymizedResponseDoc) => a.anonymizedAt.toISOString(),
    },
  } as Resolvers;
}
