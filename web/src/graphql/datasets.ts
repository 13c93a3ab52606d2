import { gql, type TypedDocumentNode } from '@apollo/client';

export type ImportStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface DatasetPage {
  dataset: {
    id: string;
    name: string;
    workspaceId: string;
    responseCount: number;
    anonymizedCount: number;
    analyzableCount: number;
    responses: Array<{
      id: string;
      submittedAt: string;
      pipelineState: 'FORWARDED' | 'HELD';
      respondent: { id: string; externalId: string };
      anonymization: { entities: Array<{ type: string; count: number }> } | null;
    }>;
    reports: Array<{ id: string; createdAt: string; visibility: 'PRIVATE' | 'WORKSPACE'; responseCount: number }>;
  };
}

export const DATASET: TypedDocumentNode<DatasetPage, { id: string }> = gql`
  query Dataset($id: ID!) {
    dataset(id: $id) {
      id name workspaceId responseCount anonymizedCount analyzableCount
      responses(first: 20) {
        id submittedAt pipelineState
        respondent { id externalId }
        anonymization { entities { type count } }
      }
      reports { id createdAt visibility responseCount }
    }
  }
`;

export const CREATE_DATASET: TypedDocumentNode<{ createDataset: { id: string } }, { input: { workspaceId: string; name: string } }> = gql`
  mutation CreateDataset($input: CreateDatasetInput!) {
    createDataset(input: $input) { id }
  }
`;

export interface ResponseInput {
  externalId: string;
  text: string;
  consentRef: string;
  email?: string;
}

export const ADD_RESPONSES: TypedDocumentNode<
  { addResponses: { dataset: { id: string; responseCount: number } } },
  { input: { datasetId: string; responses: ResponseInput[] } }
> = gql`
  mutation AddResponses($input: AddResponsesInput!) {
    addResponses(input: $input) { dataset { id responseCount } }
  }
`;

export interface ImportJob {
  id: string;
  status: ImportStatus;
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  uploadPath: string;
  errors: Array<{ line: number | null; field: string | null; reason: string }>;
}

const importFields = 'id status rowsRead rowsStored rowsRejected uploadPath errors { line field reason }';

export const START_IMPORT: TypedDocumentNode<{ startImport: ImportJob }, { input: { datasetId: string; format: 'CSV' | 'NDJSON' | 'JSON' } }> = gql`
  mutation StartImport($input: StartImportInput!) {
    startImport(input: $input) { ${importFields} }
  }
`;

export const IMPORT_JOB: TypedDocumentNode<{ importJob: ImportJob }, { id: string }> = gql`
  query ImportJob($id: ID!) {
    importJob(id: $id) { ${importFields} }
  }
`;

export interface Preview {
  anonymizationPreview: { text: string; language: string; changes: Array<{ type: string; start: number; end: number; operator: string }> };
}

export const ANONYMIZATION_PREVIEW: TypedDocumentNode<Preview, { workspaceId: string; text: string }> = gql`
  query AnonymizationPreview($workspaceId: ID!, $text: String!) {
    anonymizationPreview(workspaceId: $workspaceId, text: $text) { text language changes { type start end operator } }
  }
`;
