import { createSubgraphServer } from '@verbatim/kit';
import type { ReportingDeps } from './domain/deps.js';
import { reportingResolvers } from './resolvers/index.js';

/** Builds the reporting subgraph; no listening, no environment. */
export function createReportingServer(deps: ReportingDeps & { maxDepth: number }) {
  return createSubgraphServer({ name: 'reporting', resolvers: reportingResolvers(deps), log: deps.log, maxDepth: deps.maxDepth });
}
