import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, Observable } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { onError } from '@apollo/client/link/error';
import { session } from '../session/session';

/** Only the gateway's single graph, on the app's own origin. */
const http = new HttpLink({ uri: '/graphql' });

/** The signed-in person's token, unless the operation brings its own (a respondent's session on a public privacy page). */
const withToken = setContext((_, { headers }) => {
  const given = headers as Record<string, string> | undefined;
  const token = session.get()?.accessToken;
  return { headers: { ...given, ...(token && !given?.['authorization'] ? { authorization: `Bearer ${token}` } : {}) } };
});

/**
 * A token the graph refuses (expired, revoked): one refresh from the session cookie, then the operation
 * again with the new token; when the session has ended, the app shows the sign-in page.
 */
const refreshWhenRefused = onError(({ graphQLErrors, operation, forward }) => {
  // A respondent's session is not refreshed: its page asks for a new code instead.
  if (operation.getContext()['respondentSession']) return;
  if (!graphQLErrors?.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED') || !session.get()) return;
  if (operation.getContext()['retriedAfterRefresh']) {
    session.forget();
    return;
  }
  return new Observable((observer) => {
    void session.refresh().then((refreshed) => {
      if (!refreshed) {
        observer.error(new Error('Your session has ended: sign in again.'));
        return;
      }
      operation.setContext({ retriedAfterRefresh: true });
      forward(operation).subscribe(observer);
    });
  });
});

export function createClient() {
  return new ApolloClient({
    link: ApolloLink.from([refreshWhenRefused, withToken, http]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
