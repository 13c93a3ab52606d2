import { gql, type TypedDocumentNode } from '@apollo/client';

/** The scopes a partner API client can be granted (identity checks them again). */
export const API_SCOPES = ['datasets:read', 'datasets:write', 'reports:read', 'rights:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiClient {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  revoked: boolean;
}

const clientFields = 'id name scopes createdAt revoked';

export const WORKSPACE_API_CLIENTS: TypedDocumentNode<{ workspace: { id: string; name: string; apiClients: ApiClient[] } }, { id: string }> = gql`
  query WorkspaceApiClients($id: ID!) {
    workspace(id: $id) { id name apiClients { ${clientFields} } }
  }
`;

export const CREATE_API_CLIENT: TypedDocumentNode<
  { createApiClient: { client: ApiClient; clientSecret: string } },
  { input: { workspaceId: string; name: string; scopes: ApiScope[] } }
> = gql`
  mutation CreateApiClient($input: CreateApiClientInput!) {
    createApiClient(input: $input) { client { ${clientFields} } clientSecret }
  }
`;

export const REVOKE_API_CLIENT: TypedDocumentNode<{ revokeApiClient: ApiClient }, { input: { workspaceId: string; clientId: string } }> = gql`
  mutation RevokeApiClient($input: RevokeApiClientInput!) {
    revokeApiClient(input: $input) { ${clientFields} }
  }
`;
