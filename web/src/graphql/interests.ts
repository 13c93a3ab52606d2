import { gql, type TypedDocumentNode } from '@apollo/client';

export interface Interest {
  id: string;
  theme: string;
  note: string | null;
  sharedWith: string[];
}

export const MY_INTERESTS: TypedDocumentNode<{ me: { id: string; interests: Interest[]; memberships: Array<{ workspace: { id: string; name: string } }> } }> = gql`
  query MyInterests {
    me { id interests { id theme note sharedWith } memberships { workspace { id name } } }
  }
`;

export const ADD_INTEREST: TypedDocumentNode<{ addInterest: Interest }, { input: { theme: string; note?: string | null } }> = gql`
  mutation AddInterest($input: AddInterestInput!) {
    addInterest(input: $input) { id theme note sharedWith }
  }
`;

export const REMOVE_INTEREST: TypedDocumentNode<{ removeInterest: boolean }, { id: string }> = gql`
  mutation RemoveInterest($id: ID!) {
    removeInterest(id: $id)
  }
`;

export const SHARE_INTEREST: TypedDocumentNode<{ shareInterest: Interest }, { input: { interestId: string; workspaceId: string } }> = gql`
  mutation ShareInterest($input: ShareInterestInput!) {
    shareInterest(input: $input) { id sharedWith }
  }
`;

export const UNSHARE_INTEREST: TypedDocumentNode<{ unshareInterest: Interest }, { input: { interestId: string; workspaceId: string } }> = gql`
  mutation UnshareInterest($input: ShareInterestInput!) {
    unshareInterest(input: $input) { id sharedWith }
  }
`;
