import { gql, type TypedDocumentNode } from '@apollo/client';

export interface Report {
  id: string;
  datasetId: string;
  workspaceId: string;
  createdAt: string;
  visibility: 'PRIVATE' | 'WORKSPACE';
  sharedAt: string | null;
  shareMessage: string | null;
  responseCount: number;
  summary: string;
  sentiment: number;
  notes: string[];
  topTerms: Array<{ term: string; count: number }>;
  themes: Array<{ label: string; count: number; share: number; sentiment: number; quotes: string[] }>;
}

const reportFields = `
  id datasetId workspaceId createdAt visibility sharedAt shareMessage responseCount summary sentiment notes
  topTerms { term count }
  themes { label count share sentiment quotes }
`;

export const REPORT: TypedDocumentNode<{ report: Report }, { id: string }> = gql`
  query Report($id: ID!) { report(id: $id) { ${reportFields} } }
`;

export const GENERATE_REPORT: TypedDocumentNode<{ generateReport: { id: string } }, { input: { datasetId: string } }> = gql`
  mutation GenerateReport($input: GenerateReportInput!) { generateReport(input: $input) { id } }
`;

export const SHARE_REPORT: TypedDocumentNode<{ shareReport: Report }, { input: { reportId: string; message?: string } }> = gql`
  mutation ShareReport($input: ShareReportInput!) { shareReport(input: $input) { ${reportFields} } }
`;

export const UNSHARE_REPORT: TypedDocumentNode<{ unshareReport: Report }, { reportId: string }> = gql`
  mutation UnshareReport($reportId: ID!) { unshareReport(reportId: $reportId) { ${reportFields} } }
`;
