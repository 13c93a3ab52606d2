import { describe, expect, test } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { auditPlugin, createLogger, type AuditDraft, type AuditRecorder, type Principal, type RequestContext } from '../src/index.js';

const typeDefs = `
  type Query { respondents: [Respondent!]! me: User! }
  type Respondent { id: ID! workspaceId: ID! name: String! }
  type User { id: ID! email: String! }
`;
const userId = 'u-1';
const resolvers = {
  Query: {
    respondents: () => [
      { id: 'r-1', workspaceId: 'w-1', name: 'Alice Martin' },
      { id: 'r-2', workspaceId: 'w-1', name: 'Bob Durand' },
    ],
    me: () => ({ id: userId, email: 'me@example.org' }),
  },
};

const member: Principal = { userId, workspaces: { 'w-1': 'ADMIN' }, platformRoles: [] };

function serverWith(recorder: AuditRecorder, principal: Principal = member) {
  const server = new ApolloServer<RequestContext>({ typeDefs, resolvers, plugins: [auditPlugin(recorder, new Set(['Respondent.name', 'User.email']), createLogger('kit', 'silent'))] });
  const run = async (query: string) => {
    const res = await server.executeOperation({ query }, { contextValue: { principal, authProblem: null } });
    if (res.body.kind !== 'single') throw new Error('single result expected');
    return res.body.singleResult;
  };
  return { server, run };
}

describe('the audit plugin', () => {
  test('a read of personal fields of others is one entry: who, the fields, the objects, never the values', async () => {
    const drafts: AuditDraft[] = [];
    const { run } = serverWith({ record: async (d) => void drafts.push(d) });
    const result = await run('query Customers { respondents { id name } }');
    expect(result.errors).toBeUndefined();
    expect(drafts).toEqual([
      { workspaceId: 'w-1', actorUserId: userId, actorClientId: null, operationType: 'query', operationName: 'Customers', fields: ['Respondent.name'], subjectRefs: ['r-1', 'r-2'], truncated: false, reason: null },
    ]);
  });

  test('a person reading their own data, or no personal field, is not audited', async () => {
    const drafts: AuditDraft[] = [];
    const { run } = serverWith({ record: async (d) => void drafts.push(d) });
    await run('{ me { id email } }');
    await run('{ respondents { id } }');
    expect(drafts).toEqual([]);
  });

  test('when the entry cannot be written the data is withheld with AUDIT_UNAVAILABLE', async () => {
    const { run } = serverWith({ record: async () => Promise.reject(new Error('database down')) });
    const result = await run('{ respondents { name } }');
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: 'AUDIT_UNAVAILABLE' } })]);
    expect(JSON.stringify(result)).not.toMatch(/Alice|Bob/);
  });

  test("a staff read under an access grant names the grant and its reason; a member's read of the same data does not", async () => {
    const drafts: AuditDraft[] = [];
    const reason = 'Ticket 4411: the customer says their answers show in the wrong dataset.';
    const staff: Principal = { userId: 'staff-1', workspaces: {}, platformRoles: ['SUPPORT'], accessGrant: { grantId: 'g-1', workspaceId: 'w-1', endsAt: Date.now() + 60_000, reason } };
    await serverWith({ record: async (d) => void drafts.push(d) }, staff).run('query Investigate { respondents { name } }');
    await serverWith({ record: async (d) => void drafts.push(d) }).run('query Customers { respondents { name } }');
    expect(drafts).toEqual([
      expect.objectContaining({ workspaceId: 'w-1', actorUserId: 'staff-1', operationName: 'Investigate', accessGrant: { id: 'g-1', reason } }),
      expect.not.objectContaining({ accessGrant: expect.anything() }),
    ]);
  });
});
