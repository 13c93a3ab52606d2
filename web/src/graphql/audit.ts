import { gql, type TypedDocumentNode } from '@apollo/client';

export interface AuditEntry {
  id: string;
  service: string;
  at: string;
  actorUserId: string | null;
  actorClientId: string | null;
  operationType: string;
  operationName: string | null;
  fields: string[];
  subjectRefs: string[];
  truncated: boolean;
  reason: string | null;
  /** The staff access grant a read was made under (staff outside the workspace), or that a grant step is about. */
  accessGrant: { id: string; reason: string } | null;
  /** A step of a staff access grant rather than a read. */
  action: string | null;
}

export interface RightsAuditEntry {
  id: string;
  action: string;
  actorId: string;
  at: string;
  subjectType: string;
  requestId: string | null;
  holdId: string | null;
  reference: string | null;
}

/** The workspace's audit trail (ADMIN only): reads and changes of its personal data, and what was done on its requests. */
export const WORKSPACE_AUDIT: TypedDocumentNode<
  { workspace: { id: string; name: string; auditLog: AuditEntry[]; rightsAudit: RightsAuditEntry[] } },
  { id: string; first: number; before?: string | null }
> = gql`
  query WorkspaceAudit($id: ID!, $first: Int!, $before: String) {
    workspace(id: $id) {
      id
      name
      auditLog(first: $first, before: $before) { id service at actorUserId actorClientId operationType operationName fields subjectRefs truncated reason accessGrant { id reason } action }
      rightsAudit { id action actorId at subjectType requestId holdId reference }
    }
  }
`;
