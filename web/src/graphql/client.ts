import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { onError } from '@apollo/client/link/error';
import { session } from '../session/session';

/** Only the gateway's single graph, on the app's own origin. */
const http = new HttpLink({ uri: '/graphql' });

const withToken = setContext((_, { headers }) => {
  const token = session.get()?.accessToken;
  return { headers: { ...(headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) } };
});

// A token the graph refuses (expired, revoked) ends the session: the app shows the sign-in page.
const signOutWhenRefused = onError(({ graphQLErrors }) => {
  if (graphQLErrors?.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED') && session.get()) session.signOut();
});

export function createClient() {
  return new ApolloClient({
    link: ApolloLink.from([signOutWhenRefused, withToken, http]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
