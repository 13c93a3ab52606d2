import type { AnalysisInput, ReportContent } from '../analysis/index.js';
import type { ReportBackend } from '../model/report.schema.js';

/** What a report generator returns: the content and the backend that really produced it. */
export interface GeneratedReport {
  content: ReportContent;
  backend: ReportBackend;
  fallbackReason?: string | undefined;
}

/** Builds report content from anonymized responses; injected so the domain does not know which analyzer runs. */
export type GenerateFn = (inputs: AnalysisInput[], backend: ReportBackend) => Promise<GeneratedReport>;

/** Turns report content into its stored renderings. */
export interface Renderer {
  markdown(title: string, content: ReportContent): string;
  html(title: string, content: ReportContent): string;
}

/** The title is derived from stored fields, so a re-render after erasure gives the same heading. */
export function reportTitle(report: { datasetId: string; datasetVersion: number; createdAt: Date }): string {
  return `Report on dataset ${report.datasetId} (version ${report.datasetVersion}, ${report.createdAt.toISOString().slice(0, 10)})`;
}
