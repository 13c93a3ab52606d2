import { gql, type TypedDocumentNode } from '@apollo/client';

export type AccessGrantStatus = 'PENDING' | 'ACTIVE' | 'DENIED' | 'REVOKED' | 'EXPIRED';

/** A platform staff member's read access to the workspace, as its ADMINs see it. */
export interface AccessGrant {
  id: string;
  staffUserId: string;
  reason: string;
  durationMinutes: number;
  breakGlass: boolean;
  status: AccessGrantStatus;
  requestedAt: string;
  endsAt: string | null;
}

export const WORKSPACE_ACCESS_GRANTS: TypedDocumentNode<{ workspace: { id: string; name: string }; workspaceAccessGrants: AccessGrant[] }, { id: string }> = gql`
  query WorkspaceAccessGrants($id: ID!) {
    workspace(id: $id) { id name }
    workspaceAccessGrants(workspaceId: $id) { id staffUserId reason durationMinutes breakGlass status requestedAt endsAt }
  }
`;

type Decision = { input: { workspaceId: string; grantId: string } };
type Decided = { id: string; status: AccessGrantStatus; endsAt: string | null };

export const APPROVE_ACCESS_GRANT: TypedDocumentNode<{ approveAccessGrant: Decided }, Decision> = gql`
  mutation ApproveAccessGrant($input: AccessGrantDecisionInput!) {
    approveAccessGrant(input: $input) { id status endsAt }
  }
`;

export const DENY_ACCESS_GRANT: TypedDocumentNode<{ denyAccessGrant: Decided }, Decision> = gql`
  mutation DenyAccessGrant($input: AccessGrantDecisionInput!) {
    denyAccessGrant(input: $input) { id status endsAt }
  }
`;

export const REVOKE_ACCESS_GRANT: TypedDocumentNode<{ revokeAccessGrant: Decided }, Decision> = gql`
  mutation RevokeAccessGrant($input: AccessGrantDecisionInput!) {
    revokeAccessGrant(input: $input) { id status endsAt }
  }
`;
