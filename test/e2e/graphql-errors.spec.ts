import { describe, expect, test } from '@jest/globals';
import { SUBGRAPHS } from '@verbatim/contracts';
import { gatewayUrl } from '../support/graph.js';

/** The gateway, then each subgraph as a direct caller reaches it (TEST_<NAME>_URL). */
const endpoints: Array<[string, string]> = [
  ['gateway', gatewayUrl()],
  ...SUBGRAPHS.map((name): [string, string] => {
    const url = process.env[`TEST_${name.toUpperCase()}_URL`];
    if (!url) throw new Error(`TEST_${name.toUpperCase()}_URL is not set: run the tests with \`npm test\`.`);
    return [name, url];
  }),
];

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

async function post(url: string, body: unknown, accept = GRAPHQL_RESPONSE) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

// Operations every schema can answer or refuse: none depends on a field of one subgraph.
const mistakes = [
  ['a syntax error', { query: '{ __typename ' }, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
  ['an unknown field', { query: '{ noSuchField }' }, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "noSuchField"/],
  ['a variable of the wrong type', { query: 'query($b: Boolean!) { __typename @include(if: $b) }', variables: { b: 'yes' } }, 'BAD_USER_INPUT', /Variable "\$b" got invalid value "yes"/],
  ['a missing required variable', { query: 'query($b: Boolean!) { __typename @include(if: $b) }' }, 'BAD_USER_INPUT', /Variable "\$b" of required type "Boolean!" was not provided/],
] as const;

describe.each(endpoints)('client mistakes at the %s', (_name, url) => {
  test.each(mistakes)('%s keeps its standard code and message, with a 4xx status and no stack', async (_what, body, code, message) => {
    const answer = await post(url, body);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.errors?.map((e) => e.extensions?.['code'])).toEqual([code]);
    expect(answer.body.errors?.[0]?.message).toMatch(message);
    expect(JSON.stringify(answer.body)).not.toMatch(/stacktrace|INTERNAL_SERVER_ERROR/);
  });

  test.each(mistakes)('%s is answered 200 with the same code to a legacy client accepting only application/json', async (_what, body, code, _message) => {
    const answer = await post(url, body, 'application/json');
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.map((e) => e.extensions?.['code'])).toEqual([code]);
  });

  test('a POST that is not JSON is refused with 415 and BAD_REQUEST', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });
});
