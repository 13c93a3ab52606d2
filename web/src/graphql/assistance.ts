import { gql, type TypedDocumentNode } from '@apollo/client';

export type AssistanceStatus = 'OPEN' | 'ANSWERED' | 'CLOSED';

export interface AssistanceThread {
  id: string;
  subject: string;
  workspaceId: string | null;
  status: AssistanceStatus;
  createdAt: string;
  messages: Array<{ id: string; from: 'USER' | 'SUPPORT'; body: string; at: string }>;
}

export const MY_ASSISTANCE: TypedDocumentNode<{ me: { id: string; assistanceThreads: AssistanceThread[]; memberships: Array<{ workspace: { id: string; name: string } }> } }> = gql`
  query MyAssistance {
    me { id assistanceThreads { id subject workspaceId status createdAt messages { id from body at } } memberships { workspace { id name } } }
  }
`;

export const OPEN_THREAD: TypedDocumentNode<{ openAssistanceThread: AssistanceThread }, { input: { subject: string; body: string; workspaceId?: string | null } }> = gql`
  mutation OpenAssistanceThread($input: OpenAssistanceThreadInput!) {
    openAssistanceThread(input: $input) { id subject workspaceId status createdAt messages { id from body at } }
  }
`;

export const POST_MESSAGE: TypedDocumentNode<{ postAssistanceMessage: AssistanceThread }, { input: { threadId: string; body: string } }> = gql`
  mutation PostAssistanceMessage($input: PostAssistanceMessageInput!) {
    postAssistanceMessage(input: $input) { id subject workspaceId status createdAt messages { id from body at } }
  }
`;

export const CLOSE_THREAD: TypedDocumentNode<{ closeAssistanceThread: AssistanceThread }, { id: string }> = gql`
  mutation CloseAssistanceThread($id: ID!) {
    closeAssistanceThread(id: $id) { id subject workspaceId status createdAt messages { id from body at } }
  }
`;
