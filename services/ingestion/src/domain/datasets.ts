import { randomUUID } from 'node:crypto';
import { notFound, requireCaller, requireWorkspaceRead, requireWorkspaceScope, type RequestContext, parseInput } from '@verbatim/kit';
import { z } from 'zod';
import type { DatasetDoc } from '../model/dataset.schema.js';
import type { IngestionDeps } from './deps.js';

export const createDatasetInput = z.object({
  workspaceId: z.uuid('workspaceId must be a workspace id'),
  name: z.string().trim().min(1, 'name is required').max(200, 'name is at most 200 characters'),
  legalBasis: z
    .enum(['CONSENT', 'LEGITIMATE_INTEREST'])
    .nullish()
    .transform((v) => v ?? 'LEGITIMATE_INTEREST'),
});

export async function createDataset(deps: IngestionDeps, ctx: RequestContext, raw: unknown): Promise<DatasetDoc> {
  const input = parseInput(createDatasetInput, raw);
  requireWorkspaceScope(ctx, input.workspaceId, 'datasets:write');
  const dataset: DatasetDoc = { _id: randomUUID(), workspaceId: input.workspaceId, name: input.name, legalBasis: input.legalBasis, createdAt: new Date(), responseCount: 0, version: 0 };
  await deps.datasets.insert(dataset);
  deps.log.info({ datasetId: dataset._id, workspaceId: dataset.workspaceId, legalBasis: dataset.legalBasis }, 'dataset created');
  return dataset;
}

/** Loads a dataset, then checks the caller belongs to the workspace stored on it. */
export async function getDataset(deps: IngestionDeps, ctx: RequestContext, id: string): Promise<DatasetDoc> {
  requireCaller(ctx);
  const dataset = await deps.datasets.findById(id);
  if (!dataset) throw notFound('The dataset');
  requireWorkspaceRead(ctx, dataset.workspaceId, { scope: 'datasets:read' });
  return dataset;
}

export async function listDatasets(deps: IngestionDeps, ctx: RequestContext, workspaceId: string): Promise<DatasetDoc[]> {
  requireWorkspaceRead(ctx, workspaceId, { scope: 'datasets:read' });
  return deps.datasets.findByWorkspace(workspaceId);
}
