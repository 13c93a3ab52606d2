import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Consent, RightsKind, RightsRequest, RightsRequestSummary } from './rights';

/**
 * A workspace's public privacy page: a customer (respondent) proves control of their email with a mailed
 * code, then acts with the respondent session it opens. That token lives in the page's memory only and
 * is sent per operation (respondentContext), never as the signed-in user's.
 */
export const respondentContext = (token: string) => ({ headers: { authorization: `Bearer ${token}` }, respondentSession: true });

export interface RespondentPortal {
  workspaceId: string;
  workspaceName: string;
  policyVersion: number | null;
  processorName: string;
  processorAddress: string;
  dpoContact: string;
  codeTtlSeconds: number;
}

export const RESPONDENT_PORTAL: TypedDocumentNode<{ respondentPortal: RespondentPortal }, { workspaceId: string }> = gql`
  query RespondentPortal($workspaceId: ID!) {
    respondentPortal(workspaceId: $workspaceId) { workspaceId workspaceName policyVersion processorName processorAddress dpoContact codeTtlSeconds }
  }
`;

export const REQUEST_RESPONDENT_CODE: TypedDocumentNode<
  { requestRespondentCode: { sent: boolean; expiresInSeconds: number } },
  { input: { workspaceId: string; email: string; locale: 'FR' | 'EN' } }
> = gql`
  mutation RequestRespondentCode($input: RespondentCodeInput!) { requestRespondentCode(input: $input) { sent expiresInSeconds } }
`;

export const VERIFY_RESPONDENT_CODE: TypedDocumentNode<
  { verifyRespondentCode: { accessToken: string; expiresAt: string; workspaceId: string } },
  { input: { workspaceId: string; email: string; code: string } }
> = gql`
  mutation VerifyRespondentCode($input: RespondentCodeVerificationInput!) { verifyRespondentCode(input: $input) { accessToken expiresAt workspaceId } }
`;

const consentFields = 'id purpose status source grantedAt withdrawnAt';

export const MY_RESPONDENT_DATA: TypedDocumentNode<{ myRespondentRightsRequests: RightsRequestSummary[]; myRespondentConsents: Consent[] }> = gql`
  query MyRespondentData {
    myRespondentRightsRequests { id kind status requestedAt dueAt }
    myRespondentConsents { ${consentFields} }
  }
`;

export const RESPONDENT_WITHDRAW_CONSENT: TypedDocumentNode<{ withdrawConsent: Consent }, { id: string }> = gql`
  mutation RespondentWithdrawConsent($id: ID!) { withdrawConsent(id: $id, input: { method: WEB_FORM }) { ${consentFields} } }
`;

export const RESPONDENT_REQUEST: TypedDocumentNode<{ rightsRequest: RightsRequest }, { id: string }> = gql`
  query RespondentRequest($id: ID!) {
    rightsRequest(id: $id) {
      id kind status requestedAt dueAt subjectDigest completedAt durationMs expectedServices
      acknowledgements { service outcome executedAt counts { collection action count } }
    }
  }
`;

/** The access answer as the person downloads it: the Art. 15 information and every holder's section. */
export const RESPONDENT_ACCESS_ANSWER: TypedDocumentNode<{ accessAnswer: { complete: boolean; information: unknown; sections: Array<{ service: string; receivedAt: string; collections: Array<{ collection: string; documents: string[] }> }> } }, { id: string }> = gql`
  query RespondentAccessAnswer($id: ID!) {
    accessAnswer(requestId: $id) {
      complete
      information {
        controller controllerAddress dpoContact automatedDecisionMaking aiReportLogic rights transferSafeguards
        purposes { purpose description legalBases categories }
        categories { category description retention sources heldBy }
        recipients { name role country safeguard }
        supervisoryAuthority { name address phone website }
      }
      sections { service receivedAt collections { collection documents } }
    }
  }
`;

export const RESPONDENT_PORTABILITY: TypedDocumentNode<{ portabilityOutcome: { status: string; downloadPath: string | null; expiresAt: string | null } }, { id: string }> = gql`
  query RespondentPortability($id: ID!) { portabilityOutcome(requestId: $id) { status downloadPath expiresAt } }
`;

/** The rights a respondent exercises on the page, each its own mutation of the one graph. */
export type SelfServiceKind = Extract<RightsKind, 'ACCESS' | 'ERASURE' | 'RESTRICTION' | 'PORTABILITY' | 'OBJECTION' | 'RECTIFICATION'>;
export const SELF_SERVICE_KINDS: SelfServiceKind[] = ['ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'PORTABILITY'];

type Opened = { id: string };
type ContactInput = { contactEmail: string; contactLocale: 'FR' | 'EN' };

export const RESPONDENT_REQUESTS = {
  ACCESS: gql`mutation RespondentRequestAccess($input: RightsRequestInput!) { requestAccess(input: $input) { id } }` as TypedDocumentNode<{ requestAccess: Opened }, { input: ContactInput }>,
  ERASURE: gql`mutation RespondentRequestErasure($input: RightsRequestInput!) { requestErasure(input: $input) { id } }` as TypedDocumentNode<{ requestErasure: Opened }, { input: ContactInput }>,
  RESTRICTION: gql`mutation RespondentRequestRestriction($input: RightsRequestInput!) { requestRestriction(input: $input) { id } }` as TypedDocumentNode<{ requestRestriction: Opened }, { input: ContactInput }>,
  PORTABILITY: gql`mutation RespondentRequestPortability($input: PortabilityInput!) { requestPortability(input: $input) { id } }` as TypedDocumentNode<{ requestPortability: Opened }, { input: Record<string, never> }>,
  OBJECTION: gql`mutation RespondentRequestObjection($input: ObjectionInput!) { requestObjection(input: $input) { id } }` as TypedDocumentNode<{ requestObjection: Opened }, { input: { purposes: string[] } }>,
  RECTIFICATION: gql`mutation RespondentRequestRectification($input: RectificationInput!) { requestRectification(input: $input) { id } }` as TypedDocumentNode<
    { requestRectification: Opened },
    { input: ContactInput & { name?: string; statement?: string } }
  >,
};
