import { gql, type TypedDocumentNode } from '@apollo/client';

export type RightsKind = 'ERASURE' | 'RESTRICTION' | 'LIFT_RESTRICTION' | 'ACCESS' | 'RECTIFICATION' | 'PORTABILITY' | 'OBJECTION';
export type RightsStatus = 'IN_PROGRESS' | 'ON_HOLD' | 'OVERDUE' | 'REFUSED' | 'COMPLETED' | 'NOT_FOUND';
export type ConsentPurpose = 'ANALYSIS' | 'AI_PROCESSING' | 'CONTACT';

export interface RightsRequestSummary {
  id: string;
  kind: RightsKind;
  status: RightsStatus;
  requestedAt: string;
  dueAt: string;
}

export interface RightsRequest extends RightsRequestSummary {
  subjectDigest: string | null;
  completedAt: string | null;
  durationMs: number | null;
  expectedServices: string[];
  acknowledgements: Array<{ service: string; outcome: string; executedAt: string; counts: Array<{ collection: string; action: string; count: number }> }>;
}

export interface Consent {
  id: string;
  purpose: ConsentPurpose;
  status: 'GRANTED' | 'WITHDRAWN' | 'OUTDATED';
  source: string;
  grantedAt: string;
  withdrawnAt: string | null;
}

const consentFields = 'id purpose status source grantedAt withdrawnAt';

export const WORKSPACE_RIGHTS: TypedDocumentNode<{ workspace: { id: string; name: string; rightsRequests: RightsRequestSummary[] } }, { id: string }> = gql`
  query WorkspaceRights($id: ID!) {
    workspace(id: $id) { id name rightsRequests { id kind status requestedAt dueAt } }
  }
`;

export interface RespondentLookup {
  respondent: { id: string; externalId: string; restricted: boolean; responseCount: number; consents: Consent[] } | null;
}

export const RESPONDENT: TypedDocumentNode<RespondentLookup, { workspaceId: string; externalId: string }> = gql`
  query Respondent($workspaceId: ID!, $externalId: String!) {
    respondent(workspaceId: $workspaceId, externalId: $externalId) {
      id externalId restricted responseCount consents { ${consentFields} }
    }
  }
`;

export const RIGHTS_REQUEST: TypedDocumentNode<{ rightsRequest: RightsRequest }, { id: string }> = gql`
  query RightsRequest($id: ID!) {
    rightsRequest(id: $id) {
      id kind status requestedAt dueAt subjectDigest completedAt durationMs expectedServices
      acknowledgements { service outcome executedAt counts { collection action count } }
    }
  }
`;

type RightsInput = { input: { workspaceId?: string; respondentId?: string } };

export const REQUEST_ERASURE: TypedDocumentNode<{ requestErasure: { id: string } }, RightsInput> = gql`
  mutation RequestErasure($input: RightsRequestInput!) { requestErasure(input: $input) { id } }
`;
export const REQUEST_RESTRICTION: TypedDocumentNode<{ requestRestriction: { id: string } }, RightsInput> = gql`
  mutation RequestRestriction($input: RightsRequestInput!) { requestRestriction(input: $input) { id } }
`;
export const LIFT_RESTRICTION: TypedDocumentNode<{ liftRestriction: { id: string } }, RightsInput> = gql`
  mutation LiftRestriction($input: RightsRequestInput!) { liftRestriction(input: $input) { id } }
`;

export const RECORD_CONSENT: TypedDocumentNode<
  { recordConsent: Consent },
  {
    input: {
      workspaceId: string;
      subjectType: 'RESPONDENT' | 'USER';
      subjectId: string;
      purpose: ConsentPurpose;
      source: string;
      method: 'WEB_FORM' | 'IMPORT' | 'API';
      evidence: { text: string; proofRef: string };
    };
  }
> = gql`
  mutation RecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { ${consentFields} } }
`;

export const WITHDRAW_CONSENT: TypedDocumentNode<{ withdrawConsent: Consent }, { id: string }> = gql`
  mutation WithdrawConsent($id: ID!) { withdrawConsent(id: $id) { ${consentFields} } }
`;

export interface PrivacyCenter {
  me: { id: string; firstName: string; restricted: boolean; consents: Consent[]; rightsRequests: RightsRequestSummary[] };
  subprocessorRegistry: Array<{ kind: 'HOSTING' | 'SECURITY' | 'EMAIL' | 'AI'; name: string; purpose: string; location: string; country: string; safeguard: string }>;
  privacyPolicy: { current: PolicyVersion | null };
}

export interface PolicyVersion {
  version: number;
  publishedAt: string;
  textEn: string;
  textFr: string;
  summaryEn: string;
  summaryFr: string;
}
const policyFields = 'version publishedAt textEn textFr summaryEn summaryFr';

export const CURRENT_POLICY: TypedDocumentNode<{ privacyPolicy: { current: PolicyVersion | null } }> = gql`
  query CurrentPolicy { privacyPolicy { current { ${policyFields} } } }
`;

export const ACKNOWLEDGE_POLICY: TypedDocumentNode<{ acknowledgePrivacyPolicy: { version: number; accessToken: string; expiresAt: string } }, { version: number }> = gql`
  mutation AcknowledgePolicy($version: Int!) { acknowledgePrivacyPolicy(version: $version) { version accessToken expiresAt } }
`;

export const PRIVACY_CENTER: TypedDocumentNode<PrivacyCenter> = gql`
  query PrivacyCenter {
    me { id firstName restricted consents { ${consentFields} } rightsRequests { id kind status requestedAt dueAt } }
    subprocessorRegistry { kind name purpose location country safeguard }
    privacyPolicy { current { ${policyFields} } }
  }
`;
