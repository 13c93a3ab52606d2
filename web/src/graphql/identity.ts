import { gql, type TypedDocumentNode } from '@apollo/client';

export type Role = 'ADMIN' | 'MEMBER';

interface AuthPayload {
  accessToken: string;
  expiresAt: string;
  user: { id: string; firstName: string };
}

export const REGISTER: TypedDocumentNode<{ register: AuthPayload }, { input: { firstName: string; email: string; password: string } }> = gql`
  mutation Register($input: RegisterInput!) {
    register(input: $input) { accessToken expiresAt user { id firstName } }
  }
`;

export interface MyWorkspaces {
  me: { id: string; firstName: string; memberships: Array<{ role: Role; workspace: { id: string; name: string; createdAt: string } }> };
}

export const MY_WORKSPACES: TypedDocumentNode<MyWorkspaces> = gql`
  query MyWorkspaces {
    me { id firstName memberships { role workspace { id name createdAt } } }
  }
`;

export const CREATE_WORKSPACE: TypedDocumentNode<
  { createWorkspace: { accessToken: string; workspace: { id: string; name: string } } },
  { input: { name: string } }
> = gql`
  mutation CreateWorkspace($input: CreateWorkspaceInput!) {
    createWorkspace(input: $input) { accessToken workspace { id name } }
  }
`;

export interface WorkspaceOverview {
  workspace: {
    id: string;
    name: string;
    myRole: Role;
    members: Array<{ userId: string; firstName: string; role: Role }>;
    datasets: Array<{ id: string; name: string; createdAt: string; responseCount: number }>;
    sharedReports: Array<{ id: string; datasetId: string; createdAt: string; sharedAt: string | null; shareMessage: string | null }>;
    sharedInterests: Array<{ id: string; theme: string; note: string | null; sharedBy: string }>;
  };
}

export const WORKSPACE: TypedDocumentNode<WorkspaceOverview, { id: string }> = gql`
  query Workspace($id: ID!) {
    workspace(id: $id) {
      id name myRole
      members { userId firstName role }
      datasets { id name createdAt responseCount }
      sharedReports { id datasetId createdAt sharedAt shareMessage }
      sharedInterests { id theme note sharedBy }
    }
  }
`;

export const ADD_MEMBER: TypedDocumentNode<
  { addWorkspaceMember: { id: string; members: Array<{ userId: string; firstName: string; role: Role }> } },
  { input: { workspaceId: string; email: string; role: Role } }
> = gql`
  mutation AddMember($input: AddWorkspaceMemberInput!) {
    addWorkspaceMember(input: $input) { id members { userId firstName role } }
  }
`;
